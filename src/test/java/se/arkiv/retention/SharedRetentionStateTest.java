package se.arkiv.retention;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.arkiv.record.BusinessKeys;
import se.arkiv.record.RecordMetadata;

/**
 * Two nodes over one store: what one node changes, the other sees once it reads the store again,
 * and reading again never undoes a release, a retraction or a run's step.
 */
class SharedRetentionStateTest {

  @TempDir Path dir;
  private Archive archive;

  /** The second node: its own memory of holds, events and runs over the same store. */
  private LegalHolds otherHolds;

  private RetentionEvents otherEvents;

  @BeforeEach
  void open() {
    archive = new Archive(dir);
    otherHolds =
        new LegalHolds(
            archive.documents, archive.index.search(), archive.records, archive.clock, e -> {});
    otherEvents = new RetentionEvents(archive.documents, archive.clock, archive.filePlan, e -> {});
  }

  @AfterEach
  void close() throws Exception {
    archive.close();
  }

  @Test
  void aHoldPlacedOnOneNodeCoversTheRecordOnTheOtherOnceItReadsAgain() {
    RecordMetadata record =
        archive.file("CORRESPONDENCE", LocalDate.of(2018, 5, 1), BusinessKeys.NONE);
    String id = record.id().value();

    LegalHold hold = archive.holdOn("Tvist 7", record);
    assertThat(otherHolds.covering(List.of(id))).doesNotContainKey(id);

    otherHolds.reload();
    assertThat(otherHolds.covering(List.of(id))).containsEntry(id, List.of(hold.id()));
  }

  @Test
  void aReleaseStaysReleasedWhicheverNodeReadsLast() {
    RecordMetadata record =
        archive.file("CORRESPONDENCE", LocalDate.of(2018, 5, 1), BusinessKeys.NONE);
    String id = record.id().value();
    LegalHold hold = archive.holdOn("Tvist 8", record);
    otherHolds.reload();

    otherHolds.release(hold.id(), "settled", "mats");
    archive.holds.reload();
    otherHolds.reload();

    assertThat(archive.holds.find(hold.id()).active()).isFalse();
    assertThat(otherHolds.find(hold.id()).active()).isFalse();
    assertThat(archive.holds.covering(List.of(id))).doesNotContainKey(id);
  }

  @Test
  void anEventRetractedOnOneNodeIsRetractedOnTheOtherOnceItReadsAgain() {
    RetentionEvent ended =
        archive.events.record(
            "EMPLOYMENT_ENDED",
            new BusinessKeys(null, null, "E-9", null, null),
            LocalDate.of(2020, 1, 31),
            "HR 9",
            null,
            "maja");
    otherEvents.reload();
    assertThat(otherEvents.find(ended.id()).active()).isTrue();

    archive.events.retract(ended.id(), "entered by mistake", "maja");
    otherEvents.reload();

    assertThat(otherEvents.find(ended.id()).active()).isFalse();
  }

  @Test
  void aNewEventIsReadWithOneListingAndARetractionByName() {
    RetentionEvent ended =
        archive.events.record(
            "EMPLOYMENT_ENDED",
            new BusinessKeys(null, null, "E-10", null, null),
            LocalDate.of(2020, 1, 31),
            "HR 10",
            null,
            "maja");
    otherEvents.reloadNew();
    assertThat(otherEvents.find(ended.id()).active()).isTrue();

    archive.events.retract(ended.id(), "entered by mistake", "maja");
    otherEvents.reloadNew();
    assertThat(otherEvents.find(ended.id()).active())
        .as("a known event is not read again")
        .isTrue();
    otherEvents.reload(List.of(ended.id()));
    assertThat(otherEvents.find(ended.id()).active()).isFalse();
  }

  @Test
  void aRunMadeOnOneNodeIsFoundAndTakenFurtherOnTheOther() {
    DispositionRunStore one = new DispositionRunStore(archive.documents);
    DispositionRunStore other = new DispositionRunStore(archive.documents);
    DispositionRun made =
        one.save(
            SampleRuns.made("01J0SHARED", false, List.of(SampleRuns.PERSONNEL_FILE), List.of()));

    DispositionRun approved = other.save(other.find("01J0SHARED").approve("olle", SampleRuns.MADE));
    one.reload();
    assertThat(one.find(made.id()).state()).isEqualTo(DispositionRun.State.READY);
    one.save(one.find(made.id()).execute("olle", SampleRuns.LATER));

    other.reload();
    assertThat(approved.state()).isEqualTo(DispositionRun.State.READY);
    assertThat(other.summary("01J0SHARED").state()).isEqualTo(DispositionRun.State.EXECUTING);
    assertThat(archive.documents.keys("disposition/runs/01J0SHARED/state/")).hasSize(3);
  }
}
