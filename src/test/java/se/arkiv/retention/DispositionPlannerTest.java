package se.arkiv.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.arkiv.record.BusinessKeys;
import se.arkiv.record.DispositionAction;
import se.arkiv.record.ExtractionStatus;
import se.arkiv.record.RecordMetadata;
import se.arkiv.record.UnknownRecordClass;
import se.arkiv.retention.DispositionRun.Candidate;
import se.arkiv.retention.DispositionRun.Excluded;

/**
 * What a run may destroy and what it leaves alone, on 1 March 2030 with the shipped file plan:
 * customer correspondence is kept five years from its date, personnel files two years from the end
 * of employment and reviewed by a person. The index has caught up with the store, so it proposes
 * the records to read, unless a test says otherwise.
 */
class DispositionPlannerTest {

  private static final BusinessKeys NONE = BusinessKeys.NONE;

  @TempDir Path dir;
  private Archive archive;
  private DispositionPlanner planner;

  @BeforeEach
  void open() {
    archive = new Archive(dir);
    archive.index.catchUp();
    planner = archive.planner();
  }

  @AfterEach
  void close() throws Exception {
    archive.close();
  }

  private DispositionPlan now() {
    return planner.plan(Archive.NOW, null, false);
  }

  @Test
  void aRecordWhoseRetentionEndedIsACandidateWithItsHashRuleAndAction() {
    RecordMetadata letter = archive.file("CORRESPONDENCE", LocalDate.of(2018, 5, 1), NONE);

    Candidate candidate = now().candidates().get(0);
    assertThat(candidate.id()).isEqualTo(letter.id().value());
    assertThat(candidate.sha256()).isEqualTo(letter.sha256());
    assertThat(candidate.retainUntil()).isEqualTo(Instant.parse("2023-05-01T22:00:00Z"));
    assertThat(candidate.rule()).contains("2017/565");
    assertThat(candidate.action()).isEqualTo(DispositionAction.DESTROY);
    assertThat(now().excluded()).isEmpty();
  }

  @Test
  void aRecordWhoseRetentionCannotHaveEndedIsNeitherACandidateNorListed() {
    archive.file("CORRESPONDENCE", LocalDate.of(2027, 5, 1), NONE);

    DispositionPlan plan = now();
    assertThat(plan.candidates()).isEmpty();
    assertThat(plan.excluded()).isEmpty();
  }

  @Test
  void aRecordTheIndexProposesButTheClockKeepsIsLeftOutWithTheDateItIsKeptUntil() {
    // Dated in January 2023, kept seven years from the end of 2023: its date alone could be due.
    RecordMetadata statement = archive.file("TAX-STATEMENT", LocalDate.of(2023, 1, 15), NONE);

    DispositionPlan plan = now();
    assertThat(plan.candidates()).isEmpty();
    Excluded kept = plan.excluded().get(0);
    assertThat(kept.id()).isEqualTo(statement.id().value());
    assertThat(kept.status()).isEqualTo(RetentionStatus.RETAINED);
    assertThat(kept.reason()).startsWith("retained until 2030-12-31T23:00:00Z");
  }

  @Test
  void aRecordIsACandidateFromTheFirstDayItMayGo() {
    // Five years from 28 February 2025: kept through 28 February 2030, may go on 1 March.
    RecordMetadata due = archive.file("CORRESPONDENCE", LocalDate.of(2025, 2, 28), NONE);
    archive.file("CORRESPONDENCE", LocalDate.of(2025, 3, 1), NONE);

    assertThat(now().candidates()).extracting(Candidate::id).containsExactly(due.id().value());
  }

  @Test
  void findsAVoucherWhoseFiscalYearEndedLongBeforeItsDate() {
    // Filed in 2025 for the fiscal year 2022: seven years from the end of 2022.
    RecordMetadata voucher =
        archive.fileVoucher(LocalDate.of(2025, 3, 1), LocalDate.of(2022, 12, 31));

    assertThat(now().candidates()).extracting(Candidate::id).containsExactly(voucher.id().value());
  }

  @Test
  void theStoreDecidesWhenTheIndexStillHoldsAnOlderVersion() {
    RecordMetadata letter = archive.file("CORRESPONDENCE", LocalDate.of(2018, 5, 1), NONE);
    // Corrected in the store, not indexed yet: the index still proposes it by its old date.
    archive.correctDocumentDate(letter, LocalDate.of(2027, 5, 1));

    DispositionPlan plan = now();
    assertThat(plan.candidates()).isEmpty();
    assertThat(plan.excluded())
        .extracting(Excluded::reason)
        .singleElement()
        .asString()
        .startsWith("retained until 2032-05-01T22:00:00Z");
  }

