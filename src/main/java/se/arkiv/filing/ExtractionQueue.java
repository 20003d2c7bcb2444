package se.arkiv.filing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import se.arkiv.extraction.ExtractedText;
import se.arkiv.extraction.ExtractionSettings;
import se.arkiv.extraction.TextExtractor;
import se.arkiv.record.Extraction;
import se.arkiv.record.ExtractionStatus;
import se.arkiv.record.RecordId;
import se.arkiv.record.RecordMetadata;
import se.arkiv.storage.ObjectAlreadyExists;
import se.arkiv.storage.RecordStore;
import se.arkiv.storage.StorageUnavailable;

/**
 * The bounded queue between filing and extraction, with a backlog of record ids behind it for
 * bursts. Nothing is lost when both are full, or at a crash: the record stays PENDING in the store
 * and {@link ExtractionSweep} submits it again later.
 */
@Component
class ExtractionQueue implements DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(ExtractionQueue.class);
  private static final String ACTOR = "arkiv-extraction";

  private final RecordStore store;
  private final TextExtractor extractor;
  private final se.arkiv.extraction.Previews previews;
  private final Spool spool;
  private final Clock clock;
  private final ThreadPoolExecutor workers;
  private final Set<RecordId> queued = ConcurrentHashMap.newKeySet();
  // Records given up on since the last sweep; what can fall behind while the service runs.
  private final Set<RecordId> dropped = ConcurrentHashMap.newKeySet();
  private static final int MAX_BACKLOG = 100_000;
  private final java.util.Queue<RecordId> backlog =
      new java.util.concurrent.ConcurrentLinkedQueue<>();
  private final java.util.concurrent.atomic.AtomicInteger backlogSize =
      new java.util.concurrent.atomic.AtomicInteger();
  private final java.util.Map<RecordId, Integer> retries = new ConcurrentHashMap<>();
  private static final int MAX_RETRIES = 8;
  private final java.util.concurrent.ScheduledExecutorService retry =
      java.util.concurrent.Executors.newSingleThreadScheduledExecutor(
          runnable -> {
            Thread thread = new Thread(runnable, "extraction-retry");
            thread.setDaemon(true);
            return thread;
          });

  ExtractionQueue(
      RecordStore store,
      TextExtractor extractor,
      se.arkiv.extraction.Previews previews,
      Spool spool,
      Clock clock,
      ExtractionSettings settings) {
    this.store = store;
    this.extractor = extractor;
    this.previews = previews;
    this.spool = spool;
    this.clock = clock;
    this.workers =
        new ThreadPoolExecutor(
            settings.threads(),
            settings.threads(),
            0,
            TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(settings.queueCapacity()),
            runnable -> new Thread(runnable, "extraction"));
  }

  /**
   * Queues a record for extraction; false when it is already queued or both the queue and the
   * backlog are full (then the sweep takes it).
   */
  boolean submit(RecordId id) {
    if (!queued.add(id)) {
      return false;
    }
    try {
      workers.execute(() -> run(id));
      return true;
    } catch (RejectedExecutionException e) {
      // A burst beyond the queue waits in the backlog (ids only) and moves up as extractions
      // finish, rather than for the sweep ten minutes later.
      if (backlogSize.incrementAndGet() <= MAX_BACKLOG) {
        backlog.add(id);
        // The workers may have emptied the queue meanwhile, with nothing left to call refill.
        refill();
        return true;
      }
      backlogSize.decrementAndGet();
      queued.remove(id);
      dropped.add(id);
      log.info("Extraction queue and backlog full; {} waits for the next sweep", id);
      return false;
    }
  }

  /** Queues again the records this queue gave up on (full, or failed); the sweep's short tick. */
  int resubmitDropped() {
    int submitted = 0;
    for (RecordId id : java.util.List.copyOf(dropped)) {
      dropped.remove(id);
      if (submit(id)) {
        submitted++;
      }
    }
    return submitted;
  }

  /** Moves records from the backlog into the queue while it has room. */
  private void refill() {
    RecordId next;
    while (workers.getQueue().remainingCapacity() > 0 && (next = backlog.poll()) != null) {
      backlogSize.decrementAndGet();
      RecordId id = next;
      try {
        workers.execute(() -> run(id));
      } catch (RejectedExecutionException full) {
        backlog.add(id);
        backlogSize.incrementAndGet();
        return;
      }
    }
  }

  private void run(RecordId id) {
    try {
      runOnce(id);
    } finally {
      refill();
    }
  }

  private void runOnce(RecordId id) {
    try {
      extract(id);
      retries.remove(id);
      queued.remove(id);
    } catch (StorageUnavailable | java.io.UncheckedIOException e) {
      // An outage of the store (also one that cut a read short): try again soon, with backoff,
      // rather than wait for the sweep.
      int attempt = retries.merge(id, 1, Integer::sum);
      queued.remove(id);
      if (attempt <= MAX_RETRIES) {
        long delay = Math.min(60, 1L << attempt);
        log.info("Store unavailable while extracting {}; retry {} in {} s", id, attempt, delay);
        try {
          retry.schedule(() -> submit(id), delay, TimeUnit.SECONDS);
        } catch (RejectedExecutionException stopping) {
          log.info("Extraction of {} is left to the sweep: the service is stopping", id);
        }
      } else {
        retries.remove(id);
        dropped.add(id);
        log.warn(
            "Extraction of {} gave up after {} retries; the sweep takes it later", id, attempt);
      }
    } catch (RuntimeException e) {
      queued.remove(id);
      dropped.add(id);
      log.warn("Extraction of {} did not finish; it stays pending for the next sweep", id, e);
    } catch (Error e) {
      // Out of memory, say: the record must not stay marked as queued for good.
      queued.remove(id);
      dropped.add(id);
      throw e;
    }
  }

  private void extract(RecordId id) {
    RecordMetadata current = store.require(id);
    if (current.extraction().status() != ExtractionStatus.PENDING) {
      return;
    }
    Path copy = spool.newTempFile();
    ExtractedText result;
    java.util.Optional<byte[]> preview;
    try {
      try (InputStream original = store.openOriginal(current)) {
        Files.copy(original, copy, StandardCopyOption.REPLACE_EXISTING);
      }
      result = extractor.extract(copy, current.fileName());
      preview = previews.firstPage(copy, current.mediaType());
    } catch (IOException e) {
      throw new StorageUnavailable("Cannot read the original of " + id + ": " + e.getMessage(), e);
    } finally {
      try {
        Files.deleteIfExists(copy);
      } catch (IOException ignored) {
        // the spool is emptied at the next start
      }
    }
    if (!store.hasOriginal(id)) {
      log.info("Record {} was destroyed while its text was extracted; nothing to write", id);
      return;
    }
    preview.ifPresent(png -> store.writePreview(id, png));
    java.util.List<se.arkiv.record.Attachment> attachments = keepAttachments(id, result);
    if (result.status() == ExtractionStatus.DONE) {
      store.writeText(id, result.text());
    }
    Extraction outcome =
        new Extraction(
            result.status(),
            result.reason(),
            result.language(),
            result.text().length(),
            result.truncated(),
            clock.instant(),
            attachments,
            result.ocrPages());
    String change =
        result.status() == ExtractionStatus.DONE ? "text extracted" : "extraction failed";
    appendWithRetry(id, outcome, change);
  }

  /** Stores each attachment as a derived object and lists it; the temporary copies go. */
  private java.util.List<se.arkiv.record.Attachment> keepAttachments(
      RecordId id, ExtractedText result) {
    java.util.List<se.arkiv.record.Attachment> kept = new java.util.ArrayList<>();
    for (ExtractedText.Attachment attachment : result.attachments()) {
      try {
        kept.add(
            store.writeAttachment(
                id,
                attachment.index(),
                FileNames.sanitize(attachment.fileName()),
                attachment.mediaType(),
                attachment.file()));
      } finally {
        try {
          Files.deleteIfExists(attachment.file());
        } catch (IOException ignored) {
          // the spool is emptied at the next start
        }
      }
    }
    return kept;
  }

  /** Another writer may have added a version meanwhile; build on the newest one. */
  private void appendWithRetry(RecordId id, Extraction outcome, String change) {
    for (int attempt = 0; ; attempt++) {
      RecordMetadata latest = store.latest(id).orElse(null);
      if (latest == null || !store.hasOriginal(id)) {
        log.info("Record {} was destroyed while its text was extracted; nothing to write", id);
        return;
      }
      try {
        store.appendVersion(latest.withExtraction(outcome, clock.instant(), ACTOR, change));
        return;
      } catch (ObjectAlreadyExists e) {
        if (attempt >= 5) {
          throw e;
        }
      }
    }
  }

  int backlog() {
    return workers.getQueue().size();
  }

  @Override
  public void destroy() throws InterruptedException {
    // Workers first: one that fails while stopping may still hand its record to the retries.
    workers.shutdownNow();
    workers.awaitTermination(10, TimeUnit.SECONDS);
    retry.shutdownNow();
  }
}
