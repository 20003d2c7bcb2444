package se.arkiv.filing;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
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

  ExtractionSweep(RecordStore store, ExtractionQueue queue) {
    this.store = store;
    this.queue = queue;
  }

  @Scheduled(
      initialDelayString = "${arkiv.extraction.sweep-initial-delay:2s}",
      fixedDelayString = "${arkiv.extraction.sweep-interval:10m}")
  void sweep() {
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
                          if (queue.submit(id)) {
                            requeued[0]++;
                          }
                        }));
    if (requeued[0] > 0) {
      log.info("Queued {} records whose extraction had not finished", requeued[0]);
    }
  }
}
