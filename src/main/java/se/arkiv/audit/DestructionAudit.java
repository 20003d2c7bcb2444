package se.arkiv.audit;

import java.util.List;
import java.util.Map;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import se.arkiv.retention.DestroyedBeforeAStop;
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
    destruction(
        destroyed.actor(),
        destroyed.id().value(),
        destroyed.recordClass(),
        destroyed.sha256(),
        destroyed.runId(),
        null);
  }

  /** A stop between a tombstone and its entry left the destruction off the trail: written now. */
  @EventListener
  void on(DestroyedBeforeAStop destroyed) {
    String id = destroyed.id().value();
    if (trail.find(new AuditQuery(id, null, "record.destroy", null, null), 0, 1).isEmpty()) {
      destruction(
          destroyed.actor(),
          id,
          destroyed.recordClass(),
          destroyed.sha256(),
          destroyed.runId(),
          "destroyed at " + destroyed.at() + ", before the service stopped; written on resuming");
    }
  }

  private void destruction(
      String actor, String id, String recordClass, String sha256, String runId, String reason) {
    trail.record(
        new AuditEvent(
            actor,
            List.of(),
            null,
            "record.destroy",
            id,
            AuditEvent.Outcome.SUCCESS,
            reason,
            Map.of("recordClass", recordClass, "sha256", sha256, "run", runId),
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