  @Test
  void readsEveryRecordInTheStoreUntilTheIndexHasCaughtUp() throws Exception {
    try (Archive started = new Archive(dir.resolve("just-started"))) {
      RecordMetadata unindexed = started.fileUnindexed("CORRESPONDENCE", LocalDate.of(2018, 5, 1));
      RecordMetadata kept = started.file("CORRESPONDENCE", LocalDate.of(2027, 5, 1), NONE);

      DispositionPlan walked = started.planner().plan(Archive.NOW, null, false);
      assertThat(walked.candidates())
          .extracting(Candidate::id)
          .containsExactly(unindexed.id().value());
      // The walk reads every record, so it lists even those that are far from due.
      assertThat(walked.excluded()).extracting(Excluded::id).containsExactly(kept.id().value());

      started.index.catchUp();
      DispositionPlan indexed = started.planner().plan(Archive.NOW, null, false);
      assertThat(indexed.candidates())
          .extracting(Candidate::id)
          .containsExactly(unindexed.id().value());
      assertThat(indexed.excluded()).isEmpty();
    }
  }

  @Test
  void aRecordGoneFromTheStoreIsNotPlannedOnTheIndexWord() {
    RecordMetadata letter = archive.file("CORRESPONDENCE", LocalDate.of(2018, 5, 1), NONE);
    archive.records.destroy(letter);

    DispositionPlan plan = now();
    assertThat(plan.candidates()).isEmpty();
    assertThat(plan.excluded()).isEmpty();
  }

  @Test
  void aFutureMomentFindsWhatMayGoThen() {
    RecordMetadata letter = archive.file("CORRESPONDENCE", LocalDate.of(2027, 5, 1), NONE);

    DispositionPlan then = planner.plan(Instant.parse("2032-05-02T00:00:00Z"), null, false);
    assertThat(then.candidates()).extracting(Candidate::id).containsExactly(letter.id().value());
  }

  @Test
  void aHeldRecordIsLeftOutNamingTheHold() {
    RecordMetadata letter = archive.file("CORRESPONDENCE", LocalDate.of(2018, 5, 1), NONE);
    LegalHold hold = archive.holdOn("Tvist 2030", letter);

    DispositionPlan plan = now();
    assertThat(plan.candidates()).isEmpty();
    assertThat(plan.excluded())
        .containsExactly(
            new Excluded(
                letter.id().value(),
                "CORRESPONDENCE",
                RetentionStatus.HELD,
                "under legal hold 'Tvist 2030' (" + hold.id() + ")"));
  }

  @Test
  void aRecordStillBeingExtractedIsLeftForALaterRun() {
    archive.file("CORRESPONDENCE", LocalDate.of(2018, 5, 1), NONE, ExtractionStatus.PENDING);

    DispositionPlan plan = now();
    assertThat(plan.candidates()).isEmpty();
    assertThat(plan.excluded().get(0).reason()).contains("text extraction still running");
  }

  @Test
  void aRecordWaitingForItsEventIsLeftOutNamingTheEvent() {
    archive.file("HR-FILE", null, employee("E-1"));

    Excluded waiting = now().excluded().get(0);
    assertThat(waiting.status()).isEqualTo(RetentionStatus.EVENT_PENDING);
    assertThat(waiting.reason()).isEqualTo("event pending: EMPLOYMENT_ENDED");
  }

  @Test
  void namesTheEventsItsCandidatesRestOnAndMarksReviewClassesForReview() {
    RecordMetadata file = archive.file("HR-FILE", null, employee("E-1"));
    RetentionEvent ended =
        archive.events.record(
            "EMPLOYMENT_ENDED", employee("E-1"), LocalDate.of(2025, 1, 31), "HR 12", null, "maja");

    DispositionPlan plan = now();
    assertThat(plan.candidates()).extracting(Candidate::id).containsExactly(file.id().value());
    assertThat(plan.candidates().get(0).action()).isEqualTo(DispositionAction.REVIEW);
    assertThat(plan.dependsOnEvents()).containsExactly(ended.id());
  }

  @Test
  void keepsToTheClassAskedFor() {
    archive.file("CORRESPONDENCE", LocalDate.of(2018, 5, 1), NONE);
    archive.file("HR-FILE", null, employee("E-1"));

    DispositionPlan plan = planner.plan(Archive.NOW, "HR-FILE", false);
    assertThat(plan.candidates()).isEmpty();
    assertThat(plan.excluded()).extracting(Excluded::recordClass).containsExactly("HR-FILE");
  }

  @Test
  void destroyOnlyDoesNotEvenListClassesThatNeedReview() {
    RecordMetadata letter = archive.file("CORRESPONDENCE", LocalDate.of(2018, 5, 1), NONE);
    archive.file("HR-FILE", null, employee("E-1"));

    DispositionPlan plan = planner.plan(Archive.NOW, null, true);
    assertThat(plan.candidates()).extracting(Candidate::id).containsExactly(letter.id().value());
    assertThat(plan.excluded()).isEmpty();
  }

  @Test
  void refusesAClassTheFilePlanDoesNotKnow() {
    assertThatThrownBy(() -> planner.plan(Archive.NOW, "NO-SUCH-CLASS", false))
        .isInstanceOf(UnknownRecordClass.class);
  }

  private static BusinessKeys employee(String id) {
    return new BusinessKeys(null, null, id, null, null);
  }
}
