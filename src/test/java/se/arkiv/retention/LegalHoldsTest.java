package se.arkiv.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.arkiv.record.BusinessKeys;
import se.arkiv.record.RecordMetadata;
import se.arkiv.search.TemporaryIndex;

/** Legal holds: what a hold needs, what it covers, and that a release is final and its own. */
class LegalHoldsTest {

  private static final LocalDate LONG_AGO = LocalDate.of(2018, 5, 1);

  @TempDir Path dir;
  private Archive archive;
  private LegalHolds holds;

  @BeforeEach
  void open() {
    archive = new Archive(dir);
    archive.index.catchUp();
    holds = archive.holds;
  }

  @AfterEach
  void close() throws Exception {
    archive.close();
  }

  private RecordMetadata letter() {
    return archive.file("CORRESPONDENCE", LONG_AGO, BusinessKeys.NONE);
  }

  private LegalHold byIds(String name, RecordMetadata... records) {
    List<String> ids = Arrays.stream(records).map(r -> r.id().value()).toList();
    return holds.place(name, "FI inquiry", "FI-2030-1", null, ids, "maja");
  }

  private static RetentionProblem.Kind kindOf(Runnable call) {
    try {
      call.run();
    } catch (RetentionProblem e) {
      return e.kind();
    }
    throw new AssertionError("no RetentionProblem");
  }

  @Test
  void aHoldNeedsANameAReasonAndSomethingToCover() {
    List<String> none = List.of();
    assertThat(kindOf(() -> holds.place(" ", "reason", null, "brev", none, "maja")))
        .isEqualTo(RetentionProblem.Kind.INVALID);
    assertThat(kindOf(() -> holds.place("Tvist", "", null, "brev", none, "maja")))
        .isEqualTo(RetentionProblem.Kind.INVALID);
    assertThatThrownBy(() -> holds.place("Tvist", "FI", null, null, none, "maja"))
        .isInstanceOf(RetentionProblem.class)
        .hasMessage("a hold needs a query, recordIds, or both");
    assertThat(holds.all()).isEmpty();
  }

  @Test
  void aHoldOnRecordsThatDoNotExistIsRefusedNamingThem() {
    RecordMetadata letter = letter();

    assertThatThrownBy(
            () ->
                holds.place(
                    "Tvist",
                    "FI",
                    null,
                    null,
                    List.of(letter.id().value(), "019550ef-1280-7606-ae41-504ef63cd301", "../etc"),
                    "maja"))
        .isInstanceOf(RetentionProblem.class)
        .hasMessage("recordIds: no such records: [019550ef-1280-7606-ae41-504ef63cd301, ../etc]");
    assertThat(holds.all()).isEmpty();
  }

  @Test
  void aHoldByQueryCoversRecordsFiledAfterItWasPlaced() {
    RecordMetadata before = letter();
    LegalHold hold = holds.place("Tvist", "FI", null, "CORRESPONDENCE", List.of(), "maja");

    RecordMetadata after = letter();
    archive.file("PAYROLL", LONG_AGO, BusinessKeys.NONE);

    assertThat(holds.coveredBy(hold.id()))
        .containsExactlyInAnyOrder(before.id().value(), after.id().value());
    assertThat(holds.covering(List.of(after.id().value())))
        .isEqualTo(Map.of(after.id().value(), List.of(hold.id())));
  }

  @Test
  void twoHoldsOnOneRecordAreReleasedIndependently() {
    RecordMetadata letter = letter();
    LegalHold first = byIds("Tvist", letter);
    LegalHold second = byIds("Granskning", letter);

    holds.release(first.id(), "Tvisten avgjord", "mats");

    assertThat(holds.covering(List.of(letter.id().value())))
        .isEqualTo(Map.of(letter.id().value(), List.of(second.id())));
    assertThat(holds.find(first.id()).active()).isFalse();
    assertThat(holds.find(first.id()).releaseReason()).isEqualTo("Tvisten avgjord");
  }

  @Test
  void aReleaseIsFinalAndNeedsAReason() {
    LegalHold hold = byIds("Tvist", letter());

    assertThat(kindOf(() -> holds.release(hold.id(), " ", "mats")))
        .isEqualTo(RetentionProblem.Kind.INVALID);
    holds.release(hold.id(), "avgjord", "mats");
    assertThat(kindOf(() -> holds.release(hold.id(), "igen", "mats")))
        .isEqualTo(RetentionProblem.Kind.REFUSED);
    assertThat(kindOf(() -> holds.find("01J0NOSUCHHOLD")))
        .isEqualTo(RetentionProblem.Kind.NOT_FOUND);
  }

  @Test
  void anotherNodeOnTheSameStoreSeesEveryHoldAndAReleaseStaysReleased() {
    RecordMetadata letter = letter();
    LegalHold kept = byIds("Tvist", letter);
    LegalHold released = byIds("Granskning", letter);
    // The other node read both holds while they were active...
    LegalHolds other =
        new LegalHolds(
            archive.documents, archive.index.search(), archive.records, archive.clock, e -> {});
    holds.release(released.id(), "avgjord", "mats");

    // ...and reads the store again after the release.
    other.reload();

    assertThat(other.all()).extracting(LegalHold::id).contains(kept.id(), released.id());
    assertThat(other.find(released.id()).active()).isFalse();
    assertThat(other.find(kept.id()).active()).isTrue();
  }

  @Test
  void placingAndReleasingTellWhichRecordsTheHoldCovered() {
    RecordMetadata letter = letter();
    LegalHold hold = byIds("Tvist", letter);
    holds.release(hold.id(), "avgjord", "mats");

    assertThat(archive.published)
        .filteredOn(HoldsChanged.class::isInstance)
        .containsExactly(
            new HoldsChanged(Set.of(letter.id().value())),
            new HoldsChanged(Set.of(letter.id().value())));
  }

  @Test
  void aHoldByQueryCannotBeCheckedWhileTheIndexCatchesUp() throws Exception {
    try (TemporaryIndex behind = TemporaryIndex.over(dir.resolve("behind"), archive.records)) {
      LegalHolds fresh =
          new LegalHolds(
              archive.documents, behind.search(), archive.records, archive.clock, e -> {});
      fresh.place("Tvist", "FI", null, "CORRESPONDENCE", List.of(), "maja");

      assertThat(kindOf(() -> fresh.covering(List.of("01J0ANY"))))
          .isEqualTo(RetentionProblem.Kind.UNAVAILABLE);
      behind.catchUp();
      assertThat(fresh.covering(List.of("01J0ANY"))).isEmpty();
    }
  }
}
