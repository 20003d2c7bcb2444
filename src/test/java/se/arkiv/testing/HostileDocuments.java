package se.arkiv.testing;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.poi.poifs.crypt.EncryptionInfo;
import org.apache.poi.poifs.crypt.EncryptionMode;
import org.apache.poi.poifs.crypt.Encryptor;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;

/** The hostile files that are documents of a real format: PDFs, Office files, PNGs, e-mail. */
final class HostileDocuments {

  private HostileDocuments() {}

  /**
   * A PNG whose header declares {@code side} × {@code side} grey pixels, followed by a few bytes of
   * image data: a decoder that trusts the header allocates side² bytes before it finds out.
   */
  static byte[] pngDeclaring(int side) throws IOException {
    return png(side, Deflated.zlibZeros(4096));
  }

  /** A complete, valid PNG of {@code side} × {@code side} black pixels, under a megabyte. */
  static byte[] png(int side) throws IOException {
    // Every row is a filter byte 0 and then black pixels: all of the image data is zeros.
    return png(side, Deflated.zlibZeros((long) side * (side + 1)));
  }

  private static byte[] png(int side, byte[] imageData) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
    ByteBuffer header = ByteBuffer.allocate(13);
    header.putInt(side).putInt(side).put((byte) 8).put((byte) 0).put((byte) 0);
    header.put((byte) 0).put((byte) 0);
    chunk(out, "IHDR", header.array());
    chunk(out, "IDAT", imageData);
    chunk(out, "IEND", new byte[0]);
    return out.toByteArray();
  }

  private static void chunk(OutputStream out, String type, byte[] data) throws IOException {
    byte[] name = type.getBytes(StandardCharsets.US_ASCII);
    out.write(ByteBuffer.allocate(4).putInt(data.length).array());
    out.write(name);
    out.write(data);
    CRC32 crc = new CRC32();
    crc.update(name);
    crc.update(data);
    out.write(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
  }

  /**
   * One page of {@code points} × {@code points}: with a line of text, or (a "scan") with only a
   * small image stretched over the page, so that OCR and the preview render the whole page.
   */
  static byte[] hugePagePdf(float points, boolean text) {
    try (PDDocument document = new PDDocument()) {
      PDPage page = new PDPage(new PDRectangle(points, points));
      document.addPage(page);
      try (PDPageContentStream content = new PDPageContentStream(document, page)) {
        if (text) {
          content.beginText();
          content.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
          content.newLineAtOffset(50, points - 50);
          content.showText("En mycket stor sida");
          content.endText();
        } else {
          BufferedImage speck = new BufferedImage(8, 8, BufferedImage.TYPE_BYTE_GRAY);
          Graphics2D g = speck.createGraphics();
          g.setColor(Color.WHITE);
          g.fillRect(0, 0, 8, 8);
          g.setColor(Color.BLACK);
          g.drawLine(0, 0, 7, 7);
          g.dispose();
          content.drawImage(LosslessFactory.createFromImage(document, speck), 0, 0, points, points);
        }
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      document.save(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A real DOCX whose document.xml gains a DOCTYPE with an external entity used in the text. */
  static byte[] docxWithDoctype(String target) throws IOException {
    byte[] docx = TestDocuments.docx("Avtal med extern entitet: EXT");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(docx));
        ZipOutputStream zip = new ZipOutputStream(out)) {
      for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
        byte[] content = in.readAllBytes();
        if (entry.getName().equals("word/document.xml")) {
          String xml = new String(content, StandardCharsets.UTF_8);
          int afterDeclaration = xml.indexOf("?>") + 2;
          xml =
              xml.substring(0, afterDeclaration)
                  + "<!DOCTYPE w:document [<!ENTITY ext SYSTEM \""
                  + target
                  + "\">]>"
                  + xml.substring(afterDeclaration).replace("EXT", "&ext;");
          content = xml.getBytes(StandardCharsets.UTF_8);
        }
        zip.putNextEntry(new ZipEntry(entry.getName()));
        zip.write(content);
        zip.closeEntry();
      }
    }
    return out.toByteArray();
  }

  /** A DOCX encrypted with a password (ECMA-376 agile encryption), as Word saves it. */
  static byte[] encryptedDocx(String text) throws IOException {
    byte[] docx = TestDocuments.docx(text);
    try (POIFSFileSystem fs = new POIFSFileSystem()) {
      EncryptionInfo info = new EncryptionInfo(EncryptionMode.agile);
      Encryptor encryptor = info.getEncryptor();
      encryptor.confirmPassword("hemligt");
      try (OutputStream data = encryptor.getDataStream(fs);
          InputStream in = new ByteArrayInputStream(docx)) {
        in.transferTo(data);
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      fs.writeFilesystem(out);
      return out.toByteArray();
    } catch (GeneralSecurityException e) {
      throw new IOException(e);
    }
  }

  /** An e-mail with a text attachment whose file name climbs out of any folder it is saved in. */
  static byte[] emlWithAttachmentNamed(String fileName) {
    String attachment =
        Base64.getMimeEncoder()
            .encodeToString("Bilaga som vill ut".getBytes(StandardCharsets.UTF_8));
    String eml =
        "From: avsandare@example.com\r\n"
            + "To: arkiv@example.com\r\n"
            + "Subject: Bilaga med farligt namn\r\n"
            + "Date: Mon, 1 Dec 2025 10:00:00 +0100\r\n"
            + "MIME-Version: 1.0\r\n"
            + "Content-Type: multipart/mixed; boundary=\"gr\"\r\n\r\n"
            + "--gr\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\nSe bilagan.\r\n"
            + "--gr\r\nContent-Type: text/plain; name=\""
            + fileName
            + "\"\r\nContent-Disposition: attachment; filename=\""
            + fileName
            + "\"\r\nContent-Transfer-Encoding: base64\r\n\r\n"
            + attachment
            + "\r\n--gr--\r\n";
    return eml.getBytes(StandardCharsets.UTF_8);
  }
}
