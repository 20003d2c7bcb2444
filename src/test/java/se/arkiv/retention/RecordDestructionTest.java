package se.arkiv.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.arkiv.record.BusinessKeys;
import se.arkiv.record.RecordMetadata;
import se.arkiv.retention.DispositionRun.Candidate;
import se.arkiv.retention.DispositionRun.Outcome;

/**
 * The destruction of a run's records: the re-check right before, every copy, the evidence, and what
 * an interruption left half done.
 */
class RecordDestructionTest {

  private static final LocalDate LONG_AGO = LocalDate.of(2018, 5, 1);

  @TempDir Path dir;
  private Archive archive;
  private RecordDestruction destruction;

  @BeforeEach
  void open() {
    archive = new Archive(dir);
    destruction = archive.destruction();
  }

  @AfterEach
  void close() throws Exception {
    archive.close();
  }

  private RecordMetadata letter() {
    return archive.file("CORRESPONDENCE", LONG_AGO, BusinessKeys.NONE);
  }

  /** A run made now over everything eligible, approved where needed, executing. */
  private DispositionRun executing(String id) {
    DispositionPlan plan = archive.planner().plan(Archive.NOW, null, false);
    return DispositionRun.planned(id, false, Archive.NOW, null, Archive.NOW, "maja", plan)
        .execute("olle", Archive.NOW);
  }

  private List<Outcome> destroyAll(DispositionRun run) {
    return destruction.destroy(run, run.candidates(), () -> false);
  }

  @Test
  void destroysEveryVersionOfEveryObjectOfTheRecordAndItsIndexEntry() {
    RecordMetadata letter = letter();
    DispositionRun run = executing("01J0RUN");
    assertThat(archive.index.matching("CORRESPONDENCE")).containsExactly(letter.id().value());

    assertThat(destroyAll(run)).containsExactly(new Outcome(letter.id().value(), true, null));
    assertThat(archive.objects.versions("records/" + letter.id() + "/")).isEmpty();
    archive.index.search().refresh();
    assertThat(archive.index.matching("CORRESPONDENCE")).isEmpty();
  }

  @Test
  void leavesATombstoneNamingTheRunAndWhoStartedAndPublishesTheDestruction() {
    RecordMetadata letter = letter();
    DispositionRun run = executing("01J0RUN");

    destroyAll(run);

    Tombstone tombstone = destruction.tombstone(letter.id()).orElseThrow();
    assertThat(tombstone.runId()).isEqualTo("01J0RUN");
    assertThat(tombstone.sha256()).isEqualTo(letter.sha256());
    assertThat(tombstone.startedBy()).isEqualTo("maja");
    assertThat(tombstone.destroyedAt()).isEqualTo(Archive.NOW);
    assertThat(archive.published(RecordDestroyed.class))
        .containsExactly(
            new RecordDestroyed(
                letter.id(), "CORRESPONDENCE", letter.sha256(), "01J0RUN", "olle", Archive.NOW));
  }

  @Test
  void keepsARecordAHoldPlacedAfterTheRunWasMadeCovers() {
    RecordMetadata letter = letter();
    DispositionRun run = executing("01J0RUN");
    LegalHold hold = archive.holdOn("Tvist 2030", letter);

    Outcome kept = destroyAll(run).get(0);
    assertThat(kept.destroyed()).isFalse();
    assertThat(kept.reason()).isEqualTo("now under legal hold 'Tvist 2030' (" + hold.id() + ")");
    assertThat(archive.records.hasOriginal(letter.id())).isTrue();
    assertThat(destruction.tombstone(letter.id())).isEmpty();
  }

  @Test
  void keepsARecordNoLongerEligibleSinceItsDateWasCorrected() {
    RecordMetadata letter = letter();
    DispositionRun run = executing("01J0RUN");
    archive.correctDocumentDate(letter, LocalDate.of(2027, 5, 1));

    Outcome kept = destroyAll(run).get(0);
    assertThat(kept.destroyed()).isFalse();
    assertThat(kept.reason()).startsWith("no longer eligible: retained until 2032");
    assertThat(archive.records.latest(letter.id())).isPresent();
  }

