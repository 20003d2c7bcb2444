package se.arkiv.audit;

import java.util.List;
import java.util.Map;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import se.arkiv.retention.DispositionRunFinished;
import se.arkiv.retention.DispositionRunVoided;
import se.arkiv.retention.RecordDestroyed;

/**
 * Destructions are audited where they happen, also in scheduled runs that no HTTP request started;
 * the entry outlives the record.
 */
@Component
class DestructionAudit {

  private final AuditTrail trail;

  DestructionAudit(AuditTrail trail) {
    this.trail = trail;
  }

  @EventListener
  void on(RecordDestroyed destroyed) {
    trail.record(
        new AuditEvent(
            destroyed.actor(),
            List.of(),
            null,
            "record.destroy",
            destroyed.id().value(),
            AuditEvent.Outcome.SUCCESS,
            null,
            Map.of(
                "recordClass", destroyed.recordClass(),
                "sha256", destroyed.sha256(),
                "run", destroyed.runId()),
            null,
            null));
  }

  @EventListener
  void on(DispositionRunVoided voided) {
    trail.record(
        new AuditEvent(
            voided.actor(),
            List.of(),
            null,
            "disposition.void",
            voided.runId(),
            AuditEvent.Outcome.SUCCESS,
            voided.reason(),
            Map.of("event", voided.eventId()),
            null,
            null));
  }

  @EventListener
  void on(DispositionRunFinished finished) {
    trail.record(
        new AuditEvent(
            finished.actor(),
            List.of(),
            null,
            "disposition.finish",
            finished.runId(),
            AuditEvent.Outcome.SUCCESS,
            null,
            Map.of(
                "destroyed", finished.destroyed(),
                "notDestroyed", finished.notDestroyed(),
                "certificate", String.valueOf(finished.certificateRecordId())),
            null,
            null));
  }
}
