package se.arkiv.extraction;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.parser.AutoDetectParser;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.ocr.TesseractOCRConfig;
import org.apache.tika.sax.BodyContentHandler;
import se.arkiv.record.OcrPage;

/**
 * One page image read by Tesseract through Tika, with its mean word confidence. The page goes to
 * Tesseract as a PNG of its own, so every page of a PDF or a multi-page TIFF is read and scored
 * separately.
 */
final class PageOcr {

  record Page(String text, double confidence) {}

  private PageOcr() {}

  static Page read(
      BufferedImage image, AutoDetectParser parser, TesseractOCRConfig config, Path scratch)
      throws Exception {
    Path png = Files.createTempFile(scratch, "ocr-page-", ".png");
    try {
      // Grey is all Tesseract uses, a third of the memory of colour, and a form PNG can always
      // take (a CMYK scan decodes to a type the PNG writer refuses).
      if (!ImageIO.write(grey(image), "png", png.toFile())) {
        throw new java.io.IOException("the page image cannot be written as PNG");
      }
      return read(png, parser, config);
    } finally {
      Files.deleteIfExists(png);
    }
  }

  static BufferedImage grey(BufferedImage image) {
    if (image.getType() == BufferedImage.TYPE_BYTE_GRAY) {
      return image;
    }
    BufferedImage grey =
        new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_BYTE_GRAY);
    java.awt.Graphics2D g = grey.createGraphics();
    try {
      g.drawImage(image, 0, 0, null);
    } finally {
      g.dispose();
    }
    return grey;
  }

  /** Reads an image file as one page, in any format Tika's OCR takes. */
  static Page read(Path image, AutoDetectParser parser, TesseractOCRConfig config)
      throws Exception {
    Page read = ocr(image, parser, config);
    if (read.text().isBlank()) {
      // Tesseract's layout analysis can take a scanned strip for a picture; reading the
      // page as sparse text (page segmentation mode 11) finds the words all the same.
      read = ocr(image, parser, sparse(config));
    }
    return read;
  }

  private static Page ocr(Path png, AutoDetectParser parser, TesseractOCRConfig config)
      throws Exception {
    BodyContentHandler body = new BodyContentHandler(-1);
    OcrConfidence confidence = new OcrConfidence(body);
    ParseContext context = new ParseContext();
    context.set(TesseractOCRConfig.class, config);
    try (TikaInputStream in = TikaInputStream.get(png)) {
      parser.parse(in, confidence, new Metadata(), context);
    }
    double mean = confidence.pages().stream().mapToDouble(OcrPage::confidence).max().orElse(0);
    return new Page(body.toString().strip(), mean);
  }

  private static TesseractOCRConfig sparse(TesseractOCRConfig config) {
    TesseractOCRConfig sparse = new TesseractOCRConfig();
    sparse.setLanguage(config.getLanguage());
    sparse.setTimeoutSeconds(config.getTimeoutSeconds());
    sparse.setOutputType(config.getOutputType());
    sparse.setPageSegMode("11");
    return sparse;
  }
}
