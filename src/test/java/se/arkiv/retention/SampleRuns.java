package se.arkiv.retention;

import java.time.Instant;
import java.util.List;
import se.arkiv.record.DispositionAction;
import se.arkiv.retention.DispositionRun.Candidate;
import se.arkiv.retention.DispositionRun.Excluded;

/** Runs made by hand, for tests of a run's rules and of its storage: no archive behind them. */
final class SampleRuns {

  static final Instant MADE = Instant.parse("2030-03-01T09:00:00Z");
  static final Instant LATER = Instant.parse("2030-03-02T10:00:00Z");
  static final Candidate LETTER =
      new Candidate(
          "01J0LETTER",
          "CORRESPONDENCE",
          "ab".repeat(32),
          Instant.parse("2023-05-01T22:00:00Z"),
          "Delegated Regulation (EU) 2017/565 art. 76",
          DispositionAction.DESTROY);
  static final Candidate PERSONNEL_FILE =
      new Candidate(
          "01J0HRFILE",
          "HR-FILE",
          "cd".repeat(32),
          Instant.parse("2022-01-01T00:00:00Z"),
          "GDPR (EU) 2016/679 art. 5(1)(e)",
          DispositionAction.REVIEW);
  static final Excluded LETTER_KEPT =
      new Excluded("01J0LETTER", "CORRESPONDENCE", RetentionStatus.RETAINED, "retained until 2034");

  private SampleRuns() {}

  /** A run that maja made at {@link #MADE}, resting on the event {@code 01J0EVENT}. */
  static DispositionRun made(
      String id, boolean dryRun, List<Candidate> candidates, List<Excluded> excluded) {
    return DispositionRun.planned(
        id,
        dryRun,
        MADE,
        null,
        MADE,
        "maja",
        new DispositionPlan(candidates, excluded, List.of("01J0EVENT"), 1));
  }
}
