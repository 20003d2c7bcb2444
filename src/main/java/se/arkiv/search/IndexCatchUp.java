package se.arkiv.search;

import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
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

  /** Records whose latest version failed to index since the last catch-up. */
  private final java.util.Set<String> behind = java.util.concurrent.ConcurrentHashMap.newKeySet();

  private final java.time.Duration fullInterval;
  private long lastFull;

  IndexCatchUp(
      RecordStore store,
      RecordIndexer indexer,
      LuceneIndex index,
      @org.springframework.beans.factory.annotation.Value(
              "${arkiv.index.full-catch-up-interval:24h}")
          java.time.Duration fullInterval) {
    this.store = store;
    this.indexer = indexer;
    this.index = index;
    this.fullInterval = fullInterval;
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
    for (String id : java.util.List.copyOf(behind)) {
      try {
        store.latest(se.arkiv.record.RecordId.of(id)).ifPresent(indexer::index);
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
    java.util.Set<String> failedBefore = java.util.Set.copyOf(behind);
    Map<String, Integer> indexed = index.indexedVersions();
    long[] counts = {0, 0};
    store
        .recordIds()
        .forEach(
            id -> {
              counts[0]++;
              Integer version = indexed.remove(id.value());
              RecordMetadata latest = store.latest(id).orElse(null);
              if (latest != null && (version == null || version != latest.version())) {
                indexer.index(latest);
                counts[1]++;
              }
            });
    // What is left was indexed but is no longer in the store (destroyed): drop it.
    indexed.keySet().forEach(index::delete);
    if (counts[1] > 0 || !indexed.isEmpty()) {
      index.refreshNow();
      log.info(
          "Index catch-up: {} of {} records indexed in {} ms",
          counts[1],
          counts[0],
          (System.nanoTime() - started) / 1_000_000);
    }
    behind.removeAll(failedBefore);
    caughtUp = true;
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
