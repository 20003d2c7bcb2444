package se.arkiv.extraction;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.parser.AutoDetectParser;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.ocr.TesseractOCRConfig;
import org.apache.tika.sax.BodyContentHandler;
import se.arkiv.record.OcrPage;

/**
 * OCR of the pages of a PDF that carry no text layer, page by page: a born-digital page is never
 * rendered or OCR'd, a scanned page is rendered at 300 dpi and read by Tesseract, with its
 * confidence.
 */
final class PdfPageOcr {

  /** A page with fewer letters than this in its text layer counts as scanned. */
  static final int MIN_TEXT_CHARACTERS = 10;

  private static final float DPI = 300;

  record Result(String text, List<OcrPage> pages) {}

  private record Page(String text, double confidence) {}

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

  private PdfPageOcr() {}

  static Result read(Path pdf, AutoDetectParser parser, TesseractOCRConfig config, Path scratch)
      throws Exception {
    StringBuilder text = new StringBuilder();
    List<OcrPage> pages = new ArrayList<>();
    try (PDDocument document = Loader.loadPDF(pdf.toFile())) {
      if (document.isEncrypted()) {
        return new Result("", List.of());
      }
      PDFTextStripper stripper = new PDFTextStripper();
      PDFRenderer renderer = new PDFRenderer(document);
      for (int page = 1; page <= document.getNumberOfPages(); page++) {
        stripper.setStartPage(page);
        stripper.setEndPage(page);
        long letters = stripper.getText(document).codePoints().filter(Character::isLetter).count();
        if (letters >= MIN_TEXT_CHARACTERS) {
          continue;
        }
        BufferedImage image = renderer.renderImageWithDPI(page - 1, DPI, ImageType.GRAY);
        Path png = Files.createTempFile(scratch, "ocr-page-", ".png");
        try {
          ImageIO.write(image, "png", png.toFile());
          Page read = ocr(png, parser, config);
          if (read.text().isBlank()) {
            // Tesseract's layout analysis can take a scanned strip for a picture; reading the
            // page as sparse text (page segmentation mode 11) finds the words all the same.
            read = ocr(png, parser, sparse(config));
          }
          text.append('\n').append(read.text());
          pages.add(new OcrPage(page, read.confidence()));
        } finally {
          Files.deleteIfExists(png);
        }
      }
    } catch (IOException unreadable) {
      // A PDF that PDFBox cannot open was reported by the text extraction already.
      return new Result("", List.of());
    }
    return new Result(text.toString().strip(), pages);
  }
}
