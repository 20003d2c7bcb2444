package se.arkiv.retention;

import java.time.Clock;
import java.time.Instant;
import java.time.Period;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import se.arkiv.cluster.Leadership;
import se.arkiv.record.RecordId;
import se.arkiv.record.RecordMetadata;
import se.arkiv.record.RecordVersionStored;
import se.arkiv.storage.RecordStore;
import se.arkiv.storage.S3Settings;

/**
 * Makes the store keep the promise too: each record's objects are locked until its retain-until,
 * and held records carry the store's legal hold. With S3 Object Lock the store enforces this
 * itself; the filesystem store enforces the same in software. Records still waiting for their event
 * keep a rolling lock horizon that a daily task extends before it lapses.
 */
@Component
class RecordLocks {

  private static final Logger log = LoggerFactory.getLogger(RecordLocks.class);

  private final RecordStore records;
  private final RetentionService retention;
  private final Clock clock;
  private final Leadership leadership;
  private final Period horizon;
  private final boolean rollingHorizon;

  RecordLocks(
      RecordStore records,
      RetentionService retention,
      Clock clock,
      S3Settings storage,
      Leadership leadership) {
    this.records = records;
    this.leadership = leadership;
    this.retention = retention;
    this.clock = clock;
    this.horizon = storage.s3().objectLock().horizon();
    String mode = storage.s3().objectLock().mode();
    // Only S3 Object Lock locks every object from birth; the horizon keeps those locks rolling.
    this.rollingHorizon = "s3".equals(storage.type()) && mode != null && !mode.isBlank();
  }

  /** After the index has the new version (so holds by query see it), lock what was stored. */
  @EventListener
  @Order(100)
  void on(RecordVersionStored stored) {
    lock(stored.metadata());
  }

  void lock(RecordMetadata record) {
    try {
      Retention now = retention.retentionOf(record);
      if (now.retainUntil() != null) {
        records.retainUntil(record.id(), now.retainUntil());
      } else if (rollingHorizon) {
        records.retainUntil(record.id(), horizonFromNow());
      }
      records.legalHold(record.id(), !now.holds().isEmpty());
    } catch (RuntimeException e) {
      // The store keeps any longer lock it has; the daily pass tries again.
      log.warn("Could not update the store locks of {}: {}", record.id(), e.getMessage());
    }
  }

  /** Sets or clears the legal hold on records whose holds changed. */
  @EventListener
  void on(HoldsChanged changed) {
    for (String id : changed.recordIds()) {
      try {
        records.latest(RecordId.of(id)).ifPresent(this::lock);
      } catch (RuntimeException e) {
        // The hold itself stands in Arkiv; the daily renewal sets the store's flag later.
        log.warn("Could not update the store's legal hold of {}: {}", id, e.getMessage());
      }
    }
  }

  /**
   * Daily: renew every lock, so that a rolling horizon never lapses for a record still kept. On the
   * leading node only; the renewal of each record's lock as it is stored or changes happens on the
   * node that stores it (extending a lock twice does no harm).
   */
  @Scheduled(cron = "${arkiv.storage.lock-renewal-cron:0 30 3 * * *}", zone = "Europe/Stockholm")
  void renewAll() {
    if (!leadership.leads()) {
      return;
    }
    long[] count = {0};
    records
        .latestRecords()
        .forEach(
            record -> {
              lock(record);
              count[0]++;
            });
    log.info("Renewed the store locks of {} records", count[0]);
  }

  private Instant horizonFromNow() {
    return clock.instant().atZone(RetentionClock.LEGAL_ZONE).plus(horizon).toInstant();
  }
}
