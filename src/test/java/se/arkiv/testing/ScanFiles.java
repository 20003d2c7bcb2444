package se.arkiv.testing;

import java.awt.Graphics2D;
import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.spi.IIORegistry;
import javax.imageio.spi.ImageReaderSpi;
import javax.imageio.stream.ImageOutputStream;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.graphics.color.PDColorSpace;
import org.apache.pdfbox.pdmodel.graphics.color.PDDeviceGray;
import org.apache.pdfbox.pdmodel.graphics.color.PDICCBased;
import org.apache.pdfbox.pdmodel.graphics.image.JPEGFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;

/**
 * Scans in the encodings scanners and capture software write: JPEG 2000 files, and PDFs whose pages
 * are one JPEG or one JPEG 2000 image each, drawn over the whole page as a scanner does.
 */
public final class ScanFiles {

  private ScanFiles() {}

  /**
   * Takes the test class path's JPEG 2000 reader (jai-imageio, there to write the test files) out
   * of ImageIO, so that the service under test decodes JPEG 2000 as in production: not in Java.
   */
  public static void withoutJavaJpeg2000Reader() {
    IIORegistry registry = IIORegistry.getDefaultInstance();
    List<ImageReaderSpi> jpeg2000 = new ArrayList<>();
    Iterator<ImageReaderSpi> readers = registry.getServiceProviders(ImageReaderSpi.class, false);
    while (readers.hasNext()) {
      ImageReaderSpi reader = readers.next();
      if (reader.getClass().getName().contains("jpeg2000")) {
        jpeg2000.add(reader);
      }
    }
    for (ImageReaderSpi reader : jpeg2000) {
      registry.deregisterServiceProvider(reader, ImageReaderSpi.class);
    }
  }

  /** A JP2 file of the page in 8-bit grey, losslessly coded. */
  public static byte[] jpeg2000(BufferedImage page) {
    ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg2000").next();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      try (ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
        writer.setOutput(stream);
        writer.write(grey(page));
      } finally {
        writer.dispose();
      }
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A PDF of one JPEG 2000 image per page, as JPX streams. */
  public static byte[] jpeg2000Pdf(BufferedImage... scans) {
    return pdf(true, false, scans);
  }

  /** The same, each image in an ICC-based grey (the profile in the PDF), as some scanners write. */
  public static byte[] jpeg2000PdfWithGreyProfile(BufferedImage... scans) {
    return pdf(true, true, scans);
  }

  /** A PDF of one JPEG image per page, as DCT streams. */
  public static byte[] jpegPdf(BufferedImage... scans) {
    return pdf(false, false, scans);
  }

  private static byte[] pdf(boolean jpeg2000, boolean greyProfile, BufferedImage... scans) {
    try (PDDocument document = new PDDocument();
        ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      for (BufferedImage scan : scans) {
        PDImageXObject image =
            jpeg2000
                ? new PDImageXObject(
                    document,
                    new ByteArrayInputStream(jpeg2000(scan)),
                    COSName.JPX_DECODE,
                    scan.getWidth(),
                    scan.getHeight(),
                    8,
                    greyProfile ? greyProfile(document) : PDDeviceGray.INSTANCE)
                : JPEGFactory.createFromImage(document, scan, 0.9f);
        PDPage page = new PDPage();
        document.addPage(page);
        float width = page.getMediaBox().getWidth() - 72;
        float height = width * scan.getHeight() / scan.getWidth();
        try (PDPageContentStream content = new PDPageContentStream(document, page)) {
          content.drawImage(image, 36, page.getMediaBox().getHeight() - 36 - height, width, height);
        }
      }
      document.save(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static PDColorSpace greyProfile(PDDocument document) throws IOException {
    COSStream profile = document.getDocument().createCOSStream();
    try (OutputStream bytes = profile.createOutputStream(COSName.FLATE_DECODE)) {
      bytes.write(ICC_Profile.getInstance(ColorSpace.CS_GRAY).getData());
    }
    profile.setInt(COSName.N, 1);
    COSArray grey = new COSArray();
    grey.add(COSName.ICCBASED);
    grey.add(profile);
    return PDICCBased.create(grey, null);
  }

  /** The page in 8-bit grey, as most scanners deliver it. */
  public static BufferedImage grey(BufferedImage image) {
    BufferedImage grey =
        new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_BYTE_GRAY);
    Graphics2D g = grey.createGraphics();
    try {
      g.drawImage(image, 0, 0, null);
    } finally {
      g.dispose();
    }
    return grey;
  }
}
