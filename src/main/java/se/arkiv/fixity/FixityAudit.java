package se.arkiv.fixity;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import se.arkiv.audit.AuditEvent;
import se.arkiv.audit.AuditTrail;

/**
 * What fixity puts on the audit trail and in the log: every finding ({@code fixity.mismatch},
 * {@code fixity.repair}, ...; ERROR for what a person must look at, WARN for what was repaired) and
 * each finished run with its figures; and the meter {@code arkiv.fixity.findings}.
 */
@Component
class FixityAudit {

  // The fixity log category operators already alert on stays that of the runs.
  private static final Logger log = LoggerFactory.getLogger(FixityRuns.class);

  private final AuditTrail audit;
  private final MeterRegistry meters;

  FixityAudit(AuditTrail audit, MeterRegistry meters) {
    this.audit = audit;
    this.meters = meters;
    // Every kind from the start, so that an alert on an increase sees the first finding.
    for (Finding.Kind kind : Finding.Kind.values()) {
      findings(kind, false);
      findings(kind, true);
    }
  }

  private Counter findings(Finding.Kind kind, boolean resolved) {
    return Counter.builder("arkiv.fixity.findings")
        .description("Fixity findings by kind, and whether they were repaired")
        .tag("kind", kind.name())
        .tag("resolved", String.valueOf(resolved))
        .register(meters);
  }

  void raise(String runId, List<Finding> findings) {
    for (Finding finding : findings) {
      findings(finding.kind(), finding.resolved()).increment();
      audit.record(
          new AuditEvent(
              FixityRuns.ACTOR,
              List.of(),
              null,
              finding.kind().auditAction(),
              finding.recordId(),
              finding.resolved() ? AuditEvent.Outcome.SUCCESS : AuditEvent.Outcome.FAILED,
              finding.detail(),
              Map.of("run", runId, "object", finding.objectKey(), "kind", finding.kind().name()),
              null,
              null));
      if (finding.resolved()) {
        log.warn(
            "Fixity {}: record {} object {}: {}",
            finding.kind(),
            finding.recordId(),
            finding.objectKey(),
            finding.detail());
      } else {
        log.error(
            "Fixity {}: record {} object {}: {}",
            finding.kind(),
            finding.recordId(),
            finding.objectKey(),
            finding.detail());
      }
    }
  }

  void finished(FixityRun finished) {
    audit.record(
        new AuditEvent(
            FixityRuns.ACTOR,
            List.of(),
            null,
            "fixity.finish",
            finished.id(),
            finished.unresolved() == 0 ? AuditEvent.Outcome.SUCCESS : AuditEvent.Outcome.FAILED,
            finished.unresolved() == 0 ? null : finished.unresolved() + " unresolved findings",
            Map.of(
                "checked", finished.checked(),
                "bytes", finished.bytes(),
                "findings", finished.findings(),
                "unresolved", finished.unresolved(),
                "recordsPerSecond", Math.round(finished.recordsPerSecond()),
                "megabytesPerSecond", Math.round(finished.megabytesPerSecond())),
            null,
            null));
  }
}