  @Test
  void aRecordThisRunDestroyedBeforeAnInterruptionCountsOnceAndIsNotAnnouncedAgain() {
    RecordMetadata letter = letter();
    DispositionRun run = executing("01J0RUN");
    destroyAll(run);

    assertThat(destroyAll(run)).containsExactly(new Outcome(letter.id().value(), true, null));
    assertThat(archive.published(RecordDestroyed.class)).hasSize(1);
    // The stop may have come before the destruction was heard: the trail is asked to check.
    assertThat(archive.published(DestroyedBeforeAStop.class))
        .containsExactly(
            new DestroyedBeforeAStop(
                letter.id(), "CORRESPONDENCE", letter.sha256(), "01J0RUN", "olle", Archive.NOW));
  }

  @Test
  void finishesTheEvidenceOfARecordDeletedJustBeforeAnInterruption() {
    RecordMetadata letter = letter();
    DispositionRun run = executing("01J0RUN");
    // What the interrupted run left: its note of intent, and the record's objects deleted.
    Tombstone intent =
        new Tombstone(
            1,
            letter.id().value(),
            "CORRESPONDENCE",
            letter.department(),
            letter.sha256(),
            letter.size(),
            LONG_AGO,
            letter.filedAt(),
            run.candidates().get(0).retainUntil(),
            run.candidates().get(0).rule(),
            "01J0RUN",
            Archive.NOW,
            "maja",
            null);
    archive.documents.createOnce(
        "disposition/runs/01J0RUN/intents/" + letter.id() + ".json", intent);
    archive.records.destroy(letter);

    assertThat(destroyAll(run)).containsExactly(new Outcome(letter.id().value(), true, null));
    assertThat(destruction.tombstone(letter.id())).contains(intent);
    assertThat(archive.published(RecordDestroyed.class)).hasSize(1);
  }

  @Test
  void notesEveryRecordOfASliceInOneNoteBeforeDestroyingAny() {
    RecordMetadata first = letter();
    RecordMetadata second = letter();
    RecordMetadata held = letter();
    DispositionRun run = executing("01J0RUN");
    archive.holdOn("Audit 2030", held);

    destroyAll(run);

    DestructionIntents.SliceIntent note =
        archive
            .documents
            .read(
                "disposition/runs/01J0RUN/intents/slice-" + run.candidates().get(0).id() + ".json",
                DestructionIntents.SliceIntent.class)
            .orElseThrow();
    assertThat(note.records())
        .extracting(Tombstone::id)
        .containsExactlyInAnyOrder(first.id().value(), second.id().value());
    assertThat(note.records())
        .containsExactlyInAnyOrderElementsOf(
            List.of(
                destruction.tombstone(first.id()).orElseThrow(),
                destruction.tombstone(second.id()).orElseThrow()));
    assertThat(archive.documents.keys("disposition/runs/01J0RUN/intents/")).hasSize(1);
  }

  @Test
  void aRecordNamedInItsSliceNoteWhoseMetadataAloneWentIsFinishedOnResume() {
    RecordMetadata letter = letter();
    DispositionRun run = executing("01J0RUN");
    Tombstone doomed = tombstoneOf(letter, run);
    archive.documents.createOnce(
        "disposition/runs/01J0RUN/intents/slice-" + letter.id() + ".json",
        new DestructionIntents.SliceIntent(1, "01J0RUN", List.of(doomed)));
    // A crash kept the original but not the metadata version deleted after it.
    archive.objects.delete("records/" + letter.id() + "/meta/000001.json");

    assertThat(destroyAll(run)).containsExactly(new Outcome(letter.id().value(), true, null));
    assertThat(archive.records.hasOriginal(letter.id())).isFalse();
    assertThat(destruction.tombstone(letter.id())).contains(doomed);
  }

  @Test
  void aResumedSliceNotesARecordItsFirstNoteDidNotNameBeforeDestroyingIt() {
    RecordMetadata named = letter();
    RecordMetadata unnamed = letter();
    DispositionRun run = executing("01J0RUN");
    String first = run.candidates().get(0).id();
    RecordMetadata firstRecord = first.equals(named.id().value()) ? named : unnamed;
    archive.documents.createOnce(
        "disposition/runs/01J0RUN/intents/slice-" + first + ".json",
        new DestructionIntents.SliceIntent(1, "01J0RUN", List.of(tombstoneOf(firstRecord, run))));

    assertThat(destroyAll(run)).allMatch(Outcome::destroyed).hasSize(2);
    String other = (firstRecord == named ? unnamed : named).id().value();
    assertThat(archive.documents.keys("disposition/runs/01J0RUN/intents/"))
        .containsExactlyInAnyOrder(
            "disposition/runs/01J0RUN/intents/slice-" + first + ".json",
            "disposition/runs/01J0RUN/intents/" + other + ".json");
  }

