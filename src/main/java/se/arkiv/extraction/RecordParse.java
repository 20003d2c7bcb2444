package se.arkiv.extraction;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.tika.exception.EncryptedDocumentException;
import org.apache.tika.exception.TikaException;
import org.apache.tika.exception.WriteLimitReachedException;
import org.apache.tika.exception.ZeroByteFileException;
import org.apache.tika.extractor.EmbeddedDocumentExtractor;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.Parser;
import org.apache.tika.parser.ocr.TesseractOCRConfig;
import org.apache.tika.parser.pdf.PDFParserConfig;
import org.apache.tika.sax.BodyContentHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xml.sax.SAXException;
import se.arkiv.record.ExtractionFailure;
import se.arkiv.record.ExtractionStatus;
import se.arkiv.record.OcrPage;
import se.arkiv.record.Truncation;

/**
 * One record's parse in {@link TikaTextExtractor}: Tika's text and embedded documents within the
 * record's budget, then OCR of the scanned pages. It keeps its handler, so that a parse that
 * overran its budget can still give the text found so far.
 */
final class RecordParse {

  private static final Logger log = LoggerFactory.getLogger(RecordParse.class);

  /**
   * A page on which Tika's parse found this many letters has a text layer, whatever {@link
   * PdfPageOcr} would count: Tika keeps text a PDF draws twice over itself (bold, say), which
   * PDFBox's own text stripper counts once, so the margin is four times its threshold.
   */
  private static final int BORN_DIGITAL_LETTERS = 4 * PdfPageOcr.MIN_TEXT_CHARACTERS;

  private final Path file;
  private final String fileName;
  private final String mediaType;
  private final RecordBudget budget;
  private final BodyContentHandler body;
  private volatile boolean ocrStarted;

  /** The outcome before the archival copy is made: what a copy that takes too long leaves. */
  private volatile ExtractedText beforeArchival;

  private Map<Integer, OcrLayout> ocrLayouts = Map.of();
  private String detected;
  private AttachmentCapture attachments;
  private final TikaTextExtractor owner;

  RecordParse(
      Path file, String fileName, String mediaType, RecordBudget budget, TikaTextExtractor owner) {
    this.file = file;
    this.fileName = fileName;
    this.mediaType = mediaType;
    this.budget = budget;
    this.owner = owner;
    this.body = new BodyContentHandler(owner.settings().maxCharacters());
  }

  boolean ocrStarted() {
    return ocrStarted;
  }

  ExtractedText partial() {
    String text = body.toString().strip();
    return owner.done(text, List.of(), List.of(), budget.exhausted(), null);
  }

  /**
   * The outcome finished, the archival copy not yet made (or null while the text is still being
   * extracted): what the extractor answers when the copy takes longer than the record may.
   */
  ExtractedText beforeArchival() {
    return beforeArchival;
  }

  /**
   * The outcome with a preview whatever it is (a PDF Tika cannot read may still render), then the
   * archival copy, made from the OCR just done rather than by reading the scan again. A file with
   * no OCR to hand on gets both later ({@link #afterText}), the preview drawn from the copy's first
   * page: its text need not wait for a page to be drawn, and no page is drawn twice.
   */
  ExtractedText run() {
    ExtractedText outcome = parse();
    if (outcome.status() == ExtractionStatus.FAILED) {
      discardAttachments();
      if (outcome.failure() == ExtractionFailure.EMPTY) {
        return outcome.withArchival(ExtractedText.Archival.notMade("the file is empty"));
      }
    }
    if (!owner.settings().archivalCopies()) {
      return outcome
          .withPreview(owner.preview(file, detected))
          .withArchival(
              ExtractedText.Archival.notMade(
                  "archival copies are turned off (arkiv.extraction.archival-copies)"));
    }
    if (outcome.status() == ExtractionStatus.DONE
        && ocrLayouts.isEmpty()
        && ArchivalRendition.converts(detected)) {
      return outcome.withArchival(ExtractedText.Archival.later());
    }
    outcome = outcome.withPreview(owner.preview(file, detected));
    beforeArchival = outcome;
    return outcome.withArchival(
        ArchivalRendition.make(
            file, detected, fileName, ocrLayouts, file.toAbsolutePath().getParent()));
  }

  /**
   * What a file's extraction left for after its text: the archival copy and the first-page preview,
   * drawn from the copy's first page where the copy draws one.
   */
  ExtractedText afterText() {
    detected = owner.formats().typeOf(file, fileName, mediaType);
    Path[] drawn = new Path[1];
    ExtractedText.Archival copy =
        ArchivalRendition.make(
            file,
            detected,
            fileName,
            Map.of(),
            file.toAbsolutePath().getParent(),
            // Made at once, so the page's pixels are not kept while the other pages are drawn.
            firstPage -> drawn[0] = owner.preview(firstPage, file.toAbsolutePath().getParent()));
    Path preview = drawn[0] != null ? drawn[0] : owner.preview(file, detected);
    return ExtractedText.archivalOnly(copy).withPreview(preview);
  }

  private void discardAttachments() {
    if (attachments != null) {
      for (ExtractedText.Attachment a : attachments.attachments()) {
        try {
          Files.deleteIfExists(a.file());
        } catch (IOException ignored) {
          // the spool is emptied at the next start
        }
      }
    }
  }

