package se.arkiv.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Eleven entries, sealed three at a time (1-9 sealed, 10 and 11 local); the odd ones are views of a
 * record each, the even ones searches. The trail's index is empty here (never caught up): every
 * entry is found by reading the trail; {@link AuditIndexTest} has the index.
 */
class AuditReaderTest {

  private static final AuditQuery VIEWS = new AuditQuery(null, null, "record.view", null, null);

  @TempDir Path root;
  private AuditReader reader;
  private AuditIndex index;

  @BeforeEach
  void writeElevenEntries() throws IOException {
    TrailOnDisk trail = new TrailOnDisk(root, 3);
    AuditSegmentWriter writer = trail.start();
    for (int seq = 1; seq <= 11; seq++) {
      writer.append(
          seq % 2 == 1
              ? TrailOnDisk.event("record.view", "record-" + seq)
              : TrailOnDisk.event("search", null));
    }
    index = trail.index();
    reader = new AuditReader(writer, trail.files, index);
  }

  @AfterEach
  void closeIndex() throws IOException {
    index.destroy();
  }

  @Test
  void findsTheMatchesInOrderAcrossSealedAndLocalSegments() {
    assertThat(reader.find(VIEWS, 0, 100))
        .extracting(AuditEntry::seq)
        .containsExactly(1L, 3L, 5L, 7L, 9L, 11L);
  }

  @Test
  void aPageStartsAtItsOffsetAndHoldsAtMostItsLimit() {
    assertThat(reader.find(VIEWS, 1, 2)).extracting(AuditEntry::seq).containsExactly(3L, 5L);
    assertThat(reader.find(VIEWS, 4, 10)).extracting(AuditEntry::seq).containsExactly(9L, 11L);
  }

  @Test
  void findsTheSameWhenAskedAgainThroughTheSegmentSummaries() {
    assertThat(reader.find(AuditQuery.target("record-7"), 0, 10))
        .extracting(AuditEntry::seq)
        .containsExactly(7L);
    assertThat(reader.find(AuditQuery.target("record-7"), 0, 10))
        .extracting(AuditEntry::seq)
        .containsExactly(7L);
    assertThat(reader.find(VIEWS, 0, 100)).hasSize(6);
  }
}
