package se.arkiv.testing;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.poi.poifs.filesystem.DirectoryEntry;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.xwpf.usermodel.XWPFDocument;

/** Real documents made on the fly, so tests need no binary fixtures in git. */
public final class TestDocuments {

  private TestDocuments() {}

  /** A one-page PDF with the given lines (Latin-1, so å, ä and ö are fine). */
  public static byte[] pdf(String... lines) {
    try (PDDocument document = new PDDocument()) {
      write(document, lines);
      return save(document);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A PDF that opens only with a user password. */
  public static byte[] encryptedPdf(String... lines) {
    try (PDDocument document = new PDDocument()) {
      write(document, lines);
      StandardProtectionPolicy policy =
          new StandardProtectionPolicy("owner-secret", "user-secret", new AccessPermission());
      policy.setEncryptionKeyLength(128);
      document.protect(policy);
      return save(document);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The first third of a real PDF: the header is right, the rest is missing. */
  public static byte[] corruptPdf() {
    byte[] whole = pdf("Denna fil är trasig");
    byte[] cut = Arrays.copyOf(whole, whole.length / 3);
    return cut;
  }

  public static byte[] docx(String... paragraphs) {
    try (XWPFDocument document = new XWPFDocument();
        ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      for (String paragraph : paragraphs) {
        document.createParagraph().createRun().setText(paragraph);
      }
      document.write(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** An e-mail whose body and attached text file both carry words to find. */
  public static byte[] emlWithAttachment(String subject, String body, String attachmentText) {
    return eml(
        subject,
        body,
        "text/plain; charset=UTF-8",
        "bilaga.txt",
        attachmentText.getBytes(StandardCharsets.UTF_8));
  }

  /** An e-mail with a PDF attached. */
  public static byte[] emlWithPdf(String subject, String body, String fileName, byte[] pdf) {
    return eml(subject, body, "application/pdf", fileName, pdf);
  }

  private static byte[] eml(
      String subject, String body, String attachmentType, String fileName, byte[] content) {
    String attachment = Base64.getMimeEncoder().encodeToString(content);
    String eml =
        "From: Kund <kund@example.se>\r\n"
            + "To: Backoffice <backoffice@bank.example>\r\n"
            + "Subject: "
            + subject
            + "\r\n"
            + "Date: Mon, 3 Mar 2025 10:00:00 +0100\r\n"
            + "MIME-Version: 1.0\r\n"
            + "Content-Type: multipart/mixed; boundary=\"XYZ\"\r\n\r\n"
            + "--XYZ\r\n"
            + "Content-Type: text/plain; charset=UTF-8\r\n"
            + "Content-Transfer-Encoding: 8bit\r\n\r\n"
            + body
            + "\r\n--XYZ\r\n"
            + "Content-Type: "
            + attachmentType
            + "; name=\""
            + fileName
            + "\"\r\n"
            + "Content-Disposition: attachment; filename=\""
            + fileName
            + "\"\r\n"
            + "Content-Transfer-Encoding: base64\r\n\r\n"
            + attachment
            + "\r\n--XYZ--\r\n";
    return eml.getBytes(StandardCharsets.UTF_8);
  }

  /**
   * A page of paper as a scanner sees it: black text at about 300 dpi on a white page, a little
   * speckle noise and rotated by a couple of degrees.
   */
  public static BufferedImage scan(double degrees, String... lines) {
    int width = 1700;
    int height = 140 + lines.length * 90;
    BufferedImage page = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = page.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, width, height);
    g.setRenderingHint(
        RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.rotate(Math.toRadians(degrees), width / 2.0, height / 2.0);
    g.setColor(Color.BLACK);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 50));
    for (int i = 0; i < lines.length; i++) {
      g.drawString(lines[i], 100, 120 + i * 90);
    }
    g.dispose();
    Random random = new Random(7);
    for (int i = 0; i < width * height / 200; i++) {
      page.setRGB(random.nextInt(width), random.nextInt(height), 0x606060);
    }
    return page;
  }

  public static byte[] image(BufferedImage image, String format) {
    try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      if (!ImageIO.write(image, format, out)) {
        throw new IllegalStateException("No ImageIO writer for " + format);
      }
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * An Outlook message (.msg): a compound file with MAPI properties as Outlook writes them
   * (subject, sender, body; each attachment in its own storage with name, media type and bytes).
   * Written with POI's compound-file writer, since no MSG writer exists in Java; Tika reads it with
   * POI's MAPI reader, as it reads a .msg from Outlook.
   */
  public static byte[] msg(
      String subject, String from, String body, String attachmentName, byte[] attachment) {
    try (POIFSFileSystem fs = new POIFSFileSystem();
        ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      DirectoryEntry root = fs.getRoot();
      mapiString(root, "001A", "IPM.Note");
      mapiString(root, "0037", subject);
      mapiString(root, "0C1A", from);
      mapiString(root, "0E04", "Arkiv");
      mapiString(root, "1000", body);
      // The property stream: a 32-byte header for the message itself, no fixed-size properties.
      root.createDocument("__properties_version1.0", new ByteArrayInputStream(new byte[32]));
      if (attachment != null) {
        DirectoryEntry attach = root.createDirectory("__attach_version1.0_#00000000");
        mapiString(attach, "3704", attachmentName);
        mapiString(attach, "3707", attachmentName);
        attach.createDocument("__substg1.0_37010102", new ByteArrayInputStream(attachment));
        attach.createDocument("__properties_version1.0", new ByteArrayInputStream(new byte[8]));
      }
      fs.writeFilesystem(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void mapiString(DirectoryEntry dir, String property, String value)
      throws IOException {
    dir.createDocument(
        "__substg1.0_" + property + "001F",
        new ByteArrayInputStream(value.getBytes(StandardCharsets.UTF_16LE)));
  }

  /** A multi-page TIFF, as document scanners write a stack of paper. */
  public static byte[] multiPageTiff(BufferedImage... pages) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      // The writer goes back to fill in offsets, so the bytes are complete only once the image
      // stream is closed (a flush is not enough: it left truncated files now and then).
      try (ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("tiff").next();
        writer.setOutput(stream);
        writer.prepareWriteSequence(null);
        for (BufferedImage page : pages) {
          writer.writeToSequence(new IIOImage(page, null, null), null);
        }
        writer.endWriteSequence();
        writer.dispose();
      }
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A valid PNG of {@code side} x {@code side} black 8-bit grey pixels: a few hundred kilobytes
   * that decode to side² bytes of heap, the image form of a zip bomb.
   */
  public static byte[] pngBomb(int side) {
    try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
      ByteBuffer header = ByteBuffer.allocate(13);
      header.putInt(side).putInt(side).put((byte) 8).put((byte) 0).put((byte) 0);
      header.put((byte) 0).put((byte) 0);
      pngChunk(out, "IHDR", header.array());
      ByteArrayOutputStream data = new ByteArrayOutputStream();
      try (DeflaterOutputStream deflate =
          new DeflaterOutputStream(data, new Deflater(Deflater.BEST_COMPRESSION))) {
        byte[] row = new byte[side + 1]; // filter byte 0, then black pixels
        for (int y = 0; y < side; y++) {
          deflate.write(row);
        }
      }
      pngChunk(out, "IDAT", data.toByteArray());
      pngChunk(out, "IEND", new byte[0]);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void pngChunk(ByteArrayOutputStream out, String type, byte[] data)
      throws IOException {
    byte[] name = type.getBytes(StandardCharsets.US_ASCII);
    out.write(ByteBuffer.allocate(4).putInt(data.length).array());
    out.write(name);
    out.write(data);
    CRC32 crc = new CRC32();
    crc.update(name);
    crc.update(data);
    out.write(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
  }

  /** A PDF whose pages are images only, as a scanner makes them: no text layer at all. */
  public static byte[] imagePdf(BufferedImage... scans) {
    return pdfWith(null, scans);
  }

  /** A PDF with one born-digital text page, then scanned pages. */
  public static byte[] mixedPdf(String textPage, BufferedImage... scans) {
    return pdfWith(textPage, scans);
  }

  private static byte[] pdfWith(String textPage, BufferedImage... scans) {
    try (PDDocument document = new PDDocument()) {
      if (textPage != null) {
        write(document, textPage);
      }
      for (BufferedImage scan : scans) {
        PDPage page = new PDPage();
        document.addPage(page);
        var image = LosslessFactory.createFromImage(document, scan);
        float width = page.getMediaBox().getWidth() - 72;
        float height = width * scan.getHeight() / scan.getWidth();
        try (PDPageContentStream content = new PDPageContentStream(document, page)) {
          content.drawImage(image, 36, page.getMediaBox().getHeight() - 36 - height, width, height);
        }
      }
      return save(document);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A small zip holding one large, highly compressible text file. */
  public static byte[] zipBomb(int uncompressedBytes) {
    try (ByteArrayOutputStream out = new ByteArrayOutputStream();
        ZipOutputStream zip = new ZipOutputStream(out)) {
      zip.putNextEntry(new ZipEntry("zeros.txt"));
      byte[] chunk = new byte[64 * 1024];
      Arrays.fill(chunk, (byte) 'a');
      for (int written = 0; written < uncompressedBytes; written += chunk.length) {
        zip.write(chunk);
      }
      zip.closeEntry();
      zip.finish();
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void write(PDDocument document, String... lines) throws IOException {
    PDPage page = new PDPage();
    document.addPage(page);
    try (PDPageContentStream content = new PDPageContentStream(document, page)) {
      content.beginText();
      content.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
      content.setLeading(16);
      content.newLineAtOffset(50, 720);
      for (String line : lines) {
        content.showText(line);
        content.newLine();
      }
      content.endText();
    }
  }

  private static byte[] save(PDDocument document) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    document.save(out);
    return out.toByteArray();
  }
}
