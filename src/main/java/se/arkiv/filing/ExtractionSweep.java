package se.arkiv.filing;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.stereotype.Component;
import se.arkiv.cluster.Leadership;
import se.arkiv.extraction.ExtractionSettings;
import se.arkiv.record.ExtractionStatus;
import se.arkiv.storage.RecordStore;

/**
 * Finds records whose extraction never finished (a crash, a full queue) and queues them again:
 * shortly after start-up, then at a fixed interval. The whole-store walk runs on a low-priority
 * thread of its own: at a million records it reads every record's metadata for minutes, and on the
 * shared scheduler it would hold back audit sealing, the inbox and the rest meanwhile.
 */
@Component
class ExtractionSweep implements DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(ExtractionSweep.class);

  private final RecordStore store;
  private final ExtractionQueue queue;
  private final Leadership leadership;

  private final Duration fullInterval;
  private final ThreadPoolTaskExecutor walker = new ThreadPoolTaskExecutor();
  private final AtomicBoolean walking = new AtomicBoolean();
  private volatile boolean stopping;
  private long lastFull;
  private boolean swept;

  ExtractionSweep(
      RecordStore store,
      ExtractionQueue queue,
      ExtractionSettings settings,
      Leadership leadership) {
    this.store = store;
    this.queue = queue;
    this.leadership = leadership;
    this.fullInterval = settings.fullSweepInterval();
    walker.setThreadNamePrefix("extraction-sweep-");
    walker.setCorePoolSize(1);
    walker.setMaxPoolSize(1);
    walker.setThreadPriority(Thread.MIN_PRIORITY);
    walker.initialize();
  }

  /**
   * The whole store is swept at start-up (a crash leaves records pending) and then once per {@code
   * full-sweep-interval}; in between, each tick queues again only what the queue gave up on (full
   * backlog, failed extraction), so a big archive is not read through every ten minutes. The
   * whole-store sweep is the leading node's: the others' pending records are theirs while they run,
   * and the leader's to finish when they stop.
   */
  @Scheduled(
      initialDelayString = "${arkiv.extraction.sweep-initial-delay:2s}",
      fixedDelayString = "${arkiv.extraction.sweep-interval:10m}")
  synchronized void tick() {
    boolean due = !swept || System.nanoTime() - lastFull >= fullInterval.toNanos();
    if (leadership.leads() && due && walking.compareAndSet(false, true)) {
      swept = true;
      lastFull = System.nanoTime();
      walker.execute(
          () -> {
            try {
              sweep();
            } finally {
              walking.set(false);
            }
          });
    } else {
      int requeued = queue.resubmitDropped();
      if (requeued > 0) {
        log.info("Queued {} records whose extraction had not finished", requeued);
      }
    }
  }

  /** Walks the whole store, in the caller's thread. */
  void sweep() {
    long began = System.nanoTime();
    long[] requeued = {0};
    // Stopping is checked before each record is read, not after: the store may be closing.
    store
        .recordIds()
        .takeWhile(id -> !stopping)
        .flatMap(id -> store.latest(id).stream())
        .filter(
            m ->
                m.extraction().status() == ExtractionStatus.PENDING
                    || m.extraction().archivalLater())
        .forEach(
            m -> {
              if (queue.submit(m)) {
                requeued[0]++;
              }
            });
    if (requeued[0] > 0) {
      log.info(
          "Queued {} records whose extraction had not finished (the store walked in {} s)",
          requeued[0],
          Duration.ofNanos(System.nanoTime() - began).toSeconds());
    }
  }

  @Override
  public void destroy() {
    stopping = true;
    walker.shutdown();
  }
}
