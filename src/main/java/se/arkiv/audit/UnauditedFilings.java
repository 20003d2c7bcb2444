package se.arkiv.audit;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.stereotype.Component;
import se.arkiv.record.RecordId;
import se.arkiv.record.RecordMetadata;
import se.arkiv.storage.RecordStore;

/**
 * A filing is stored, then audited, then answered: a crash between the store and the trail leaves a
 * record (never acknowledged, but kept, and found again when its client retries) that no entry
 * names. At start, every record issued since a little before the trail's last entry is looked up on
 * the trail, and one that no entry names gets its filing entry, marked as written at this start.
 * Imports mend their own entries the same way, line by line, when they resume.
 */
@Component
class UnauditedFilings implements DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(UnauditedFilings.class);

  /**
   * How long before the trail's last entry a filing may have been stored and still been waiting for
   * its own entry: far longer than the few milliseconds between the two, for a pause of the whole
   * process.
   */
  static final Duration MARGIN = Duration.ofMinutes(10);

  private final RecordStore records;
  private final AuditTrail trail;
  private final Instant lastEntry;
  private final ThreadPoolTaskExecutor worker = new ThreadPoolTaskExecutor();

  UnauditedFilings(RecordStore records, AuditTrail trail, AuditSegmentWriter writer) {
    this.records = records;
    this.trail = trail;
    this.lastEntry = writer.lastEntryAtStart();
    worker.setThreadNamePrefix("unaudited-filings-");
    worker.setCorePoolSize(1);
    worker.setMaxPoolSize(1);
    worker.setThreadPriority(Thread.MIN_PRIORITY);
    worker.initialize();
  }

  @EventListener(ApplicationReadyEvent.class)
  void afterStart() {
    if (lastEntry != null) {
      // Off the start: the ids are listed oldest first, which at a million records takes seconds.
      worker.execute(() -> mend(lastEntry.minus(MARGIN)));
    }
  }

  /** Writes the filing entry of every record issued since {@code since} without one. */
  int mend(Instant since) {
    List<RecordMetadata> unaudited =
        records
            .recordIds()
            .filter(id -> !id.issuedAt().isBefore(since))
            .filter(id -> !named(id))
            .flatMap(id -> records.latest(id).stream())
            .toList();
    unaudited.forEach(this::writeFiling);
    if (!unaudited.isEmpty()) {
      log.warn("Wrote the filing entry of {} records stored just before a stop", unaudited.size());
    }
    return unaudited.size();
  }

  private void writeFiling(RecordMetadata record) {
    trail.record(
        new AuditEvent(
            record.filedBy(),
            List.of(),
            "recovery",
            "record.file",
            record.id().value(),
            AuditEvent.Outcome.SUCCESS,
            "stored before the service stopped, without its entry; written at the next start",
            Map.of("recordClass", record.recordClass(), "sha256", record.sha256()),
            null,
            null));
  }

  /**
   * Whether the trail has the record's filing: an entry {@code record.file} of it (an entry of a
   * duplicate filed since does not count: it names a record whose filing it does not say), or the
   * run that filed it as a certificate of destruction.
   */
  private boolean named(RecordId id) {
    String quoted = "\"" + id.value() + "\"";
    return trail.find(new AuditQuery(id.value(), null, "record.file", null, null), 0, 100).stream()
            .anyMatch(entry -> entry.action().equals("record.file"))
        || !trail
            .find(new AuditQuery(null, null, "disposition.finish", null, null, quoted), 0, 1)
            .isEmpty();
  }

  @Override
  public void destroy() {
    worker.shutdown();
  }
}
