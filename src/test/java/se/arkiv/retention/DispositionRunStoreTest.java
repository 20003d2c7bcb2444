package se.arkiv.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static se.arkiv.retention.SampleRuns.LATER;
import static se.arkiv.retention.SampleRuns.LETTER_KEPT;
import static se.arkiv.retention.SampleRuns.MADE;
import static se.arkiv.retention.SampleRuns.PERSONNEL_FILE;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import se.arkiv.retention.DispositionRun.Outcome;
import se.arkiv.retention.DispositionRun.State;
import se.arkiv.storage.JsonDocuments;
import se.arkiv.storage.VersionedMemoryStore;

/** Runs in the object store: the lists once, a small state document per step, old runs kept. */
class DispositionRunStoreTest {

  private final VersionedMemoryStore objects = new VersionedMemoryStore();
  private final JsonDocuments documents = objects.documents();
  private final DispositionRunStore store = new DispositionRunStore(documents);

  private static DispositionRun made(String id) {
    return SampleRuns.made(id, false, List.of(PERSONNEL_FILE), List.of(LETTER_KEPT));
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
    storedBefore("01J0OLD");

    DispositionRunStore reopened = new DispositionRunStore(documents);
    assertThat(reopened.summary("01J0OLD").state()).isEqualTo(State.READY);
    DispositionRun run = reopened.find("01J0OLD");
    assertThat(run.schemaVersion()).isEqualTo(1);
    assertThat(run.state()).isEqualTo(State.READY);
    assertThat(run.approvedBy()).isEqualTo("olle");
    assertThat(run.candidates()).containsExactly(PERSONNEL_FILE);
    assertThat(run.excluded()).containsExactly(LETTER_KEPT);
    assertThat(run.dependsOnEvents()).containsExactly("01J0EVENT");
  }

  @Test
  void aRunStoredAsBeforeGoesOnInTheNewLayoutAtItsNextStep() throws IOException {
    storedBefore("01J0OLD");
    DispositionRunStore reopened = new DispositionRunStore(documents);

    reopened.save(reopened.find("01J0OLD").execute("olle", LATER));

    DispositionRun executing = new DispositionRunStore(documents).find("01J0OLD");
    assertThat(executing.schemaVersion()).isEqualTo(DispositionRun.SCHEMA_VERSION);
    assertThat(executing.state()).isEqualTo(State.EXECUTING);
    assertThat(executing.approvedBy()).isEqualTo("olle");
    assertThat(executing.candidates()).containsExactly(PERSONNEL_FILE);
    assertThat(executing.excluded()).containsExactly(LETTER_KEPT);
    // The versions before stay as they were: the layout works on WORM storage.
    assertThat(text("disposition/runs/01J0OLD/000002.json")).contains("\"READY\"");
  }

  @Test
  void anUnknownRunIsNotFound() {
    assertThatThrownBy(() -> store.find("01J0NONE"))
        .isInstanceOfSatisfying(
            RetentionProblem.class,
            problem -> assertThat(problem.kind()).isEqualTo(RetentionProblem.Kind.NOT_FOUND))
        .hasMessageContaining("01J0NONE");
  }

  /** A run made and approved, as the layout before stored it: the whole run in every version. */
  private void storedBefore(String id) {
    String made =
        """
        {"schemaVersion":1,"id":"%s","state":"AWAITING_APPROVAL","dryRun":false,
         "asOf":"2030-03-01T09:00:00Z","recordClass":null,"startedAt":"2030-03-01T09:00:00Z",
         "startedBy":"maja","needsApproval":true,"approvedAt":null,"approvedBy":null,
         "executedAt":null,"executedBy":null,"voidReason":null,"dependsOnEvents":["01J0EVENT"],
         "candidates":[{"id":"01J0HRFILE","recordClass":"HR-FILE","sha256":"%s",
           "retainUntil":"2022-01-01T00:00:00Z","rule":"GDPR (EU) 2016/679 art. 5(1)(e)",
           "action":"REVIEW"}],
         "excluded":[{"id":"01J0LETTER","recordClass":"CORRESPONDENCE","status":"RETAINED",
           "reason":"retained until 2034"}],
         "outcomes":[],"certificateRecordId":null}
        """
            .formatted(id, "cd".repeat(32));
    String approved =
        made.replace("\"AWAITING_APPROVAL\"", "\"READY\"")
            .replace("\"approvedAt\":null", "\"approvedAt\":\"2030-03-01T12:00:00Z\"")
            .replace("\"approvedBy\":null", "\"approvedBy\":\"olle\"");
    objects.create(
        "disposition/runs/" + id + "/000001.json", made.getBytes(StandardCharsets.UTF_8));
    objects.create(
        "disposition/runs/" + id + "/000002.json", approved.getBytes(StandardCharsets.UTF_8));
  }
}
