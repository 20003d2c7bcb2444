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

  private static void assertVerifies(AuditSegmentWriter writer, TrailOnDisk trail, long entries) {
    AuditTrail.Verification verified = new AuditVerifier(writer, trail.files).verify();
    assertThat(verified.valid()).as(verified.reason()).isTrue();
    assertThat(verified.entries()).isEqualTo(entries);
  }

  @Test
  void aNewTrailStartsBeforeEntryOneAtTheGenesisHash() throws IOException {
    TrailOnDisk trail = new TrailOnDisk(root, 10);

    assertThat(new AuditRecovery(trail.files).recover())
        .isEqualTo(new AuditRecovery.Recovered(0, ChainLine.GENESIS, null, 0, 0));
  }

  @Test
  void aLineCutShortByACrashIsRemovedAndTheTrailGoesOnAfterTheLastWholeEntry() throws IOException {
    TrailOnDisk trail = new TrailOnDisk(root, 10);
    AuditSegmentWriter before = trail.start();
    TrailOnDisk.append(before, 2);
    AuditSegmentWriter.Head head = before.durableHead();
    before.destroy();
    Path local = trail.localSegment(1);
    Files.writeString(local, "0123abcd {\"seq\":3,", StandardOpenOption.APPEND);

    AuditRecovery.Recovered recovered = new AuditRecovery(trail.files).recover();

    assertThat(recovered).isEqualTo(new AuditRecovery.Recovered(2, head.hash(), local, 1, 2));
    assertThat(Files.readString(local, StandardCharsets.UTF_8)).endsWith("}\n");
    AuditSegmentWriter after = trail.start();
    assertThat(after.append(TrailOnDisk.event("search", null)).seq()).isEqualTo(3);
    assertVerifies(after, trail, 3);
  }

  @Test
  void aSegmentSealedJustBeforeAStopIsNotReadTwice() throws IOException {
    TrailOnDisk trail = new TrailOnDisk(root, 10);
    AuditSegmentWriter before = trail.start();
    TrailOnDisk.append(before, 2);
    Path local = trail.localSegment(1);
    byte[] unremoved = Files.readAllBytes(local);
    before.seal();
    before.destroy();
    Files.write(local, unremoved);

    AuditRecovery.Recovered recovered = new AuditRecovery(trail.files).recover();

    assertThat(recovered.lastSeq()).isEqualTo(2);
    assertThat(recovered.segment()).isNull();
    assertThat(local).doesNotExist();
    AuditSegmentWriter after = trail.start();
    assertThat(after.append(TrailOnDisk.event("search", null)).seq()).isEqualTo(3);
    assertVerifies(after, trail, 3);
  }

  @Test
  void withNothingLocalTheTrailGoesOnFromTheLastSealedSegment() throws IOException {
    TrailOnDisk trail = new TrailOnDisk(root, 2);
    AuditSegmentWriter before = trail.start();
    TrailOnDisk.append(before, 4);
    AuditSegmentWriter.Head head = before.durableHead();
    before.destroy();

    AuditRecovery.Recovered recovered = new AuditRecovery(trail.files).recover();

    assertThat(trail.files.sealedKeys()).hasSize(2);
    assertThat(recovered).isEqualTo(new AuditRecovery.Recovered(4, head.hash(), null, 0, 0));
  }
}
