package se.arkiv.extraction;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.tika.exception.EncryptedDocumentException;
import org.apache.tika.exception.TikaException;
import org.apache.tika.exception.WriteLimitReachedException;
import org.apache.tika.exception.ZeroByteFileException;
import org.apache.tika.extractor.EmbeddedDocumentExtractor;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.mime.MediaType;
import org.apache.tika.mime.MediaTypeRegistry;
import org.apache.tika.parser.AutoDetectParser;
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
 * Tika's {@link AutoDetectParser} with embedded documents, the record's budget, language detection
 * and the first-page preview, in the process that calls it. The service never calls it itself: it
 * runs inside the extraction child processes ({@link ExtractionChildMain}), where a parse that runs
 * out of memory or never ends takes only its child down. Tika's zip-bomb guard
 * (SecureContentHandler) stays on.
 *
 * <p>The parse runs on its own thread so that one which stops handing on text can still be ended at
 * the record's time budget; such a thread may keep running, so the child that owns it is then
 * replaced ({@link #abandonedParses}).
 */
public class TikaTextExtractor implements TextExtractor, AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(TikaTextExtractor.class);

  /** How long past its time budget a parse that ignores the budget is waited for. */
  private static final long GRACE_MILLIS = 2_000;

  private static final long POLL_MILLIS = 100;

  private final ExtractionSettings settings;
  private final AutoDetectParser parser = new AutoDetectParser();
  private final Languages languages;
  private final Previews previews = new Previews();
  private final AtomicInteger abandoned = new AtomicInteger();
  private final ExecutorService parsing =
      Executors.newCachedThreadPool(
          runnable -> {
            Thread thread = new Thread(runnable, "tika-parse");
            thread.setDaemon(true);
            return thread;
          });

  private final boolean ocr;
  // Without parameters: OneNote's parser declares "application/onenote; format=one".
  private final Set<MediaType> supportedBaseTypes;
  // Every extraction child OCRs at once under load: together they run one Tesseract per core.
  private final OcrProcesses ocrProcesses;

  public TikaTextExtractor(ExtractionSettings settings) throws IOException {
    this(settings, new Languages());
  }

  /**
   * An extractor that leaves the language to its caller (null languages): the extraction child,
   * whose start-up would otherwise be spent reading the language models.
   */
  TikaTextExtractor(ExtractionSettings settings, Languages languages) {
    this.settings = settings;
    this.languages = languages;
    this.supportedBaseTypes =
        parser.getSupportedTypes(new ParseContext()).stream()
            .map(MediaType::getBaseType)
            .collect(Collectors.toSet());
    this.ocrProcesses =
        new OcrProcesses(
            Math.max(1, Runtime.getRuntime().availableProcessors() / settings.threads()));
    this.ocr = settings.ocr() && TesseractCheck.available();
    if (settings.ocr() && !ocr) {
      log.warn(
          "OCR is off: tesseract is not installed. Install tesseract-ocr, tesseract-ocr-swe and"
              + " tesseract-ocr-eng (./scripts/run does it where it can) and restart; scans are"
              + " archived meanwhile, without text.");
    }
  }

  /** Parses that ignored their time budget and may still be running on a thread of their own. */
  int abandonedParses() {
    return abandoned.get();
  }

  @Override
  public ExtractedText extract(Path file, String fileName, String mediaType) {
    RecordBudget budget = new RecordBudget(settings.budget());
    Parse parse = new Parse(file, fileName, mediaType, budget);
    Future<ExtractedText> running = parsing.submit(parse::run);
    boolean budgeted = settings.budget().enabled();
    long started = System.nanoTime();
    try {
      while (true) {
        try {
          return running.get(POLL_MILLIS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException stillRunning) {
          long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
          // The time budget covers the parse of the text and the embedded documents; the OCR
          // of scanned pages that follows is bounded by the timeout (and the page budget).
          boolean overBudget =
              budgeted
                  && !parse.ocrStarted()
                  && elapsed > budget.limits().time().toMillis() + GRACE_MILLIS;
          if (overBudget || elapsed > settings.timeout().toMillis()) {
            running.cancel(true);
            abandoned.incrementAndGet();
            if (!budgeted) {
              return ExtractedText.failed(
                  ExtractionFailure.TIMEOUT,
                  "timed out after " + settings.timeout().toSeconds() + " s");
            }
            // The parser stopped handing on text (a loop, or a slow step inside a format):
            // finish the record with what was found, as the budget promises.
            budget.exhaust(Truncation.TIME_LIMIT);
            return parse.partial();
          }
        }
      }
    } catch (InterruptedException e) {
      // The service is stopping: nothing is wrong with the file, so it must not be marked
      // failed; the record stays pending and the sweep at the next start extracts it.
      running.cancel(true);
      Thread.currentThread().interrupt();
      throw new CancellationException("extraction of " + fileName + " stopped");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof StackOverflowError) {
        return ExtractedText.failed(ExtractionFailure.LIMIT, "nested too deeply to read");
      }
      if (cause instanceof OutOfMemoryError oom) {
        throw oom;
      }
      log.warn("Extraction of {} failed unexpectedly", fileName, cause);
      return ExtractedText.failed(ExtractionFailure.CORRUPT, "parser error: " + cause);
    }
  }

  /** One record's parse: its handler, so that a parse that overran can still give its text. */
  private final class Parse {
    private final Path file;
    private final String fileName;
    private final String mediaType;
    private final RecordBudget budget;
    private final BodyContentHandler body;
    private volatile boolean ocrStarted;
    private String detected;
    private AttachmentCapture attachments;

    Parse(Path file, String fileName, String mediaType, RecordBudget budget) {
      this.file = file;
      this.fileName = fileName;
      this.mediaType = mediaType;
      this.budget = budget;
      this.body = new BodyContentHandler(settings.maxCharacters());
    }

    boolean ocrStarted() {
      return ocrStarted;
    }

    ExtractedText partial() {
      String text = body.toString().strip();
      return done(text, List.of(), List.of(), budget.exhausted(), null);
    }

    /** The outcome with a preview whatever it is (a PDF Tika cannot read may still render). */
    ExtractedText run() {
      ExtractedText outcome = parse();
      if (outcome.status() == ExtractionStatus.FAILED) {
        discardAttachments();
        if (outcome.failure() != ExtractionFailure.EMPTY) {
          return outcome.withPreview(preview(file, detected));
        }
      }
      return outcome;
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
      Metadata metadata = new Metadata();
      metadata.set(TikaCoreProperties.RESOURCE_NAME_KEY, fileName);
      MediaType known = mediaType == null ? null : MediaType.parse(mediaType);
      detected = known != null ? known.getBaseType().toString() : detect(file, fileName);
      if (Files.isRegularFile(file) && fileSize(file) == 0) {
        return ExtractedText.failed(ExtractionFailure.EMPTY, "empty file");
      }
      if (!readable(detected)) {
        return ExtractedText.failed(
            ExtractionFailure.UNSUPPORTED, "no parser reads " + detected + "; archived as is");
      }
      ParseContext context = new ParseContext();
      // Setting the parser in the context makes Tika descend into embedded documents
      // (attachments of an e-mail, files in a zip, images in a PDF), within the budget.
      context.set(Parser.class, parser);
      // Scanned images are read page by page below (ImagePageOcr), so Tika's parse skips them.
      boolean pagedImage = ocr && ImagePageOcr.reads(detected);
      Path scratch = file.toAbsolutePath().getParent();
      if (isEmail(fileName, detected)) {
        attachments = new AttachmentCapture(context, scratch, budget, parser.getDetector(), ocr);
        context.set(EmbeddedDocumentExtractor.class, attachments);
      } else {
        context.set(
            EmbeddedDocumentExtractor.class,
            new BudgetedEmbeddedExtractor(context, budget, parser.getDetector(), ocr));
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
          parser.parse(in, new BudgetedContentHandler(confidence, budget), metadata, context);
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
          return failure(e);
        }
      }
      String text = body.toString().strip();
      List<OcrPage> ocrPages = confidence.pages();
      boolean pdf = "application/pdf".equals(metadata.get(Metadata.CONTENT_TYPE));
      if (ocr && (pdf || pagedImage) && truncation == null) {
        tesseract.setSkipOcr(false);
        ocrStarted = true;
        try {
          PdfPageOcr.Result scanned =
              pdf
                  ? PdfPageOcr.read(file, tesseract, scratch, ocrProcesses)
                  : ImagePageOcr.read(file, tesseract, scratch, ocrProcesses);
          if (!scanned.text().isEmpty()) {
            text = (text + "\n" + scanned.text()).strip();
            if (text.length() > settings.maxCharacters()) {
              text = text.substring(0, settings.maxCharacters());
              truncation = Truncation.CHARACTER_LIMIT;
            }
          }
          ocrPages = scanned.pages();
        } catch (Exception e) {
          log.warn("OCR of the scanned pages of {} failed: {}", fileName, e.toString());
          if (pagedImage) {
            return ExtractedText.failed(ExtractionFailure.CORRUPT, "OCR failed: " + e.getMessage());
          }
        }
      }
      if (truncation == null) {
        // A budget that skipped embedded documents without stopping the parse.
        truncation = budget.exhausted();
      }
      return done(
          text,
          attachments == null ? List.of() : attachments.attachments(),
          ocrPages,
          truncation,
          preview(file, detected));
    }

    private TesseractOCRConfig tesseract(boolean pagedImage) {
      TesseractOCRConfig tesseract = new TesseractOCRConfig();
      tesseract.setSkipOcr(!ocr || pagedImage);
      tesseract.setLanguage(settings.ocrLanguages());
      tesseract.setTimeoutSeconds((int) settings.ocrPageTimeout().toSeconds());
      // hOCR carries each word's confidence; the words still reach the text.
      tesseract.setOutputType(TesseractOCRConfig.OUTPUT_TYPE.HOCR);
      return tesseract;
    }
  }

  private ExtractedText done(
      String text,
      List<ExtractedText.Attachment> attachments,
      List<OcrPage> ocrPages,
      Truncation truncation,
      Path preview) {
    return new ExtractedText(
        ExtractionStatus.DONE,
        text,
        null,
        language(text),
        truncation != null,
        attachments,
        ocrPages,
        null,
        truncation,
        preview);
  }

  /** The first page as a PNG beside the file, or null when the format has no preview. */
  private Path preview(Path file, String mediaType) {
    Optional<byte[]> png = previews.firstPage(file, mediaType);
    if (png.isEmpty()) {
      return null;
    }
    try {
      Path preview = Files.createTempFile(file.toAbsolutePath().getParent(), "preview-", ".png");
      return Files.write(preview, png.get());
    } catch (IOException e) {
      log.debug("No preview for {}: {}", file, e.toString());
      return null;
    }
  }

  private static long fileSize(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      return -1;
    }
  }

  /**
   * Whether some parser reads this type or a type it specialises (a shell script is text);
   * octet-stream means Tika could not tell what the bytes are.
   */
  private boolean readable(String detected) {
    if (detected == null || ImagePageOcr.reads(detected)) {
      return true;
    }
    MediaTypeRegistry registry = parser.getMediaTypeRegistry();
    for (MediaType type = MediaType.parse(detected);
        type != null && !MediaType.OCTET_STREAM.equals(type);
        type = registry.getSupertype(type)) {
      if (supportedBaseTypes.contains(type.getBaseType())) {
        return true;
      }
    }
    return false;
  }

  private static ExtractedText failure(Exception e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      String message = String.valueOf(t.getMessage());
      String lower = message.toLowerCase(Locale.ROOT);
      if (lower.contains("zip bomb")) {
        return ExtractedText.failed(ExtractionFailure.LIMIT, "suspected zip bomb: " + message);
      }
      if (lower.contains("entity expansions") || lower.contains("doctype is disallowed")) {
        // Billion laughs and external entities: refused by the XML parser's safety limits.
        return ExtractedText.failed(
            ExtractionFailure.LIMIT, "refused by the XML safety limits: " + message);
      }
      if (t instanceof EncryptedDocumentException) {
        return ExtractedText.failed(ExtractionFailure.ENCRYPTED, "encrypted");
      }
    }
    Throwable cause = e.getCause() == null ? e : e.getCause();
    return ExtractedText.failed(
        ExtractionFailure.CORRUPT, "unreadable (corrupt or unsupported): " + cause.getMessage());
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

  private String language(String text) {
    if (languages == null) {
      return null;
    }
    return languages.sampled(text);
  }

  @Override
  public void close() {
    parsing.shutdownNow();
  }
}
