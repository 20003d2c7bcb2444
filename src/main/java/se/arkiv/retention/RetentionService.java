package se.arkiv.retention;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import se.arkiv.record.FilePlan;
import se.arkiv.record.RecordMetadata;

/** A record's retention, as the rest of the service asks for it. */
@Service
public class RetentionService {

  private final FilePlan filePlan;
  private final RetentionEvents events;
  private final LegalHolds holds;
  private final Clock clock;

  RetentionService(FilePlan filePlan, RetentionEvents events, LegalHolds holds, Clock clock) {
    this.filePlan = filePlan;
    this.events = events;
    this.holds = holds;
    this.clock = clock;
  }

  /** The record's retention now, with the holds that cover it. */
  public Retention retentionOf(RecordMetadata record) {
    Map<String, List<String>> covering = holds.covering(List.of(record.id().value()), false);
    return at(record, covering.getOrDefault(record.id().value(), List.of()), clock.instant());
  }

  Retention at(RecordMetadata record, List<String> holdIds, Instant asOf) {
    return RetentionClock.compute(
        record, filePlan.require(record.recordClass()), events.active(), holdIds, asOf);
  }

  /**
   * Records are destroyed only by a disposition run: every other delete is refused, and the message
   * says what protects the record now.
   */
  public RetentionProblem refuseDeletion(RecordMetadata record, boolean nameHolds) {
    Retention retention = retentionOf(record);
    String why =
        switch (retention.status()) {
          case HELD ->
              nameHolds
                  ? "it is under legal hold " + holds.describe(retention.holds())
                  : "it is under legal hold";
          case EVENT_PENDING ->
              "it is retained until the event " + retention.pendingEvent() + " plus its period";
          case RETAINED ->
              "it is retained until " + retention.retainUntil() + " (" + retention.rule() + ")";
          case ELIGIBLE ->
              "its retention has ended, but records are destroyed only by a"
                  + " disposition run, which leaves a certificate";
        };
    return RetentionProblem.refused("Record " + record.id() + " cannot be deleted: " + why);
  }
}
