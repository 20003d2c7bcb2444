package se.arkiv.filing;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import se.arkiv.cluster.Leadership;
import se.arkiv.extraction.ExtractionSettings;
import se.arkiv.record.ExtractionStatus;
import se.arkiv.storage.RecordStore;

/**
 * Finds records whose extraction never finished (a crash, a full queue) and queues them again:
 * shortly after start-up, then at a fixed interval.
 */
@Component
class ExtractionSweep {

  private static final Logger log = LoggerFactory.getLogger(ExtractionSweep.class);

  private final RecordStore store;
  private final ExtractionQueue queue;
  private final Leadership leadership;

  private final Duration fullInterval;
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
    if (leadership.leads() && (!swept || System.nanoTime() - lastFull >= fullInterval.toNanos())) {
      sweep();
    } else {
      int requeued = queue.resubmitDropped();
      if (requeued > 0) {
        log.info("Queued {} records whose extraction had not finished", requeued);
      }
    }
  }

  void sweep() {
    swept = true;
    lastFull = System.nanoTime();
    long[] requeued = {0};
    store
        .recordIds()
        .forEach(
            id ->
                store
                    .latest(id)
                    .filter(m -> m.extraction().status() == ExtractionStatus.PENDING)
                    .ifPresent(
                        m -> {
                          if (queue.submit(m)) {
                            requeued[0]++;
                          }
                        }));
    if (requeued[0] > 0) {
      log.info("Queued {} records whose extraction had not finished", requeued[0]);
    }
  }
}
