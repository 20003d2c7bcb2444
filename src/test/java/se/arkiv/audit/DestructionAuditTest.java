package se.arkiv.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.arkiv.record.RecordId;
import se.arkiv.retention.DestroyedBeforeAStop;
import se.arkiv.retention.RecordDestroyed;

class DestructionAuditTest {

  private static final RecordId GONE = RecordId.of("0190f5a4-0000-7000-8000-00000000000a");
  private static final RecordId ALSO_GONE = RecordId.of("0190f5a4-0000-7000-8000-00000000000b");
  private static final Instant AT = Instant.parse("2026-12-02T08:59:00Z");

  @TempDir Path root;
  private AuditIndex index;
  private AuditTrail trail;
  private DestructionAudit audit;

  @BeforeEach
  void start() throws IOException {
    TrailOnDisk disk = new TrailOnDisk(root, 100);
    AuditSegmentWriter writer = disk.start();
    index = disk.index();
    trail =
        new AuditTrail(
            writer,
            new AuditReader(writer, disk.files, index),
            new AuditVerifier(writer, disk.files));
    audit = new DestructionAudit(trail);
  }

  @AfterEach
  void stop() throws IOException {
    index.destroy();
  }

  @Test
  void aDestructionTheTrailMissedBeforeAStopIsWrittenOnceAndOneItHasIsNotWrittenAgain() {
    audit.on(new RecordDestroyed(GONE, "CORRESPONDENCE", "ab", "run-1", "olle", AT));

    audit.on(new DestroyedBeforeAStop(GONE, "CORRESPONDENCE", "ab", "run-1", "olle", AT));
    audit.on(new DestroyedBeforeAStop(ALSO_GONE, "CORRESPONDENCE", "cd", "run-1", "olle", AT));
    audit.on(new DestroyedBeforeAStop(ALSO_GONE, "CORRESPONDENCE", "cd", "run-1", "olle", AT));

    assertThat(trail.find(new AuditQuery(null, null, "record.destroy", null, null), 0, 10))
        .extracting(AuditEntry::target)
        .containsExactly(GONE.value(), ALSO_GONE.value());
    assertThat(trail.find(AuditQuery.target(ALSO_GONE.value()), 0, 10).get(0).reason())
        .contains("before the service stopped");
  }
}
