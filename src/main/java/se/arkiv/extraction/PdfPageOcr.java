package se.arkiv.extraction;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.tika.parser.AutoDetectParser;
import org.apache.tika.parser.ocr.TesseractOCRConfig;
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

  private PdfPageOcr() {}

  /** 300 dpi, less for a page so large that its image would not fit the memory it deserves. */
  private static float dpi(PDDocument document, int page) {
    PDRectangle box = document.getPage(page - 1).getCropBox();
    double pixels = (box.getWidth() / 72 * DPI) * (box.getHeight() / 72 * DPI);
    return pixels <= ImagePageOcr.MAX_PIXELS
        ? DPI
        : (float) (DPI * Math.sqrt(ImagePageOcr.MAX_PIXELS / pixels));
  }

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
        BufferedImage image =
            renderer.renderImageWithDPI(page - 1, dpi(document, page), ImageType.GRAY);
        PageOcr.Page read = PageOcr.read(image, parser, config, scratch);
        text.append('\n').append(read.text());
        pages.add(new OcrPage(page, read.confidence()));
      }
    } catch (IOException unreadable) {
      // A PDF that PDFBox cannot open was reported by the text extraction already.
      return new Result("", List.of());
    }
    return new Result(text.toString().strip(), pages);
  }
}
