package se.arkiv.retention;

import java.time.Instant;
import java.util.List;
import se.arkiv.retention.DispositionRun.Candidate;
import se.arkiv.retention.DispositionRun.Outcome;

/**
 * The certificate of destruction of an executed run as JSON: the same facts as its PDF, for
 * machines. Stored as {@code disposition/runs/<id>/certificate.json}.
 */
public record CertificateOfDestruction(
    String runId,
    String startedBy,
    Instant startedAt,
    String approvedBy,
    Instant approvedAt,
    String executedBy,
    Instant executedAt,
    List<Candidate> candidates,
    List<Outcome> outcomes) {}
