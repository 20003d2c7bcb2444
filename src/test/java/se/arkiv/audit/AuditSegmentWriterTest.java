package se.arkiv.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local segment: numbered, chained, durable entries, sealed when full or when asked. */
class AuditSegmentWriterTest {

  @TempDir Path root;

  private static void assertAllSealedAs(TrailOnDisk trail, String key) {
    assertThat(trail.files.sealedKeys()).containsExactly(key);
    assertThat(trail.files.localSegments()).isEmpty();
  }

  @Test
  void numbersEntriesFromOneAndChainsEachToTheLineBefore() throws IOException {
    TrailOnDisk trail = new TrailOnDisk(root, 10);
    AuditSegmentWriter writer = trail.start();

    List<AuditEntry> entries = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      entries.add(writer.append(TrailOnDisk.event("search", null)));
    }

    List<String> lines = Files.readAllLines(trail.localSegment(1));
    assertThat(entries).extracting(AuditEntry::seq).containsExactly(1L, 2L, 3L);
    assertThat(entries.get(0).prevHash()).isEqualTo(ChainLine.GENESIS);
    assertThat(entries.get(1).prevHash()).isEqualTo(ChainLine.split(lines.get(0))[0]);
    assertThat(entries.get(2).prevHash()).isEqualTo(ChainLine.split(lines.get(1))[0]);
  }

  @Test
  void anEntryIsInTheLocalSegmentWhenAppendReturns() throws IOException {
    TrailOnDisk trail = new TrailOnDisk(root, 10);
    AuditSegmentWriter writer = trail.start();

    AuditEntry entry = writer.append(TrailOnDisk.event("record.file", "record-1"));

    List<String> lines = Files.readAllLines(trail.localSegment(1));
    assertThat(lines).hasSize(1);
    assertThat(ChainLine.entry(lines.get(0))).isEqualTo(entry);
    assertThat(writer.durableHead().seq()).isEqualTo(1);
  }

  @Test
  void anEntryThatCannotBeWrittenRefusesItsActionAndSaysSoUntilOneIsWrittenAgain()
      throws IOException {
    TrailOnDisk trail = new TrailOnDisk(root, 3);
    AuditSegmentWriter writer = trail.startWith(3); // sealed: the next entry opens a new segment
    Path folder = trail.localSegment(4).getParent();
    Files.delete(folder);
    Files.writeString(folder, "not a folder"); // the disk refuses the new segment

    assertThatThrownBy(() -> writer.append(TrailOnDisk.event("search", null)))
        .isInstanceOf(AuditUnavailable.class);
    assertThat(writer.failingSince()).isNotNull();

    Files.delete(folder);
    Files.createDirectories(folder);
    AuditEntry next = writer.append(TrailOnDisk.event("search", null));
    assertThat(next.seq()).isEqualTo(4);
    assertThat(writer.failingSince()).isNull();
  }

  @Test
  void aFullSegmentIsSealedAndTheNextEntryStartsANewOne() throws IOException {
    TrailOnDisk trail = new TrailOnDisk(root, 3);
    AuditSegmentWriter writer = trail.startWith(4);

    assertThat(trail.files.sealedKeys())
        .containsExactly("audit/segments/000000000001-000000000003.log");
    assertThat(trail.files.localSegments()).containsExactly(trail.localSegment(4));
    assertThat(trail.store.stat("audit/checkpoints/000000000003.json")).isPresent();
  }

  @Test
  void aSealWhenAskedTakesWhatTheSegmentHoldsAndNothingWhenItIsEmpty() throws IOException {
    TrailOnDisk trail = new TrailOnDisk(root, 10);
    AuditSegmentWriter writer = trail.start();

    writer.seal();
    assertThat(trail.files.sealedKeys()).isEmpty();

    TrailOnDisk.append(writer, 2);
    writer.seal();
    assertAllSealedAs(trail, "audit/segments/000000000001-000000000002.log");
  }

  @Test
  void aSegmentTheStoreRefusesStaysLocalAndGrowsUntilASealSucceeds() throws IOException {
    TrailOnDisk trail = new TrailOnDisk(root, 10);
    AuditSegmentWriter writer = trail.startWith(2);
    // A file where the store's folder of segments belongs: the store cannot write there.
    Path blocker = trail.object("audit/segments");
    Files.createDirectories(blocker.getParent());
    Files.writeString(blocker, "in the way");

    writer.seal();
    assertThat(trail.files.localSegments()).containsExactly(trail.localSegment(1));
    TrailOnDisk.append(writer, 1);

    Files.delete(blocker);
    writer.seal();
    assertAllSealedAs(trail, "audit/segments/000000000001-000000000003.log");
  }

  @Test
  void concurrentWritersGetEveryNumberOnceAndTheChainHolds() throws Exception {
    TrailOnDisk trail = new TrailOnDisk(root, 7);
    AuditSegmentWriter writer = trail.start();
    ExecutorService threads = Executors.newFixedThreadPool(4);
    List<Future<List<Long>>> written = new ArrayList<>();
    try {
      for (int t = 0; t < 4; t++) {
        written.add(
            threads.submit(
                () -> {
                  List<Long> seqs = new ArrayList<>();
                  for (int i = 0; i < 50; i++) {
                    seqs.add(writer.append(TrailOnDisk.event("search", null)).seq());
                  }
                  return seqs;
                }));
      }
      List<Long> all = new ArrayList<>();
      for (Future<List<Long>> seqs : written) {
        all.addAll(seqs.get());
      }

      assertThat(all).hasSize(200).doesNotHaveDuplicates().allMatch(s -> s >= 1 && s <= 200);
      trail.assertVerifies(writer, 200);
    } finally {
      threads.shutdownNow();
    }
  }
}