  private ExtractedText parse() {
    OcrConfidence confidence = new OcrConfidence(body);
    PageLetters pageLetters = new PageLetters(confidence);
    Metadata metadata = new Metadata();
    metadata.set(TikaCoreProperties.RESOURCE_NAME_KEY, fileName);
    detected = owner.formats().typeOf(file, fileName, mediaType);
    if (mediaType != null) {
      // Filing detected it from these bytes: Tika's parse need not detect it again.
      metadata.set(FiledTypeDetector.FILED_TYPE, mediaType);
    }
    if (Files.isRegularFile(file) && fileSize(file) == 0) {
      return ExtractedText.failed(ExtractionFailure.EMPTY, "empty file");
    }
    if (!owner.formats().readable(detected)) {
      return ExtractedText.failed(
          ExtractionFailure.UNSUPPORTED, "no parser reads " + detected + "; archived as is");
    }
    ParseContext context = new ParseContext();
    // Setting the parser in the context makes Tika descend into embedded documents
    // (attachments of an e-mail, files in a zip, images in a PDF), within the budget.
    context.set(Parser.class, owner.parser());
    // Scanned images are read page by page below (ImagePageOcr), so Tika's parse skips them.
    boolean pagedImage = owner.ocr() && ImagePageOcr.reads(detected);
    Path scratch = file.toAbsolutePath().getParent();
    if (FormatSupport.isEmail(fileName, detected)) {
      attachments =
          new AttachmentCapture(
              context, scratch, budget, owner.parser().getDetector(), owner.ocr());
      context.set(EmbeddedDocumentExtractor.class, attachments);
    } else {
      context.set(
          EmbeddedDocumentExtractor.class,
          new BudgetedEmbeddedExtractor(
              context, budget, owner.parser().getDetector(), owner.ocr()));
    }
    TesseractOCRConfig tesseract = tesseract(pagedImage);
    context.set(TesseractOCRConfig.class, tesseract);
    PDFParserConfig pdfConfig = new PDFParserConfig();
    // The text layer only: pages without one are OCR'd page by page below (PdfPageOcr), so a
    // born-digital page is never OCR'd and each scanned page gets its own confidence.
    pdfConfig.setOcrStrategy(PDFParserConfig.OCR_STRATEGY.NO_OCR);
    context.set(PDFParserConfig.class, pdfConfig);
    Truncation truncation = null;
    try (TikaInputStream in = TikaInputStream.get(file)) {
      if (!pagedImage) {
        // A scan has no text but what OCR reads below; Tika's parse of it would only scan the
        // whole image for XMP metadata.
        owner
            .parser()
            .parse(in, new BudgetedContentHandler(pageLetters, budget), metadata, context);
      }
    } catch (EncryptedDocumentException e) {
      return ExtractedText.failed(ExtractionFailure.ENCRYPTED, "encrypted");
    } catch (ZeroByteFileException e) {
      return ExtractedText.failed(ExtractionFailure.EMPTY, "empty file");
    } catch (SAXException | TikaException | IOException e) {
      if (WriteLimitReachedException.isWriteLimitReached(e)) {
        truncation = Truncation.CHARACTER_LIMIT;
      } else if (BudgetedContentHandler.isStop(e)) {
        truncation = budget.exhausted();
      } else {
        return ParseFailures.of(e);
      }
    }
    String text = body.toString().strip();
    List<OcrPage> ocrPages = confidence.pages();
    boolean pdf = "application/pdf".equals(metadata.get(Metadata.CONTENT_TYPE));
    boolean bornDigital = pdf && pageLetters.textOnEveryPage(metadata, BORN_DIGITAL_LETTERS);
    if (owner.ocr() && (pdf || pagedImage) && truncation == null && bornDigital) {
      // Nothing for OCR on any page, as PdfPageOcr would find after opening the PDF once more.
      ocrPages = List.of();
    } else if (owner.ocr() && (pdf || pagedImage) && truncation == null) {
      tesseract.setSkipOcr(false);
      ocrStarted = true;
      try {
        PdfPageOcr.Result scanned =
            pdf
                ? PdfPageOcr.read(file, tesseract, scratch, owner.ocrProcesses())
                : ImagePageOcr.read(file, tesseract, scratch, owner.ocrProcesses());
        if (!scanned.text().isEmpty()) {
          text = (text + "\n" + scanned.text()).strip();
          if (text.length() > owner.settings().maxCharacters()) {
            text = text.substring(0, owner.settings().maxCharacters());
            truncation = Truncation.CHARACTER_LIMIT;
          }
        }
        ocrPages = scanned.pages();
        ocrLayouts = scanned.layouts();
      } catch (Exception e) {
        log.warn("OCR of the scanned pages failed: {}", e.toString());
        if (pagedImage) {
          return ExtractedText.failed(ExtractionFailure.CORRUPT, "OCR failed: " + e.getMessage());
        }
      }
    }
    if (truncation == null) {
      // A budget that skipped embedded documents without stopping the parse.
      truncation = budget.exhausted();
    }
    return owner.done(
        text,
        attachments == null ? List.of() : attachments.attachments(),
        ocrPages,
        truncation,
        null);
  }

  private TesseractOCRConfig tesseract(boolean pagedImage) {
    TesseractOCRConfig tesseract = new TesseractOCRConfig();
    tesseract.setSkipOcr(!owner.ocr() || pagedImage);
    tesseract.setLanguage(owner.settings().ocrLanguages());
    tesseract.setTimeoutSeconds((int) owner.settings().ocrPageTimeout().toSeconds());
    // hOCR carries each word's confidence; the words still reach the text.
    tesseract.setOutputType(TesseractOCRConfig.OUTPUT_TYPE.HOCR);
    return tesseract;
  }

  private static long fileSize(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      return -1;
    }
  }
}
