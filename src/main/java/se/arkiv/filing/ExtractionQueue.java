package se.arkiv.filing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.stereotype.Component;
import se.arkiv.extraction.ExtractedText;
import se.arkiv.extraction.ExtractionSettings;
import se.arkiv.extraction.TextExtractor;
import se.arkiv.record.ExtractionStatus;
import se.arkiv.record.RecordId;
import se.arkiv.record.RecordMetadata;
import se.arkiv.storage.RecordStore;
import se.arkiv.storage.StorageUnavailable;

/**
 * Between filing and extraction: the records waiting in their lanes ({@link ExtractionLanes}), the
 * workers, one per extraction child process, and as many writers. A worker hands what its child
 * made to a writer and asks its child for the next record, so a child does not wait while the text,
 * preview and version of the last one are written and indexed. Nothing is lost when the lanes are
 * full, or at a crash: the record stays PENDING in the store and {@link ExtractionSweep} submits it
 * again later ({@link ExtractionSetbacks}).
 */
@Component
class ExtractionQueue implements DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(ExtractionQueue.class);

  /** Record ids waiting beyond the queue capacity: ids only, so a burst costs little memory. */
  private static final int MAX_BACKLOG = 100_000;

  private final RecordStore store;
  private final TextExtractor extractor;
  private final Spool spool;
  private final KeptUploads keptUploads;
  private final Clock clock;
  private final ExtractionLanes lanes;
  private final FilingMetrics metrics;
  private final ExtractionOutcomes outcomes;
  private final ThreadPoolTaskExecutor workers = new ThreadPoolTaskExecutor();
  private final ThreadPoolTaskExecutor writers = new ThreadPoolTaskExecutor();
  private final Set<RecordId> queued = ConcurrentHashMap.newKeySet();
  private final ExtractionSetbacks setbacks;
  private final Map<RecordId, ExtractionBacklog.Running> running = new ConcurrentHashMap<>();

  ExtractionQueue(
      RecordStore store,
      TextExtractor extractor,
      Spool spool,
      KeptUploads keptUploads,
      Clock clock,
      TaskScheduler retries,
      ExtractionSettings settings,
      FilingMetrics metrics) {
    this.metrics = metrics;
    this.outcomes = new ExtractionOutcomes(store, clock);
    this.store = store;
    this.extractor = extractor;
    this.spool = spool;
    this.keptUploads = keptUploads;
    this.clock = clock;
    this.setbacks = new ExtractionSetbacks(queued, this::submit, retries, clock);
    this.lanes =
        new ExtractionLanes(settings.threads(), settings.queueCapacity() + MAX_BACKLOG, clock);
    workers.setCorePoolSize(settings.threads());
    workers.setMaxPoolSize(settings.threads());
    workers.setThreadNamePrefix("extraction-");
    workers.setWaitForTasksToCompleteOnShutdown(false);
    workers.initialize();
    writers.setCorePoolSize(settings.threads());
    writers.setMaxPoolSize(settings.threads());
    writers.setQueueCapacity(settings.threads());
    // Writers behind: the worker writes itself, so what waits to be written stays bounded.
    writers.setRejectedExecutionHandler(new ThreadPoolExecutor.CallerRunsPolicy());
    writers.setThreadNamePrefix("extraction-writer-");
    writers.initialize();
    for (int i = 0; i < settings.threads(); i++) {
      workers.execute(this::work);
    }
  }

  /**
   * Queues a record for extraction in its lane; false when it is already queued, no longer pending,
   * or the lanes are full (then the sweep takes it).
   */
  boolean submit(RecordMetadata record) {
    ExtractionLane lane;
    if (record.extraction().status() == ExtractionStatus.PENDING) {
      lane = ExtractionLane.of(record);
    } else if (record.extraction().archivalLater()) {
      lane = ExtractionLane.ARCHIVAL;
    } else {
      return false;
    }
    if (!queued.add(record.id())) {
      return false;
    }
    if (lanes.add(record.id(), lane)) {
      return true;
    }
    queued.remove(record.id());
    setbacks.drop(record.id());
    log.info("Extraction queue full; {} waits for the next sweep", record.id());
    return false;
  }

  boolean submit(RecordId id) {
    return store.latest(id).map(this::submit).orElse(false);
  }

  /** Queues again the records this queue gave up on (full, or failed); the sweep's short tick. */
  int resubmitDropped() {
    return setbacks.resubmitDropped();
  }

  /** What waits and what runs now. */
  ExtractionBacklog backlog() {
    Instant now = clock.instant();
    return new ExtractionBacklog(
        lanes.waiting(ExtractionLane.INTERACTIVE),
        lanes.waiting(ExtractionLane.BULK),
        lanes.waiting(ExtractionLane.ARCHIVAL),
        lanes.oldest().map(since -> Duration.between(since, now)).orElse(Duration.ZERO),
        running.values().stream().toList());
  }

  private void work() {
    try {
      Optional<ExtractionLanes.Waiting> next;
      while ((next = lanes.take()).isPresent()) {
        ExtractionLanes.Waiting waiting = next.get();
        try {
          runOnce(waiting.id(), waiting.lane());
        } catch (Error e) {
          // The worker stays: a lost worker would leave the lanes with fewer every time.
          log.error("Extraction of {} ended with {}", waiting.id(), e.toString());
        } finally {
          lanes.finished(waiting);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void runOnce(RecordId id, ExtractionLane lane) {
    // Every log line about this record, the extraction child's included, names it.
    try (MDC.MDCCloseable context = MDC.putCloseable("recordId", id.value())) {
      Supplier<RecordMetadata> write;
      try {
        write = lane == ExtractionLane.ARCHIVAL ? makeArchivalCopy(id, lane) : extract(id, lane);
      } catch (RuntimeException | Error e) {
        setbacks.failed(id, e);
        return;
      } finally {
        running.remove(id);
      }
      writers.execute(() -> write(id, write));
    }
  }

  /** Writes what a child made, on a writer (or on the worker, when the writers are behind). */
  private void write(RecordId id, Supplier<RecordMetadata> write) {
    try (MDC.MDCCloseable context = MDC.putCloseable("recordId", id.value())) {
      RecordMetadata written;
      try {
        written = write.get();
      } catch (RuntimeException | Error e) {
        setbacks.failed(id, e);
        return;
      }
      setbacks.finished(id);
      if (written != null && written.extraction().archivalLater()) {
        // Searchable now; the archival copy waits behind every record still waiting for text.
        submit(written);
      }
    }
  }

  /**
   * Extracts a record's text in a child; what writes it (returning the version written, or null
   * when there is none to write).
   */
  private Supplier<RecordMetadata> extract(RecordId id, ExtractionLane lane) {
    // Taken first, so that it is deleted whatever happens below; a retry reads the store.
    Optional<Path> kept = keptUploads.take(id);
    Path copy = kept.orElseGet(spool::newTempFile);
    RecordMetadata current;
    ExtractedText result;
    try {
      current = store.require(id);
      if (current.extraction().status() != ExtractionStatus.PENDING) {
        return () -> null;
      }
      running.put(id, new ExtractionBacklog.Running(id, current.fileName(), lane, clock.instant()));
      if (kept.isEmpty()) {
        try (InputStream original = store.openOriginal(current)) {
          Files.copy(original, copy, StandardCopyOption.REPLACE_EXISTING);
        }
      }
      long started = System.nanoTime();
      result = extractor.extract(copy, current.fileName(), current.mediaType());
      metrics.extracted(current.mediaType(), result, Duration.ofNanos(System.nanoTime() - started));
    } catch (IOException e) {
      throw new StorageUnavailable("Cannot read the original of " + id + ": " + e.getMessage(), e);
    } finally {
      deleteQuietly(copy);
    }
    RecordMetadata read = current;
    ExtractedText made = result;
    return () -> {
      try {
        return outcomes.write(read, made);
      } finally {
        made.temporaryFiles().forEach(ExtractionQueue::deleteQuietly);
      }
    };
  }

  /**
   * Makes the archival copy and preview the record's extraction left for later, in a child; what
   * writes them (returning the version written, or null).
   */
  private Supplier<RecordMetadata> makeArchivalCopy(RecordId id, ExtractionLane lane) {
    // A record destroyed while its copy waited has nothing left to copy.
    RecordMetadata current = store.latest(id).orElse(null);
    if (current == null || !current.extraction().archivalLater() || !store.hasOriginal(id)) {
      return () -> null;
    }
    running.put(id, new ExtractionBacklog.Running(id, current.fileName(), lane, clock.instant()));
    Path copy = spool.newTempFile();
    ExtractedText made;
    try {
      try (InputStream original = store.openOriginal(current)) {
        Files.copy(original, copy, StandardCopyOption.REPLACE_EXISTING);
      }
      made = extractor.afterText(copy, current.fileName(), current.mediaType());
    } catch (IOException e) {
      throw new StorageUnavailable("Cannot read the original of " + id + ": " + e.getMessage(), e);
    } finally {
      deleteQuietly(copy);
    }
    return () -> {
      try {
        return outcomes.writeArchival(current, made);
      } finally {
        made.temporaryFiles().forEach(ExtractionQueue::deleteQuietly);
      }
    };
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException ignored) {
      // the spool is emptied at the next start
    }
  }

  @Override
  public void destroy() {
    lanes.close();
    workers.shutdown();
    // A write not begun is left to the sweep: the record is still PENDING in the store.
    writers.shutdown();
  }
}
