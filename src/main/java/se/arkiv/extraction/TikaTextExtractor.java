package se.arkiv.extraction;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.tika.config.TikaConfig;
import org.apache.tika.parser.AutoDetectParser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
  private final AutoDetectParser parser =
      new AutoDetectParser(new FiledTypeDetector(TikaConfig.getDefaultConfig().getDetector()));
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
  private final FormatSupport formats;
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
    this.formats = new FormatSupport(parser);
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
    RecordParse parse = new RecordParse(file, fileName, mediaType, budget, this);
    Future<ExtractedText> running = parsing.submit(parse::run);
    boolean budgeted = settings.budget().enabled();
    long started = System.nanoTime();
    try {
      while (true) {
        try {
          return running.get(POLL_MILLIS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException stillRunning) {
          long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
          ExtractedText extracted = parse.beforeArchival();
          if (extracted != null) {
            // The text is done and the archival copy is being made: only the record's timeout
            // bounds that, and running over it costs the copy, not the text.
            if (elapsed <= settings.timeout().toMillis()) {
              continue;
            }
            running.cancel(true);
            abandoned.incrementAndGet();
            return extracted.withArchival(
                ExtractedText.Archival.notMade(
                    "making the archival copy took longer than the extraction timeout ("
                        + settings.timeout().toSeconds()
                        + " s)"));
          }
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
      // No file name: it may name a person, and the log context has the record id.
      throw new CancellationException("extraction stopped: the service is stopping");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof StackOverflowError) {
        return ExtractedText.failed(ExtractionFailure.LIMIT, "nested too deeply to read");
      }
      if (cause instanceof OutOfMemoryError oom) {
        throw oom;
      }
      // No file name in the log (it may name a person); the log context has the record id.
      log.warn("Extraction failed unexpectedly", cause);
      return ExtractedText.failed(ExtractionFailure.CORRUPT, "parser error: " + cause);
    }
  }

  @Override
  public ExtractedText afterText(Path file, String fileName, String mediaType) {
    RecordParse parse =
        new RecordParse(file, fileName, mediaType, new RecordBudget(settings.budget()), this);
    Future<ExtractedText> running = parsing.submit(parse::afterText);
    try {
      return running.get(settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      running.cancel(true);
      abandoned.incrementAndGet();
      return ExtractedText.archivalOnly(
          ExtractedText.Archival.notMade(
              "making the archival copy took longer than the extraction timeout ("
                  + settings.timeout().toSeconds()
                  + " s)"));
    } catch (InterruptedException e) {
      running.cancel(true);
      Thread.currentThread().interrupt();
      throw new CancellationException("archival copy stopped: the service is stopping");
    } catch (ExecutionException e) {
      if (e.getCause() instanceof OutOfMemoryError oom) {
        throw oom;
      }
      log.warn("Making the archival copy failed unexpectedly", e.getCause());
      return ExtractedText.archivalOnly(
          ExtractedText.Archival.notMade("the archival copy could not be made: " + e.getCause()));
    }
  }

  ExtractionSettings settings() {
    return settings;
  }

  AutoDetectParser parser() {
    return parser;
  }

  FormatSupport formats() {
    return formats;
  }

  boolean ocr() {
    return ocr;
  }

  OcrProcesses ocrProcesses() {
    return ocrProcesses;
  }

  ExtractedText done(
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
        preview,
        null);
  }

  /** The first page as a PNG beside the file, or null when the format has no preview. */
  Path preview(Path file, String mediaType) {
    return written(previews.firstPage(file, mediaType), file.toAbsolutePath().getParent());
  }

  /** The thumbnail of a page drawn already, as a PNG in {@code folder}, or null. */
  Path preview(BufferedImage page, Path folder) {
    return written(previews.of(page), folder);
  }

  private static Path written(Optional<byte[]> png, Path folder) {
    if (png.isEmpty()) {
      return null;
    }
    try {
      Path preview = Files.createTempFile(folder, "preview-", ".png");
      return Files.write(preview, png.get());
    } catch (IOException e) {
      log.debug("No preview kept in {}: {}", folder, e.toString());
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
