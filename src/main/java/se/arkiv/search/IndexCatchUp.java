package se.arkiv.search;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.stereotype.Component;
import se.arkiv.record.RecordId;
import se.arkiv.storage.RecordStore;

/**
 * Brings the index up to the store: records whose current metadata version is not the one indexed
 * are indexed again. Runs shortly after start-up (so a deleted or stale index rebuilds itself) and
 * then at an interval, to mend anything a failed indexing left behind. Start-up never waits for it.
 */
@Component
class IndexCatchUp implements DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(IndexCatchUp.class);

  private final RecordStore store;
  private final RecordIndexer indexer;
  private final LuceneIndex index;

  /** Rates and estimates are wall time, whatever the legal clock says (tests move that one). */
  private final Clock clock = Clock.systemUTC();

  private final int rebuildThreads;
  private final ThreadPoolTaskExecutor driver = new ThreadPoolTaskExecutor();
  private final ThreadPoolTaskExecutor workers = new ThreadPoolTaskExecutor();

  /** Compared with the whole store since start-up, or trusted from a clean close. */
  private volatile boolean caughtUp;

  private volatile boolean comparedSinceStart;
  private volatile boolean stopping;
  private volatile StoreComparison pass;

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
    // After a clean close the index is whole: a dry disposition run or a hold by query need not
    // wait for the comparison (minutes at a million records) that follows every start.
    this.caughtUp = index.wholeAtOpen();
    this.rebuildThreads =
        settings.rebuildThreads() > 0
            ? settings.rebuildThreads()
            : Runtime.getRuntime().availableProcessors();
    // The pass has threads of its own: on the shared scheduler a pass over a million records would
    // hold back the inbox scan, audit sealing and the rest for minutes.
    driver.setThreadNamePrefix("index-catch-up-");
    driver.setCorePoolSize(1);
    driver.setMaxPoolSize(1);
    driver.initialize();
    workers.setThreadNamePrefix("index-rebuild-");
    workers.setCorePoolSize(rebuildThreads);
    workers.setMaxPoolSize(rebuildThreads);
    workers.setThreadPriority(Thread.MIN_PRIORITY);
    workers.initialize();
  }

  /**
   * The whole store is compared with the index at start-up and then once per {@code
   * full-catch-up-interval}, in the background; in between, each tick indexes again only the
   * records whose indexing failed, which is all that can fall behind while the service runs. A full
   * pass reads the metadata folder of every record, which a big archive should not pay every ten
   * minutes.
   */
  @Scheduled(
      initialDelayString = "${arkiv.index.catch-up-initial-delay:1s}",
      fixedDelayString = "${arkiv.index.catch-up-interval:10m}")
  synchronized void tick() {
    if (pass != null) {
      return;
    }
    if (!comparedSinceStart || System.nanoTime() - lastFull >= fullInterval.toNanos()) {
      lastFull = System.nanoTime();
      driver.execute(this::catchUp);
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

  /**
   * Compares the whole store with the index and returns when done. An empty index beside a store
   * with records is a rebuild: it runs on every core (readiness refuses traffic meanwhile, see
   * {@link IndexHealth}, so there is no search to keep fast). Otherwise one low-priority worker
   * compares while the service serves.
   */
  void catchUp() {
    Set<String> failedBefore = Set.copyOf(behind);
    Map<String, Integer> indexed = index.indexedVersions();
    // Listing a million records takes tens of seconds on a filesystem store: list once for the
    // total of a rebuild, and estimate a comparison's from the index.
    long total = indexed.isEmpty() ? store.recordIds().count() : index.documentCount();
    boolean rebuilding = indexed.isEmpty() && total > 0;
    StoreComparison comparison =
        new StoreComparison(store, indexer, indexed, rebuilding, total, clock);
    pass = comparison;
    try {
      if (rebuilding) {
        log.info(
            "Index is empty: rebuilding it from {} records on {} threads", total, rebuildThreads);
      }
      comparison.run(workers, rebuilding ? rebuildThreads : 1, () -> stopping);
    } finally {
      pass = null;
    }
    if (stopping) {
      return;
    }
    // What is left was indexed but is no longer in the store (destroyed): drop it.
    indexed.keySet().forEach(index::delete);
    if (comparison.reindexed() > 0 || !indexed.isEmpty()) {
      index.refreshNow();
      log.info(
          "Index catch-up: {} of {} records indexed in {} ms",
          comparison.reindexed(),
          comparison.compared(),
          comparison.took().toMillis());
    }
    behind.removeAll(failedBefore);
    comparedSinceStart = true;
    caughtUp = true;
  }

  /** The full comparison under way, if one is. */
  Optional<StoreComparison.Progress> progress() {
    StoreComparison current = pass;
    return current == null ? Optional.empty() : Optional.of(current.progress());
  }

  /** Records whose latest version failed to index and waits for the next tick to mend it. */
  int behind() {
    return behind.size();
  }

  void failed(String id) {
    behind.add(id);
    index.wholeAtClose(false);
  }

  void indexed(String id) {
    behind.remove(id);
  }

  /** True once the index has been compared with the whole store since start-up. */
  boolean caughtUp() {
    return caughtUp && behind.isEmpty();
  }

  /** A pass under way stops after the records in hand: the next start compares again. */
  @Override
  public void destroy() {
    index.wholeAtClose(pass == null && caughtUp());
    stopping = true;
    driver.shutdown();
    workers.shutdown();
  }
}
