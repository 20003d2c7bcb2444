package se.arkiv.retention;

import java.time.Instant;
import java.util.List;

/**
 * A disposition run without its lists: what the service keeps in memory for every run and what
 * {@code GET /api/disposition/runs} lists. A run over a hundred thousand records is tens of
 * megabytes with its candidates; those are read from the store when one run is asked for.
 */
public record DispositionRunSummary(
    String id,
    DispositionRun.State state,
    boolean dryRun,
    Instant asOf,
    String recordClass,
    Instant startedAt,
    String startedBy,
    boolean needsApproval,
    Instant approvedAt,
    String approvedBy,
    Instant executedAt,
    String executedBy,
    String voidReason,
    List<String> dependsOnEvents,
    int candidates,
    int excluded,
    long destroyed,
    long notDestroyed,
    String certificateRecordId,
    Integer filePlanVersion) {

  static DispositionRunSummary of(DispositionRun run) {
    long destroyed = run.outcomes().stream().filter(DispositionRun.Outcome::destroyed).count();
    return new DispositionRunSummary(
        run.id(),
        run.state(),
        run.dryRun(),
        run.asOf(),
        run.recordClass(),
        run.startedAt(),
        run.startedBy(),
        run.needsApproval(),
        run.approvedAt(),
        run.approvedBy(),
        run.executedAt(),
        run.executedBy(),
        run.voidReason(),
        List.copyOf(run.dependsOnEvents()),
        run.candidates().size(),
        run.excluded().size(),
        destroyed,
        run.outcomes().size() - destroyed,
        run.certificateRecordId(),
        run.filePlanVersion());
  }
}
