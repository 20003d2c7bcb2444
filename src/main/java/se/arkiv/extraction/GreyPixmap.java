package se.arkiv.extraction;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A page image that had to be decoded or rendered in Java, written for Tesseract as an uncompressed
 * grey pixmap (PGM): grey is all Tesseract uses, and writing raw bytes costs nothing next to the
 * PNG compression it replaces (Leptonica reads both). The file lives only until Tesseract has read
 * it.
 */
final class GreyPixmap {

  private GreyPixmap() {}

  static Path write(BufferedImage image, Path scratch) throws IOException {
    BufferedImage grey = grey(image);
    Path pgm = Files.createTempFile(scratch, "ocr-page-", ".pgm");
    int width = grey.getWidth();
    int height = grey.getHeight();
    Raster raster = grey.getRaster();
    byte[] row = new byte[width];
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(pgm), 1 << 16)) {
      out.write(("P5\n" + width + " " + height + "\n255\n").getBytes(StandardCharsets.US_ASCII));
      for (int y = 0; y < height; y++) {
        raster.getDataElements(0, y, width, 1, row);
        out.write(row);
      }
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(pgm);
      throw e;
    }
    return pgm;
  }

  /** The image in 8-bit grey: a CMYK or indexed scan becomes a form every writer takes. */
  static BufferedImage grey(BufferedImage image) {
    if (image.getType() == BufferedImage.TYPE_BYTE_GRAY) {
      return image;
    }
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
