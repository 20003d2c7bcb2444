package se.arkiv.search;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.arkiv.record.RecordId;
import se.arkiv.record.RecordMetadata;
import se.arkiv.storage.ObjectMissing;
import se.arkiv.storage.RecordStore;

/**
 * One comparison of the whole store with the index: every record whose latest metadata version is
 * not the one indexed is indexed again. Workers take record ids from one shared listing, so as many
 * threads as it is given share the work without a queue between them.
 *
 * <p>A record's version number is read from the names of its metadata versions, so a record the
 * index already holds costs a listing of one small folder, not a read of its metadata: at a million
 * records that is the difference between seconds and minutes at start-up.
 */
final class StoreComparison {

  private static final Logger log = LoggerFactory.getLogger(StoreComparison.class);

  /** Often enough to follow a rebuild in the log, seldom enough not to flood it. */
  private static final Duration LOG_EVERY = Duration.ofSeconds(10);

  private final RecordStore store;
  private final RecordIndexer indexer;
  private final Map<String, Integer> indexed;
  private final boolean rebuilding;
  private final long total;
  private final Clock clock;
  private final Instant started;
  private final AtomicLong compared = new AtomicLong();
  private final AtomicLong reindexed = new AtomicLong();
  private final AtomicLong nextLog;
  private Iterator<RecordId> ids;

  /**
   * @param indexed record id to the version the index holds; what is left after the pass was
   *     indexed but is no longer in the store
   * @param total records in the store, for the rate and the estimate of the time left; -1 unknown
   */
  StoreComparison(
      RecordStore store,
      RecordIndexer indexer,
      Map<String, Integer> indexed,
      boolean rebuilding,
      long total,
      Clock clock) {
    this.store = store;
    this.indexer = indexer;
    this.indexed = indexed;
    this.rebuilding = rebuilding;
    this.total = total;
    this.clock = clock;
    this.started = clock.instant();
    this.nextLog = new AtomicLong(started.plus(LOG_EVERY).toEpochMilli());
  }

  /** Compares every record on {@code threads} workers; returns when all are done or stopped. */
  void run(Executor workers, int threads, BooleanSupplier stopping) {
    ids = store.recordIds().iterator();
    CompletableFuture<?>[] running = new CompletableFuture<?>[threads];
    for (int i = 0; i < threads; i++) {
      running[i] = CompletableFuture.runAsync(() -> work(stopping), workers);
    }
    CompletableFuture.allOf(running).join();
  }

  private void work(BooleanSupplier stopping) {
    while (!stopping.getAsBoolean()) {
      RecordId id;
      Integer version;
      synchronized (this) {
        if (!ids.hasNext()) {
          return;
        }
        id = ids.next();
        version = indexed.remove(id.value());
      }
      try {
        compare(id, version);
      } catch (RuntimeException e) {
        // One record that cannot be read must not end the pass: the node would stay "not
        // compared" for good, and destroyed records in its index until the next pass.
        log.warn("Index comparison: record {} not compared: {}", id, e.toString());
      }
      compared.incrementAndGet();
      logNowAndThen();
    }
  }

  private void compare(RecordId id, Integer version) {
    Optional<RecordMetadata> latest;
    try {
      if (version != null && version == store.latestVersionNumber(id)) {
        return;
      }
      latest = store.latest(id);
    } catch (ObjectMissing e) {
      latest = Optional.empty(); // destroyed between the listing and this read
    }
    if (latest.isEmpty()) {
      if (version != null) {
        synchronized (this) {
          indexed.put(id.value(), version); // dropped from the index with the rest of the gone
        }
      }
      return;
    }
    if (version == null || version != latest.get().version()) {
      indexer.index(latest.get());
      reindexed.incrementAndGet();
    }
  }

  private void logNowAndThen() {
    long due = nextLog.get();
    long now = clock.millis();
    if (now >= due && nextLog.compareAndSet(due, now + LOG_EVERY.toMillis())) {
      Progress p = progress();
      log.info(
          "Index {}: {} of {} records compared, {} indexed, {} records/s{}",
          rebuilding ? "rebuild" : "comparison with the store",
          p.compared(),
          total < 0 ? "?" : Long.toString(total),
          p.indexed(),
          p.recordsPerSecond(),
          p.timeLeft().map(left -> ", about " + left.toSeconds() + " s left").orElse(""));
    }
  }

  Progress progress() {
    return new Progress(
        started, rebuilding, total, compared.get(), reindexed.get(), clock.instant());
  }

  /** Records indexed again (new, changed or missing from the index). */
  long reindexed() {
    return reindexed.get();
  }

  long compared() {
    return compared.get();
  }

  Duration took() {
    return Duration.between(started, clock.instant());
  }

  /**
   * What a pass under way has done so far.
   *
   * @param total records in the store when it began; -1 unknown
   */
  record Progress(
      Instant started, boolean rebuilding, long total, long compared, long indexed, Instant now) {

    long recordsPerSecond() {
      long millis = Math.max(1, Duration.between(started, now).toMillis());
      return compared * 1000 / millis;
    }

    /** From the rate so far; empty until there is a rate or when the total is unknown. */
    Optional<Duration> timeLeft() {
      long rate = recordsPerSecond();
      if (total < 0 || rate == 0) {
        return Optional.empty();
      }
      return Optional.of(Duration.ofSeconds(Math.max(0, total - compared) / rate));
    }
  }
}
