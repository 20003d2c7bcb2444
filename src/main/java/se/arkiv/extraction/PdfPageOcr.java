package se.arkiv.extraction;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.tika.parser.ocr.TesseractOCRConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.arkiv.record.OcrPage;

/**
 * OCR of the pages of a PDF that carry no text layer, page by page: a born-digital page is never
 * rendered or OCR'd; a scanned page's image goes to Tesseract (as it is when it can, see {@link
 * ScannedPdfPage}), with its confidence. Pages are read by several Tesseract processes at once
 * while the next page image is prepared.
 */
final class PdfPageOcr {

  private static final Logger log = LoggerFactory.getLogger(PdfPageOcr.class);

  /** A page with fewer letters than this in its text layer counts as scanned. */
  static final int MIN_TEXT_CHARACTERS = 10;

  /**
   * What OCR read: the text, each page's confidence, and (by page number, from 1) where each word
   * is, which the archival copy's text layer is laid out from.
   */
  record Result(String text, List<OcrPage> pages, Map<Integer, OcrLayout> layouts) {

    Result(String text, List<OcrPage> pages) {
      this(text, pages, Map.of());
    }

    Result {
      layouts = Map.copyOf(layouts);
    }
  }

  private PdfPageOcr() {}

  /** The text and confidences of the scanned pages, with at most the given Tesseract processes. */
  static Result read(Path pdf, TesseractOCRConfig config, Path scratch, OcrProcesses processes)
      throws IOException, InterruptedException {
    PDDocument document;
    try {
      document = Loader.loadPDF(pdf.toFile());
    } catch (IOException unreadable) {
      // A PDF that PDFBox cannot open was reported by the text extraction already.
      return new Result("", List.of());
    }
    try (document;
        OcrJobs jobs = new OcrJobs(config, scratch, processes)) {
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
        Path image;
        try {
          image = ScannedPdfPage.write(document, renderer, page, scratch);
        } catch (IOException damaged) {
          log.warn("OCR skips page {} of {}: {}", page, pdf.getFileName(), damaged.toString());
          continue;
        }
        jobs.submit(page, image, -1, true);
      }
      return jobs.finish();
    }
  }
}
