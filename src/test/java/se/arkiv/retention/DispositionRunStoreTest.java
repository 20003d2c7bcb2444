package se.arkiv.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import se.arkiv.record.DispositionAction;
import se.arkiv.retention.DispositionRun.Candidate;
import se.arkiv.retention.DispositionRun.Excluded;
import se.arkiv.retention.DispositionRun.Outcome;
import se.arkiv.retention.DispositionRun.State;
import se.arkiv.storage.JsonDocuments;
import se.arkiv.storage.VersionedMemoryStore;

/** Runs in the object store: the lists once, a small state document per step, old runs kept. */
class DispositionRunStoreTest {

  private static final Instant MADE = Instant.parse("2030-03-01T09:00:00Z");
  private static final Instant LATER = Instant.parse("2030-03-02T10:00:00Z");
  private static final Candidate PERSONNEL_FILE =
      new Candidate(
          "01J0HRFILE",
          "HR-FILE",
          "cd".repeat(32),
          Instant.parse("2022-01-01T00:00:00Z"),
          "GDPR (EU) 2016/679 art. 5(1)(e)",
          DispositionAction.REVIEW);
  private static final Excluded LETTER_KEPT =
      new Excluded("01J0LETTER", "CORRESPONDENCE", RetentionStatus.RETAINED, "retained until 2034");

  private final VersionedMemoryStore objects = new VersionedMemoryStore();
  private final JsonDocuments documents = objects.documents();
  private final DispositionRunStore store = new DispositionRunStore(documents);

  private static DispositionRun made(String id) {
    return DispositionRun.planned(
        id,
        false,
        MADE,
        null,
        MADE,
        "maja",
        new DispositionPlan(List.of(PERSONNEL_FILE), List.of(LETTER_KEPT), List.of("01J0EVENT")));
  }

  private static DispositionRun executedAfterApproval(DispositionRun made) {
    return made.approve("olle", MADE)
        .execute("olle", LATER)
        .executed(LATER, "olle", List.of(new Outcome(PERSONNEL_FILE.id(), true, null)), "01J0C");
  }

  private String text(String key) throws IOException {
    try (InputStream in = objects.get(key)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void writesTheListsOnceAndOneSmallStateDocumentPerStep() throws IOException {
    DispositionRun made = store.save(made("01J0RUN"));
    DispositionRun approved = store.save(made.approve("olle", MADE));
    store.save(approved.execute("olle", LATER));

    String folder = "disposition/runs/01J0RUN/";
    assertThat(objects.versions(folder + "candidates.json")).hasSize(1);
    assertThat(objects.list(folder + "state/"))
        .containsExactly(
            folder + "state/000001.json",
            folder + "state/000002.json",
            folder + "state/000003.json");
    assertThat(text(folder + "candidates.json")).contains(PERSONNEL_FILE.id(), LETTER_KEPT.id());
    assertThat(text(folder + "state/000003.json"))
        .contains("EXECUTING")
        .doesNotContain(PERSONNEL_FILE.id(), LETTER_KEPT.id());
  }

  @Test
  void findsTheRunWholeAsItsLastStepLeftIt() {
    DispositionRun executed = executedAfterApproval(store.save(made("01J0RUN")));
    store.save(executed);
    assertThat(store.find("01J0RUN")).isEqualTo(executed);
  }

  @Test
  void theOutcomesAreWrittenOnceWhenTheRunIsExecuted() {
    DispositionRun made = store.save(made("01J0RUN"));
    assertThat(objects.stat("disposition/runs/01J0RUN/outcomes.json")).isEmpty();
    store.save(executedAfterApproval(made));
    assertThat(objects.versions("disposition/runs/01J0RUN/outcomes.json")).hasSize(1);
  }

  @Test
  void aStoreOpenedOnTheSameObjectsKnowsEveryRunAndGoesOnNumberingItsSteps() {
    DispositionRun made = store.save(made("01J0RUN"));
    store.save(made("01J0OTHER"));

    DispositionRunStore reopened = new DispositionRunStore(documents);
    assertThat(reopened.all())
        .extracting(DispositionRunSummary::id)
        .containsExactly("01J0OTHER", "01J0RUN");
    assertThat(reopened.find("01J0RUN")).isEqualTo(made);
    reopened.save(made.approve("olle", LATER));
    assertThat(objects.stat("disposition/runs/01J0RUN/state/000002.json")).isPresent();
    assertThat(new DispositionRunStore(documents).find("01J0RUN").state()).isEqualTo(State.READY);
  }

  @Test
  void readsARunStoredWholeInEveryVersionAsBeforeTheStateDocuments() {
    DispositionRun before = asStoredBefore(made("01J0OLD"));
    documents.append("disposition/runs/01J0OLD", 1, before);

    DispositionRunStore reopened = new DispositionRunStore(documents);
    assertThat(reopened.summary("01J0OLD").state()).isEqualTo(State.AWAITING_APPROVAL);
    assertThat(reopened.find("01J0OLD")).isEqualTo(before);
  }

  @Test
  void aRunStoredAsBeforeGoesOnInTheNewLayoutAtItsNextStep() {
    DispositionRun before = asStoredBefore(made("01J0OLD"));
    documents.append("disposition/runs/01J0OLD", 1, before);
    DispositionRunStore reopened = new DispositionRunStore(documents);

    reopened.save(reopened.find("01J0OLD").approve("olle", LATER));

    DispositionRun approved = new DispositionRunStore(documents).find("01J0OLD");
    assertThat(approved.state()).isEqualTo(State.READY);
    assertThat(approved.approvedBy()).isEqualTo("olle");
    assertThat(approved.candidates()).containsExactly(PERSONNEL_FILE);
    assertThat(approved.excluded()).containsExactly(LETTER_KEPT);
    // The version before stays as it was: the layout works on WORM storage.
    assertThat(objects.versions("disposition/runs/01J0OLD/000001.json")).hasSize(1);
  }

  @Test
  void anUnknownRunIsNotFound() {
    assertThatThrownBy(() -> store.find("01J0NONE"))
        .isInstanceOfSatisfying(
            RetentionProblem.class,
            problem -> assertThat(problem.kind()).isEqualTo(RetentionProblem.Kind.NOT_FOUND))
        .hasMessageContaining("01J0NONE");
  }

  /** A run as the layout before stored it: schema version 1, the whole run in each version. */
  private static DispositionRun asStoredBefore(DispositionRun run) {
    return new DispositionRun(
        1,
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
        run.dependsOnEvents(),
        run.candidates(),
        run.excluded(),
        run.outcomes(),
        run.certificateRecordId());
  }
}
