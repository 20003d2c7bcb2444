package se.arkiv.search;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import se.arkiv.record.RecordId;
import se.arkiv.record.RecordMetadata;
import se.arkiv.storage.RecordStore;

/**
 * Brings the index up to the store: records whose current metadata version is not the one indexed
 * are indexed again. Runs shortly after start-up (so a deleted or stale index rebuilds itself) and
 * then at an interval, to mend anything a failed indexing left behind.
 */
@Component
class IndexCatchUp {

  private static final Logger log = LoggerFactory.getLogger(IndexCatchUp.class);

  private final RecordStore store;
  private final RecordIndexer indexer;
  private final LuceneIndex index;
  private volatile boolean caughtUp;
  private volatile Pass pass;
  private final AtomicLong passSeen = new AtomicLong();
  private final AtomicLong passIndexed = new AtomicLong();

  /** Records whose latest version failed to index since the last catch-up. */
  private final Set<String> behind = ConcurrentHashMap.newKeySet();

  private final Duration fullInterval;
  private long lastFull;

  IndexCatchUp(
      RecordStore store, RecordIndexer indexer, LuceneIndex index, SearchSettings settings) {
    this.store = store;
    this.indexer = indexer;
    this.index = index;
    this.fullInterval = settings.fullCatchUpInterval();
  }

  /**
   * The whole store is compared with the index at start-up and then once per {@code
   * full-catch-up-interval}; in between, each tick indexes again only the records whose indexing
   * failed, which is all that can fall behind while the service runs. A full pass reads the latest
   * metadata of every record, which a big archive should not pay every ten minutes.
   */
  @Scheduled(
      initialDelayString = "${arkiv.index.catch-up-initial-delay:1s}",
      fixedDelayString = "${arkiv.index.catch-up-interval:10m}")
  synchronized void tick() {
    if (!caughtUp || System.nanoTime() - lastFull >= fullInterval.toNanos()) {
      catchUp();
    } else {
      mend();
    }
  }

  private void mend() {
    for (String id : List.copyOf(behind)) {
      try {
        store.latest(RecordId.of(id)).ifPresent(indexer::index);
        behind.remove(id);
      } catch (RuntimeException e) {
        log.warn("Record {} is still not indexed: {}", id, e.toString());
      }
    }
    index.refreshNow();
  }

  void catchUp() {
    lastFull = System.nanoTime();
    long started = System.nanoTime();
    Set<String> failedBefore = Set.copyOf(behind);
    Map<String, Integer> indexed = index.indexedVersions();
    // An empty index beside a store with records is a rebuild: search misses nearly everything
    // until it ends, so readiness refuses traffic meanwhile (IndexHealth).
    boolean fromEmpty = indexed.isEmpty();
    pass = new Pass(Instant.now(), false);
    passSeen.set(0);
    passIndexed.set(0);
    try {
      store
          .recordIds()
          .forEach(
              id -> {
                if (fromEmpty && passSeen.get() == 0) {
                  pass = new Pass(pass.started(), true);
                }
                passSeen.incrementAndGet();
                Integer version = indexed.remove(id.value());
                RecordMetadata latest = store.latest(id).orElse(null);
                if (latest != null && (version == null || version != latest.version())) {
                  indexer.index(latest);
                  passIndexed.incrementAndGet();
                }
              });
    } finally {
      pass = null;
    }
    // What is left was indexed but is no longer in the store (destroyed): drop it.
    indexed.keySet().forEach(index::delete);
    if (passIndexed.get() > 0 || !indexed.isEmpty()) {
      index.refreshNow();
      log.info(
          "Index catch-up: {} of {} records indexed in {} ms",
          passIndexed.get(),
          passSeen.get(),
          (System.nanoTime() - started) / 1_000_000);
    }
    behind.removeAll(failedBefore);
    caughtUp = true;
  }

  /** A comparison of the whole store with the index under way; a rebuild when it began empty. */
  record Pass(Instant started, boolean rebuilding) {}

  /** What a pass under way has done so far: records compared and records indexed. */
  record Progress(Instant started, boolean rebuilding, long compared, long indexed) {}

  /** The full comparison under way, if one is. */
  Optional<Progress> progress() {
    Pass current = pass;
    return current == null
        ? Optional.empty()
        : Optional.of(
            new Progress(
                current.started(), current.rebuilding(), passSeen.get(), passIndexed.get()));
  }

  /** Records whose latest version failed to index and waits for the next tick to mend it. */
  int behind() {
    return behind.size();
  }

  void failed(String id) {
    behind.add(id);
  }

  void indexed(String id) {
    behind.remove(id);
  }

  /** True once the index has been compared with the whole store since start-up. */
  boolean caughtUp() {
    return caughtUp && behind.isEmpty();
  }
}
