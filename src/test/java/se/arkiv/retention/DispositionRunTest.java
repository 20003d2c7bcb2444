package se.arkiv.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static se.arkiv.retention.SampleRuns.LATER;
import static se.arkiv.retention.SampleRuns.LETTER;
import static se.arkiv.retention.SampleRuns.MADE;
import static se.arkiv.retention.SampleRuns.PERSONNEL_FILE;

import java.util.List;
import org.junit.jupiter.api.Test;
import se.arkiv.retention.DispositionRun.Candidate;
import se.arkiv.retention.DispositionRun.Outcome;
import se.arkiv.retention.DispositionRun.State;
import se.arkiv.retention.RetentionProblem.Kind;

/** The steps of a run and the rules that refuse the wrong ones. */
class DispositionRunTest {

  private static DispositionRun made(boolean dryRun, Candidate... candidates) {
    return SampleRuns.made("01J0RUN", dryRun, List.of(candidates), List.of());
  }

  private static void assertRefused(Runnable step, String reason) {
    assertThatThrownBy(step::run)
        .isInstanceOfSatisfying(
            RetentionProblem.class, problem -> assertThat(problem.kind()).isEqualTo(Kind.REFUSED))
        .hasMessageContaining(reason);
  }

  @Test
  void aRunOfClassesThatNeedNoReviewIsReadyAtOnce() {
    DispositionRun run = made(false, LETTER);
    assertThat(run.state()).isEqualTo(State.READY);
    assertThat(run.needsApproval()).isFalse();
  }

  @Test
  void aRunHoldingOneRecordOfAClassThatNeedsReviewAwaitsApproval() {
    DispositionRun run = made(false, LETTER, PERSONNEL_FILE);
    assertThat(run.state()).isEqualTo(State.AWAITING_APPROVAL);
    assertThat(run.needsApproval()).isTrue();
  }

  @Test
  void aDryRunIsAListWhateverItHolds() {
    assertThat(made(true, PERSONNEL_FILE).state()).isEqualTo(State.DRY_RUN);
    assertRefused(() -> made(true, LETTER).execute("maja", LATER), "a dry run destroys nothing");
  }

  @Test
  void refusesApprovalByTheManagerWhoStartedTheRun() {
    assertRefused(() -> made(false, PERSONNEL_FILE).approve("maja", LATER), "four eyes");
  }

  @Test
  void approvalByASecondManagerMakesTheRunReadyAndNamesThem() {
    DispositionRun approved = made(false, PERSONNEL_FILE).approve("olle", LATER);
    assertThat(approved.state()).isEqualTo(State.READY);
    assertThat(approved.approvedBy()).isEqualTo("olle");
    assertThat(approved.approvedAt()).isEqualTo(LATER);
    assertThat(approved.candidates()).containsExactly(PERSONNEL_FILE);
  }

  @Test
  void refusesToApproveARunThatNeedsNoApproval() {
    assertRefused(
        () -> made(false, LETTER).approve("olle", LATER),
        "only a run awaiting approval can be approved");
  }

  @Test
  void refusesToExecuteARunStillAwaitingApproval() {
    assertRefused(
        () -> made(false, PERSONNEL_FILE).execute("maja", LATER),
        "awaits approval by a second records manager");
  }

  @Test
  void executingARunRecordsWhoBeganItAndWhen() {
    DispositionRun executing = made(false, LETTER).execute("olle", LATER);
    assertThat(executing.state()).isEqualTo(State.EXECUTING);
    assertThat(executing.executedBy()).isEqualTo("olle");
    assertThat(executing.executedAt()).isEqualTo(LATER);
  }

  @Test
  void refusesToExecuteARunTwice() {
    DispositionRun executing = made(false, LETTER).execute("olle", LATER);
    assertRefused(() -> executing.execute("olle", LATER), "it is being executed since " + LATER);
    DispositionRun executed =
        executing.executed(LATER, "olle", List.of(new Outcome(LETTER.id(), true, null)), "01J0C");
    assertRefused(() -> executed.execute("olle", LATER), "it was executed at " + LATER);
  }

  @Test
  void anExecutedRunKeepsItsOutcomesAndCertificate() {
    Outcome destroyed = new Outcome(LETTER.id(), true, null);
    DispositionRun executed =
        made(false, LETTER)
            .execute("olle", MADE)
            .executed(LATER, "olle", List.of(destroyed), "01J0CERTIFICATE");
    assertThat(executed.state()).isEqualTo(State.EXECUTED);
    assertThat(executed.executedAt()).isEqualTo(LATER);
    assertThat(executed.outcomes()).containsExactly(destroyed);
    assertThat(executed.certificateRecordId()).isEqualTo("01J0CERTIFICATE");
  }

  @Test
  void onlyARunBeingExecutedCanBeFinished() {
    assertRefused(
        () -> made(false, LETTER).executed(LATER, "olle", List.of(), "01J0C"),
        "only a run being executed can be finished");
  }

  @Test
  void aVoidRunCannotBeExecutedAndSaysWhy() {
    DispositionRun voided = made(false, LETTER).voided("event 01J0EVENT was retracted");
    assertThat(voided.state()).isEqualTo(State.VOID);
    assertRefused(() -> voided.execute("maja", LATER), "it is void: event 01J0EVENT was retracted");
  }

  @Test
  void aRunWhoseExecutionBeganCannotBeMadeVoid() {
    DispositionRun executing = made(false, LETTER).execute("olle", LATER);
    assertThat(executing.open()).isFalse();
    assertRefused(
        () -> executing.voided("too late"),
        "only a run awaiting approval or ready can be made void");
  }
}
