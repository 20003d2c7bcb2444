package se.arkiv.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sealed segments and checkpoints go into the store once, locked, in the documented format. */
class AuditSealerTest {

  private static final String KEY = "audit/segments/000000000001-000000000002.log";
  private static final String HASH = "ab".repeat(32);

  @TempDir Path root;
  private TrailOnDisk trail;
  private Path segment;

  @BeforeEach
  void writeALocalSegment() throws IOException {
    trail = new TrailOnDisk(root, 10);
    segment = Files.writeString(trail.localSegment(1), "first line\nsecond line\n");
  }

  private boolean seal() throws IOException {
    try (FileChannel channel = FileChannel.open(segment, StandardOpenOption.WRITE)) {
      return trail.sealer.seal(channel, segment, KEY);
    }
  }

  private String read(String key) throws IOException {
    try (InputStream in = trail.store.get(key)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void storesTheSegmentAsItIsLockedForTheLongestRetentionPlusAYear() throws IOException {
    assertThat(seal()).isTrue();

    assertThat(read(KEY)).isEqualTo("first line\nsecond line\n");
    assertThat(trail.store.retainedUntil(KEY)).contains(Instant.parse("2027-12-02T09:00:00Z"));
  }

  @Test
  void keepsTheCopyAStopBetweenSealingAndRemovingLeftInTheStore() throws IOException {
    trail.store.create(KEY, "first line\n".getBytes(StandardCharsets.UTF_8));

    assertThat(seal()).isTrue();
    assertThat(read(KEY)).isEqualTo("first line\n");
  }

  @Test
  void writesTheCheckpointAsJsonWithSortedFieldsOnce() throws IOException {
    trail.sealer.checkpoint(2, HASH, KEY);
    trail.clock.advance(Duration.ofMinutes(5));
    trail.sealer.checkpoint(2, "cd".repeat(32), KEY);

    String checkpoint = "audit/checkpoints/000000000002.json";
    assertThat(read(checkpoint))
        .isEqualTo(
            "{\"hash\":\""
                + HASH
                + "\",\"sealedAt\":\"2026-12-02T09:00:00Z\",\"segment\":\""
                + KEY
                + "\",\"seq\":2}");
    assertThat(trail.store.retainedUntil(checkpoint)).isPresent();
  }
}
