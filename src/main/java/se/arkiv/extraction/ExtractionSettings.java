package se.arkiv.extraction;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code arkiv.extraction.*}: limits that keep one bad file from starving the service.
 *
 * @param maxCharacters text beyond this is cut and the record marked truncated
 * @param timeout the longest one record's extraction may take, the OCR of every page included: then
 *     it is finished with the text found so far (TIME_LIMIT), or FAILED with TIMEOUT when budgets
 *     are off; a child that has not answered 10 s later is stopped, and a record whose child is
 *     stopped twice is FAILED with TIMEOUT
 * @param threads extraction child processes; 0 (the default) means one per processor: they run at a
 *     lower CPU priority than the HTTP edge, so searches stay fast while the archive ingests
 * @param queueCapacity filed records waiting for extraction; beyond it they wait for the sweep
 * @param ocr run Tesseract on images and on PDF pages without a text layer, when tesseract is
 *     installed (if it is not, OCR is off and the log says so)
 * @param ocrLanguages Tesseract's languages, e.g. "swe+eng"
 * @param ocrPageTimeout the longest one page may take to OCR
 * @param childHeap the heap of each extraction child process; a parse that needs more ends that
 *     child, not the service
 * @param childNice the {@code nice} level of the child processes (0 to 19; higher yields more)
 * @param budget what one record may cost before its extraction is finished early
 * @param fullSweepInterval how often the whole store is searched for records whose extraction never
 *     finished (also at start-up); in between only what the queue gave up on is queued again
 * @param archivalCopies make a PDF/A-2b archival copy of each PDF and image with its extraction
 *     (see docs/storage-layout.md); off, records get none and say so
 * @param childJvmOptions more options for the child processes' JVMs, after Arkiv's own (heap,
 *     collector, stack); for example {@code -XX:TieredStopAtLevel=1} where children live briefly
 */
@ConfigurationProperties("arkiv.extraction")
public record ExtractionSettings(
    @DefaultValue("5000000") int maxCharacters,
    @DefaultValue("10m") Duration timeout,
    @DefaultValue("0") int threads,
    @DefaultValue("1000") int queueCapacity,
    @DefaultValue("true") boolean ocr,
    @DefaultValue("swe+eng") String ocrLanguages,
    @DefaultValue("60s") Duration ocrPageTimeout,
    @DefaultValue("512MB") DataSize childHeap,
    @DefaultValue("10") int childNice,
    @DefaultValue ExtractionBudget budget,
    @DefaultValue("24h") Duration fullSweepInterval,
    @DefaultValue("true") boolean archivalCopies,
    @DefaultValue List<String> childJvmOptions) {

  /** The same as the {@code @DefaultValue}, for settings made in code. */
  private static final Duration DEFAULT_FULL_SWEEP_INTERVAL = Duration.ofHours(24);

  @ConstructorBinding
  public ExtractionSettings {
    if (threads <= 0) {
      threads = Runtime.getRuntime().availableProcessors();
    }
    if (budget == null) {
      budget = ExtractionBudget.DEFAULTS;
    }
    childJvmOptions = childJvmOptions == null ? List.of() : List.copyOf(childJvmOptions);
  }

  /** Settings with the default OCR languages, page timeout, child processes and budget. */
  public ExtractionSettings(
      int maxCharacters, Duration timeout, int threads, int queueCapacity, boolean ocr) {
    this(
        maxCharacters,
        timeout,
        threads,
        queueCapacity,
        ocr,
        "swe+eng",
        Duration.ofSeconds(60),
        DataSize.ofMegabytes(512),
        10,
        ExtractionBudget.DEFAULTS,
        DEFAULT_FULL_SWEEP_INTERVAL,
        true,
        List.of());
  }

  /** The same settings with another budget. */
  public ExtractionSettings withBudget(ExtractionBudget other) {
    return new ExtractionSettings(
        maxCharacters,
        timeout,
        threads,
        queueCapacity,
        ocr,
        ocrLanguages,
        ocrPageTimeout,
        childHeap,
        childNice,
        other,
        fullSweepInterval,
        archivalCopies,
        childJvmOptions);
  }
}
