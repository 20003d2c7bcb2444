package se.arkiv.extraction;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * First-page thumbnails: PDFs rendered with PDFBox, images scaled with ImageIO, both to a PNG at
 * most {@value #MAX_SIDE} pixels on the longer side. Anything else, or anything unreadable, has no
 * preview; that is never an error.
 */
public class Previews {

  private static final Logger log = LoggerFactory.getLogger(Previews.class);
  static final int MAX_SIDE = 400;
  private static final float PDF_DPI = 50;

  public Optional<byte[]> firstPage(Path file, String mediaType) {
    try {
      BufferedImage page;
      if ("application/pdf".equals(mediaType)) {
        try (PDDocument document = Loader.loadPDF(file.toFile())) {
          if (document.isEncrypted() || document.getNumberOfPages() == 0) {
            return Optional.empty();
          }
          if (isJpeg2000Scan(document.getPage(0))) {
            // Never decoded in Java (Jpeg2000Header): drawn, it would be a white thumbnail.
            return Optional.empty();
          }
          // A page can be up to 200 inches a side; the thumbnail needs no more than twice its size.
          var box = document.getPage(0).getCropBox();
          float longest = Math.max(box.getWidth(), box.getHeight());
          float dpi = Math.min(PDF_DPI, 2 * MAX_SIDE * 72f / Math.max(1f, longest));
          page = new PDFRenderer(document).renderImageWithDPI(0, dpi, ImageType.RGB);
        }
      } else if (mediaType != null && mediaType.startsWith("image/")) {
        page = subsampled(file);
      } else {
        return Optional.empty();
      }
      if (page == null) {
        return Optional.empty();
      }
      return Optional.of(png(scaled(page)));
    } catch (IOException | RuntimeException e) {
      log.debug("No preview for {}: {}", file, e.toString());
      return Optional.empty();
    }
  }

  /**
   * The thumbnail of a page already drawn (the archival copy's first page, say), so that it is not
   * drawn a second time.
   */
  Optional<byte[]> of(BufferedImage page) {
    try {
      return Optional.of(png(scaled(page)));
    } catch (IOException | RuntimeException e) {
      log.debug("No preview from a drawn page: {}", e.toString());
      return Optional.empty();
    }
  }

  private static boolean isJpeg2000Scan(PDPage page) throws IOException {
    ScannedPdfPage.Scan scan = ScannedPdfPage.scanOf(page);
    return scan != null && ScannedPdfPage.isJpeg2000(scan.image());
  }

  /**
   * The first image in the file, decoded at every n-th pixel only, so a scan of any size (or a
   * small file that declares a huge image) costs about the thumbnail's memory, not the image's.
   */
  private static BufferedImage subsampled(Path file) throws IOException {
    try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
      var readers = in == null ? null : ImageIO.getImageReaders(in);
      if (readers == null || !readers.hasNext()) {
        return null;
      }
      ImageReader reader = ImagePageOcr.preferred(readers);
      try {
        reader.setInput(in, true, true);
        // Subsampling still decodes a whole strip or tile first: no preview of a huge image.
        if ((long) reader.getWidth(0) * reader.getHeight(0) > ImagePageOcr.MAX_PIXELS) {
          return null;
        }
        int longest = Math.max(reader.getWidth(0), reader.getHeight(0));
        int step = Math.max(1, longest / (2 * MAX_SIDE));
        ImageReadParam param = reader.getDefaultReadParam();
        param.setSourceSubsampling(step, step, 0, 0);
        return reader.read(0, param);
      } finally {
        reader.dispose();
      }
    }
  }

  /**
   * Scaled to the thumbnail's size; halved step by step while more than twice that, since one
   * bilinear step samples too few pixels to keep thin strokes of text.
   */
  private static BufferedImage scaled(BufferedImage image) {
    int longest = Math.max(image.getWidth(), image.getHeight());
    while (longest > 2 * MAX_SIDE) {
      image = resized(image, 0.5);
      longest = Math.max(image.getWidth(), image.getHeight());
    }
    return resized(image, Math.min(1.0, (double) MAX_SIDE / longest));
  }

  private static BufferedImage resized(BufferedImage image, double factor) {
    int width = Math.max(1, (int) Math.round(image.getWidth() * factor));
    int height = Math.max(1, (int) Math.round(image.getHeight() * factor));
    BufferedImage resized = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = resized.createGraphics();
    g.setRenderingHint(
        RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
    g.drawImage(image, 0, 0, width, height, null);
    g.dispose();
    return resized;
  }

  private static byte[] png(BufferedImage image) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(image, "png", out);
    return out.toByteArray();
  }
}
