package se.arkiv.retention;

import java.time.Instant;
import java.util.List;
import se.arkiv.record.DispositionAction;

/**
 * One disposition run: what it found, who started and approved it, and what it destroyed. Stored as
 * {@code disposition/runs/<id>/00000N.json}, a new version for every step.
 */
public record DispositionRun(
    int schemaVersion,
    String id,
    State state,
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
    List<Candidate> candidates,
    List<Excluded> excluded,
    List<Outcome> outcomes,
    String certificateRecordId) {

  /** The steps of a run. */
  public enum State {
    /** A dry run: a list, nothing more. */
    DRY_RUN,
    /** Holds records of a class that needs review: a second records manager must approve. */
    AWAITING_APPROVAL,
    /** May be executed. */
    READY,
    /**
     * Being carried out in the background, batch by batch; a restart resumes it (each destroyed
     * record's tombstone names the run, so nothing is done twice).
     */
    EXECUTING,
    /** Executed: see the outcomes and the certificate. */
    EXECUTED,
    /** A retention event it relied on was retracted: it can no longer be executed. */
    VOID
  }

  /** A record the run would destroy, as it stood when the run was made. */
  public record Candidate(
      String id,
      String recordClass,
      String sha256,
      Instant retainUntil,
      String rule,
      DispositionAction action) {}

  /** A record the run leaves alone, and why. */
  public record Excluded(String id, String recordClass, RetentionStatus status, String reason) {}

  /** What execution did with one candidate. */
  public record Outcome(String id, boolean destroyed, String reason) {}

  DispositionRun approved(Instant at, String by) {
    return step(State.READY, at, by, executedAt, executedBy, voidReason, outcomes, null);
  }

  DispositionRun voided(String reason) {
    return step(State.VOID, approvedAt, approvedBy, executedAt, executedBy, reason, outcomes, null);
  }

  /** Execution began at {@code at}; {@code executedAt} becomes the end once it is done. */
  DispositionRun executing(Instant at, String by) {
    return step(State.EXECUTING, approvedAt, approvedBy, at, by, voidReason, outcomes, null);
  }

  DispositionRun executed(Instant at, String by, List<Outcome> results, String certificate) {
    return step(State.EXECUTED, approvedAt, approvedBy, at, by, voidReason, results, certificate);
  }

  /** The next step of this run: what it found and who started it never change. */
  private DispositionRun step(
      State next,
      Instant approvedAt,
      String approvedBy,
      Instant executedAt,
      String executedBy,
      String voidReason,
      List<Outcome> outcomes,
      String certificateRecordId) {
    return new DispositionRun(
        schemaVersion,
        id,
        next,
        dryRun,
        asOf,
        recordClass,
        startedAt,
        startedBy,
        needsApproval,
        approvedAt,
        approvedBy,
        executedAt,
        executedBy,
        voidReason,
        dependsOnEvents,
        candidates,
        excluded,
        outcomes,
        certificateRecordId);
  }
}
