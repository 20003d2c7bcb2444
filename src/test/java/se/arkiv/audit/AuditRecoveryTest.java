package se.arkiv.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** After a stop, clean or not, the trail goes on from its last whole entry, each entry once. */
class AuditRecoveryTest {

  @TempDir Path root;

  /** Runs the service until {@code entries} are written, stops it and returns its last entry. */
  private static AuditSegmentWriter.Head stoppedAfter(TrailOnDisk trail, int entries)
      throws IOException {
    AuditSegmentWriter writer = trail.startWith(entries);
    writer.destroy();
    return writer.durableHead();
  }

  /** After a restart, the next entry is {@code next} and the whole chain verifies. */
  private static void assertGoesOnAt(TrailOnDisk trail, long next) throws IOException {
    AuditSegmentWriter after = trail.start();
    assertThat(after.append(TrailOnDisk.event("search", null)).seq()).isEqualTo(next);
    trail.assertVerifies(after, next);
  }

  @Test
  void aNewTrailStartsBeforeEntryOneAtTheGenesisHash() throws IOException {
    TrailOnDisk trail = new TrailOnDisk(root, 10);

    assertThat(new AuditRecovery(trail.files).recover())
        .isEqualTo(new AuditRecovery.Recovered(0, ChainLine.GENESIS, null, null, 0, 0));
  }

  @Test
  void aLineCutShortByACrashIsRemovedAndTheTrailGoesOnAfterTheLastWholeEntry() throws IOException {
    TrailOnDisk trail = new TrailOnDisk(root, 10);
    AuditSegmentWriter.Head head = stoppedAfter(trail, 2);
    Path local = trail.localSegment(1);
    Files.writeString(local, "0123abcd {\"seq\":3,", StandardOpenOption.APPEND);

    AuditRecovery.Recovered recovered = new AuditRecovery(trail.files).recover();

    assertThat(recovered.lastTime()).isNotNull();
    assertThat(recovered)
        .isEqualTo(new AuditRecovery.Recovered(2, head.hash(), recovered.lastTime(), local, 1, 2));
    assertThat(Files.readString(local, StandardCharsets.UTF_8)).endsWith("}\n");
    assertGoesOnAt(trail, 3);
  }

  @Test
  void aSegmentSealedJustBeforeAStopIsNotReadTwice() throws IOException {
    TrailOnDisk trail = new TrailOnDisk(root, 10);
    AuditSegmentWriter before = trail.startWith(2);
    Path local = trail.localSegment(1);
    byte[] unremoved = Files.readAllBytes(local);
    before.seal();
    before.destroy();
    Files.write(local, unremoved);

    AuditRecovery.Recovered recovered = new AuditRecovery(trail.files).recover();

    assertThat(recovered.lastSeq()).isEqualTo(2);
    assertThat(recovered.segment()).isNull();
    assertThat(local).doesNotExist();
    assertGoesOnAt(trail, 3);
  }

  @Test
  void withNothingLocalTheTrailGoesOnFromTheLastSealedSegment() throws IOException {
    TrailOnDisk trail = new TrailOnDisk(root, 2);
    AuditSegmentWriter.Head head = stoppedAfter(trail, 4);

    AuditRecovery.Recovered recovered = new AuditRecovery(trail.files).recover();

    assertThat(trail.files.sealedKeys()).hasSize(2);
    assertThat(recovered)
        .isEqualTo(new AuditRecovery.Recovered(4, head.hash(), recovered.lastTime(), null, 0, 0));
    assertThat(recovered.lastTime()).isNotNull();
  }
}
