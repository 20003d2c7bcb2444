package se.arkiv.extraction;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.tika.exception.EncryptedDocumentException;
import org.apache.tika.exception.TikaException;
import org.apache.tika.exception.WriteLimitReachedException;
import org.apache.tika.exception.ZeroByteFileException;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.langdetect.opennlp.OpenNLPDetector;
import org.apache.tika.language.detect.LanguageDetector;
import org.apache.tika.language.detect.LanguageResult;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.parser.AutoDetectParser;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.Parser;
import org.apache.tika.parser.ocr.TesseractOCRConfig;
import org.apache.tika.sax.BodyContentHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import org.xml.sax.SAXException;
import se.arkiv.record.ExtractionStatus;

/**
 * Tika's {@link AutoDetectParser} with embedded documents, a character limit, a per-file timeout
 * and language detection. Tika's own zip-bomb guard (SecureContentHandler) stays on.
 *
 * <p>The parse runs on its own thread so a file that makes a parser loop can be abandoned. A parser
 * that ignores interruption keeps its (daemon) thread until it ends; process isolation (Tika's
 * forked parser) is the stronger guard and is not built yet.
 */
@Component
class TikaTextExtractor implements TextExtractor, DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(TikaTextExtractor.class);
  private static final int LANGUAGE_SAMPLE = 10_000;

  private final ExtractionSettings settings;
  private final AutoDetectParser parser = new AutoDetectParser();
  private final LanguageDetector languages;
  private final ExecutorService parsing =
      Executors.newCachedThreadPool(
          runnable -> {
            Thread thread = new Thread(runnable, "tika-parse");
            thread.setDaemon(true);
            return thread;
          });

  private final boolean ocr;

  TikaTextExtractor(ExtractionSettings settings) throws IOException {
    this.settings = settings;
    this.languages = new OpenNLPDetector().loadModels();
    this.ocr = settings.ocr() && TesseractCheck.available();
    if (settings.ocr() && !ocr) {
      log.warn(
          "OCR is off: tesseract is not installed. Install tesseract-ocr, tesseract-ocr-swe and"
              + " tesseract-ocr-eng (./scripts/run does it where it can) and restart; scans are"
              + " archived meanwhile, without text.");
    }
  }

  /** Whether OCR runs in this service. */
  public boolean ocrEnabled() {
    return ocr;
  }

  @Override
  public ExtractedText extract(Path file, String fileName) {
    Future<ExtractedText> parse = parsing.submit(() -> parse(file, fileName));
    try {
      return parse.get(settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      parse.cancel(true);
      return ExtractedText.failed("timed out after " + settings.timeout().toSeconds() + " s");
    } catch (InterruptedException e) {
      // The service is stopping: nothing is wrong with the file, so it must not be marked
      // failed; the record stays pending and the sweep at the next start extracts it.
      parse.cancel(true);
      Thread.currentThread().interrupt();
      throw new java.util.concurrent.CancellationException(
          "extraction of " + fileName + " stopped");
    } catch (ExecutionException e) {
      log.warn("Extraction of {} failed unexpectedly", fileName, e.getCause());
      return ExtractedText.failed("parser error: " + e.getCause());
    }
  }

  private ExtractedText parse(Path file, String fileName) {
    BodyContentHandler body = new BodyContentHandler(settings.maxCharacters());
    OcrConfidence handler = new OcrConfidence(body);
    Metadata metadata = new Metadata();
    metadata.set(TikaCoreProperties.RESOURCE_NAME_KEY, fileName);
    ParseContext context = new ParseContext();
    // Setting the parser in the context makes Tika descend into embedded documents
    // (attachments of an e-mail, files in a zip, images in a PDF).
    context.set(Parser.class, parser);
    String detected = detect(file, fileName);
    // Scanned images are read page by page below (ImagePageOcr), so Tika's parse skips them.
    boolean pagedImage = ocr && ImagePageOcr.reads(detected);
    AttachmentCapture attachments = null;
    if (isEmail(fileName, detected)) {
      attachments = new AttachmentCapture(context, file.toAbsolutePath().getParent());
      context.set(org.apache.tika.extractor.EmbeddedDocumentExtractor.class, attachments);
    }
    TesseractOCRConfig tesseract = new TesseractOCRConfig();
    tesseract.setSkipOcr(!ocr || pagedImage);
    tesseract.setLanguage(settings.ocrLanguages());
    tesseract.setTimeoutSeconds((int) settings.ocrPageTimeout().toSeconds());
    // hOCR carries each word's confidence; the words still reach the text.
    tesseract.setOutputType(TesseractOCRConfig.OUTPUT_TYPE.HOCR);
    context.set(TesseractOCRConfig.class, tesseract);
    org.apache.tika.parser.pdf.PDFParserConfig pdfConfig =
        new org.apache.tika.parser.pdf.PDFParserConfig();
    // The text layer only: pages without one are OCR'd page by page below (PdfPageOcr), so a
    // born-digital page is never OCR'd and each scanned page gets its own confidence.
    pdfConfig.setOcrStrategy(org.apache.tika.parser.pdf.PDFParserConfig.OCR_STRATEGY.NO_OCR);
    context.set(org.apache.tika.parser.pdf.PDFParserConfig.class, pdfConfig);
    boolean truncated = false;
    try (TikaInputStream in = TikaInputStream.get(file)) {
      parser.parse(in, handler, metadata, context);
    } catch (EncryptedDocumentException e) {
      return ExtractedText.failed("encrypted");
    } catch (ZeroByteFileException e) {
      return ExtractedText.failed("empty file");
    } catch (SAXException e) {
      if (!WriteLimitReachedException.isWriteLimitReached(e)) {
        return ExtractedText.failed("unreadable: " + e.getMessage());
      }
      truncated = true;
    } catch (TikaException e) {
      return ExtractedText.failed(reasonFor(e));
    } catch (IOException e) {
      return ExtractedText.failed("unreadable: " + e.getMessage());
    }
    String text = body.toString().strip();
    List<se.arkiv.record.OcrPage> ocrPages = handler.pages();
    boolean pdf = "application/pdf".equals(metadata.get(Metadata.CONTENT_TYPE));
    if (ocr && (pdf || pagedImage)) {
      tesseract.setSkipOcr(false);
      Path scratch = file.toAbsolutePath().getParent();
      try {
        PdfPageOcr.Result scanned =
            pdf
                ? PdfPageOcr.read(file, parser, tesseract, scratch)
                : ImagePageOcr.read(file, parser, tesseract, scratch);
        if (!scanned.text().isEmpty() && !truncated) {
          text = (text + "\n" + scanned.text()).strip();
          if (text.length() > settings.maxCharacters()) {
            text = text.substring(0, settings.maxCharacters());
            truncated = true;
          }
        }
        ocrPages = scanned.pages();
      } catch (Exception e) {
        log.warn("OCR of the scanned pages of {} failed: {}", fileName, e.toString());
        if (pagedImage) {
          return ExtractedText.failed("OCR failed: " + e.getMessage());
        }
      }
    }
    return new ExtractedText(
        ExtractionStatus.DONE,
        text,
        null,
        language(text),
        truncated,
        attachments == null ? List.of() : attachments.attachments(),
        ocrPages);
  }

  private boolean isEmail(String fileName, String detected) {
    String lower = fileName == null ? "" : fileName.toLowerCase(Locale.ROOT);
    return lower.endsWith(".eml")
        || lower.endsWith(".msg")
        || "message/rfc822".equals(detected)
        || "application/vnd.ms-outlook".equals(detected);
  }

  /** The media type Tika's detector sees in the bytes and the name, or null if unreadable. */
  private String detect(Path file, String fileName) {
    Metadata metadata = new Metadata();
    metadata.set(TikaCoreProperties.RESOURCE_NAME_KEY, fileName);
    try (TikaInputStream in = TikaInputStream.get(file)) {
      return parser.getDetector().detect(in, metadata).getBaseType().toString();
    } catch (IOException e) {
      return null;
    }
  }

  private static String reasonFor(TikaException e) {
    String message = String.valueOf(e.getMessage());
    if (message.toLowerCase(Locale.ROOT).contains("zip bomb")) {
      return "suspected zip bomb: " + message;
    }
    Throwable cause = e.getCause() == null ? e : e.getCause();
    return "unreadable (corrupt or unsupported): " + cause.getMessage();
  }

  private String language(String text) {
    if (text.isBlank()) {
      return null;
    }
    String sample = text.length() > LANGUAGE_SAMPLE ? text.substring(0, LANGUAGE_SAMPLE) : text;
    synchronized (languages) {
      languages.reset();
      languages.addText(sample);
      List<LanguageResult> ranked = languages.detectAll();
      if (ranked.isEmpty()) {
        return null;
      }
      LanguageResult best = ranked.get(0);
      String code =
          switch (best.getLanguage()) {
            case "swe", "sv" -> "sv";
            case "eng", "en" -> "en";
            default -> best.getLanguage();
          };
      // On short texts the detector is never "certain", yet its first guess between the
      // archive's two languages is reliable; any other first guess needs real confidence.
      boolean ours = code.equals("sv") || code.equals("en");
      return ours || !best.isUnknown() ? code : null;
    }
  }

  @Override
  public void destroy() {
    parsing.shutdownNow();
  }
}