  private static Tombstone tombstoneOf(RecordMetadata record, DispositionRun run) {
    Candidate candidate =
        run.candidates().stream()
            .filter(c -> c.id().equals(record.id().value()))
            .findFirst()
            .orElseThrow();
    return new Tombstone(
        1,
        record.id().value(),
        record.recordClass(),
        record.department(),
        record.sha256(),
        record.size(),
        record.documentDate(),
        record.filedAt(),
        candidate.retainUntil(),
        candidate.rule(),
        run.id(),
        Archive.NOW,
        run.startedBy(),
        run.approvedBy());
  }

  @Test
  void doesNotClaimARecordAnotherRunDestroyedAndNamesThatRun() {
    RecordMetadata letter = letter();
    DispositionRun first = executing("01J0FIRST");
    DispositionRun second = executing("01J0SECOND");
    destroyAll(first);

    Instant destroyedAt = destruction.tombstone(letter.id()).orElseThrow().destroyedAt();
    assertThat(destroyAll(second))
        .containsExactly(
            new Outcome(
                letter.id().value(),
                false,
                "already destroyed by run 01J0FIRST at " + destroyedAt));
    assertThat(destruction.tombstone(letter.id()).orElseThrow().runId()).isEqualTo("01J0FIRST");
  }

  @Test
  void stopsBeforeTheNextRecordWhenToldToAndTouchesNothing() {
    RecordMetadata letter = letter();
    DispositionRun run = executing("01J0RUN");

    assertThat(destruction.destroy(run, run.candidates(), () -> true)).isEmpty();
    assertThat(archive.records.hasOriginal(letter.id())).isTrue();
  }

  @Test
  void destroysTheRecordsOfASliceSideBySideAndAnswersInTheirOrder() {
    for (int i = 0; i < 40; i++) {
      letter();
    }
    DispositionRun run = executing("01J0RUN");
    Set<String> threads = ConcurrentHashMap.newKeySet();
    RecordDestruction sideBySide =
        new RecordDestruction(
            archive.records,
            archive.documents,
            archive.retention,
            archive.holds,
            archive.index.search(),
            archive.clock,
            event -> {
              // Each record waits here until a second thread destroys one too: one thread alone
              // would wait in vain, and the test fail.
              threads.add(Thread.currentThread().getName());
              await().atMost(Duration.ofSeconds(10)).until(() -> threads.size() > 1);
              archive.published.add(event);
            });
    try {
      List<Outcome> outcomes = sideBySide.destroy(run, run.candidates(), () -> false);

      assertThat(outcomes)
          .extracting(Outcome::id)
          .containsExactlyElementsOf(run.candidates().stream().map(Candidate::id).toList());
      assertThat(outcomes).allMatch(Outcome::destroyed);
      assertThat(archive.published(RecordDestroyed.class)).hasSize(40);
      assertThat(threads).hasSizeGreaterThan(1);
    } finally {
      sideBySide.destroy();
    }
  }

  @Test
  void aStopInASliceAnswersTheRecordsBeforeTheFirstLeftAndTheResumedRunCountsEachOnce() {
    for (int i = 0; i < 40; i++) {
      letter();
    }
    DispositionRun run = executing("01J0RUN");
    AtomicInteger asked = new AtomicInteger();

    List<Outcome> before =
        destruction.destroy(run, run.candidates(), () -> asked.incrementAndGet() > 10);
    assertThat(before).hasSizeLessThan(40).allMatch(Outcome::destroyed);
    assertThat(before)
        .extracting(Outcome::id)
        .containsExactlyElementsOf(
            run.candidates().subList(0, before.size()).stream().map(Candidate::id).toList());

    List<Outcome> resumed = destroyAll(run);
    assertThat(resumed).hasSize(40).allMatch(Outcome::destroyed);
    // Each record announced once, whichever of the two passes destroyed it.
    assertThat(archive.published(RecordDestroyed.class))
        .extracting(RecordDestroyed::id)
        .doesNotHaveDuplicates()
        .hasSize(40);
  }
}
