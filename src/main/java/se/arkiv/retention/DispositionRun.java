package se.arkiv.retention;

import java.time.Instant;
import java.util.List;
import se.arkiv.record.DispositionAction;
import se.arkiv.record.RecordMetadata;

/**
 * One disposition run: what it found, who started and approved it, and what it destroyed, with the
 * rules of its steps. Stored by {@link DispositionRunStore}: the lists once, a small state document
 * for every step (docs/storage-layout.md).
 *
 * @param filePlanVersion the file-plan version every record was judged under; null for a run made
 *     before the plan was versioned
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
    String certificateRecordId,
    Integer filePlanVersion) {

  /**
   * The layout a run is stored in: 1, the whole run in every version; 2, the lists written once
   * with a small state document for every step.
   */
  static final int SCHEMA_VERSION = 2;

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
  public record Excluded(String id, String recordClass, RetentionStatus status, String reason) {

    /** A record left alone for its retention now, with the reason a records manager reads. */
    static Excluded of(RecordMetadata record, Retention retention) {
      String reason =
          switch (retention.status()) {
            case EVENT_PENDING -> "event pending: " + retention.pendingEvent();
            case RETAINED ->
                retention.conflict() != null
                    ? "rules conflict: " + retention.conflict()
                    : "retained until " + retention.retainUntil() + " (" + retention.rule() + ")";
            case HELD -> "under legal hold " + retention.holds();
            case ELIGIBLE -> "eligible";
          };
      return new Excluded(record.id().value(), record.recordClass(), retention.status(), reason);
    }
  }

  /** What execution did with one candidate. */
  public record Outcome(String id, boolean destroyed, String reason) {}

  /**
   * A new run over what the planner found: a dry run stays a list; a run holding a record of a
   * class that needs review waits for a second records manager; any other run is ready.
   */
  static DispositionRun planned(
      String id,
      boolean dryRun,
      Instant asOf,
      String recordClass,
      Instant startedAt,
      String startedBy,
      DispositionPlan plan) {
    boolean needsApproval =
        plan.candidates().stream().anyMatch(c -> c.action() == DispositionAction.REVIEW);
    State state = dryRun ? State.DRY_RUN : needsApproval ? State.AWAITING_APPROVAL : State.READY;
    return new DispositionRun(
        SCHEMA_VERSION,
        id,
        state,
        dryRun,
        asOf,
        recordClass,
        startedAt,
        startedBy,
        needsApproval,
        null,
        null,
        null,
        null,
        null,
        plan.dependsOnEvents(),
        plan.candidates(),
        plan.excluded(),
        List.of(),
        null,
        plan.filePlanVersion());
  }

  /** Approved by {@code user}, who must not be the one who started it (four eyes). */
  DispositionRun approve(String user, Instant at) {
    if (state != State.AWAITING_APPROVAL) {
      throw refusedIn("only a run awaiting approval can be approved");
    }
    if (startedBy.equals(user)) {
      throw RetentionProblem.refused(
          "Run "
              + id
              + " was started by "
              + user
              + "; another records manager must approve it (four eyes)");
    }
    return step(State.READY, at, user, executedAt, executedBy, voidReason, outcomes, null);
  }

  /** Execution began at {@code at}; {@code executedAt} becomes the end once it is done. */
  DispositionRun execute(String user, Instant at) {
    if (state != State.READY) {
      String why =
          switch (state) {
            case DRY_RUN -> "a dry run destroys nothing";
            case AWAITING_APPROVAL -> "it awaits approval by a second records manager";
            case VOID -> "it is void: " + voidReason;
            case EXECUTING -> "it is being executed since " + executedAt;
            case EXECUTED -> "it was executed at " + executedAt;
            case READY -> "";
          };
      throw RetentionProblem.refused("Run " + id + " cannot be executed: " + why);
    }
    return step(State.EXECUTING, approvedAt, approvedBy, at, user, voidReason, outcomes, null);
  }

  /** Carried out to its end, with what it did to each candidate and its certificate. */
  DispositionRun executed(Instant at, String by, List<Outcome> results, String certificate) {
    if (state != State.EXECUTING) {
      throw refusedIn("only a run being executed can be finished");
    }
    return step(State.EXECUTED, approvedAt, approvedBy, at, by, voidReason, results, certificate);
  }

  /** Not executed yet, nor void: a retracted event it relied on makes it void. */
  boolean open() {
    return state == State.AWAITING_APPROVAL || state == State.READY;
  }

  /**
   * Void: it can no longer be executed. Only an open run: once execution began, each record is
   * re-checked before it is destroyed, so a retracted event keeps its records anyway.
   */
  DispositionRun voided(String reason) {
    if (!open()) {
      throw refusedIn("only a run awaiting approval or ready can be made void");
    }
    return step(State.VOID, approvedAt, approvedBy, executedAt, executedBy, reason, outcomes, null);
  }

  /** A step this run's state does not allow, and which state would. */
  private RetentionProblem refusedIn(String onlyWhen) {
    return RetentionProblem.refused("Run " + id + " is " + state + "; " + onlyWhen);
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
        certificateRecordId,
        filePlanVersion);
  }
}
