package se.arkiv.filing;

import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.TaskScheduler;
import se.arkiv.extraction.ExtractionUnavailable;
import se.arkiv.record.RecordId;
import se.arkiv.storage.StorageUnavailable;

/**
 * What becomes of a record whose extraction could not finish: an outage of the store or of the
 * child processes is tried again soon, with backoff; anything else, and a record tried too often,
 * is dropped for the sweep, which queues it again later. Nothing is lost either way: the record
 * stays PENDING in the store until its extraction is written.
 */
final class ExtractionSetbacks {

  private static final Logger log = LoggerFactory.getLogger(ExtractionSetbacks.class);
  private static final int MAX_RETRIES = 8;

  private final Set<RecordId> queued;
  private final Predicate<RecordId> resubmit;
  private final TaskScheduler retries;
  private final Clock clock;
  // Records given up on since the last sweep; what can fall behind while the service runs.
  private final Set<RecordId> dropped = ConcurrentHashMap.newKeySet();
  private final Map<RecordId, Integer> attempts = new ConcurrentHashMap<>();

  /**
   * @param queued the records the queue holds, from which a record that did not finish is taken
   * @param resubmit queues a record again by its id; false when it was not queued
   */
  ExtractionSetbacks(
      Set<RecordId> queued, Predicate<RecordId> resubmit, TaskScheduler retries, Clock clock) {
    this.queued = queued;
    this.resubmit = resubmit;
    this.retries = retries;
    this.clock = clock;
  }

  /** The record's extraction was written: it starts afresh if it is ever queued again. */
  void finished(RecordId id) {
    attempts.remove(id);
    queued.remove(id);
  }

  /** The record waits for the sweep (the lanes were full, say). */
  void drop(RecordId id) {
    dropped.add(id);
  }

  /** Queues again the records given up on; how many were queued. */
  int resubmitDropped() {
    int submitted = 0;
    for (RecordId id : List.copyOf(dropped)) {
      dropped.remove(id);
      if (resubmit.test(id)) {
        submitted++;
      }
    }
    return submitted;
  }

  /** The record's extraction ended with {@code failure}; an Error is thrown on after. */
  void failed(RecordId id, Throwable failure) {
    queued.remove(id);
    if (failure instanceof StorageUnavailable
        || failure instanceof UncheckedIOException
        || failure instanceof ExtractionUnavailable) {
      // An outage of the store (also one that cut a read short) or of the child processes.
      retrySoon(id, failure);
    } else if (failure instanceof CancellationException) {
      // The service is stopping: nothing is wrong with the record, and the sweep takes it.
      log.info("Extraction of {} stopped with the service; the next sweep takes it", id);
    } else if (failure instanceof Error error) {
      // Out of memory, say: the record must not stay marked as queued for good.
      dropped.add(id);
      throw error;
    } else {
      dropped.add(id);
      log.warn("Extraction of {} did not finish; it stays pending for the next sweep", id, failure);
    }
  }

  private void retrySoon(RecordId id, Throwable failure) {
    int attempt = attempts.merge(id, 1, Integer::sum);
    if (attempt > MAX_RETRIES) {
      attempts.remove(id);
      dropped.add(id);
      log.warn("Extraction of {} gave up after {} retries; the sweep takes it later", id, attempt);
      return;
    }
    long delay = Math.min(60, 1L << attempt);
    log.info("Extraction of {} could not run ({}); retry {} in {} s", id, failure, attempt, delay);
    try {
      retries.schedule(() -> resubmit.test(id), clock.instant().plusSeconds(delay));
    } catch (RejectedExecutionException stopping) {
      log.info("Extraction of {} is left to the sweep: the service is stopping", id);
    }
  }
}
