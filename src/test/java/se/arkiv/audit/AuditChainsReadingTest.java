package se.arkiv.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/**
 * Nodes a and b on one store take turns, one entry a minute (b at odd minutes, a at even ones),
 * twenty in all, segments of four: each has 1-8 sealed and 9-10 local. Node a reads both chains'
 * sealed entries and its own local ones, by time.
 */
class AuditChainsReadingTest {

  private static final AuditQuery ALL = new AuditQuery(null, null, null, null, null);

  @TempDir Path root;
  private TrailOnDisk a;
  private TrailOnDisk b;
  private AuditSegmentWriter writerA;
  private AuditSegmentWriter writerB;
  private AuditIndex index;
  private AuditIndexCatchUp catchUp;
  private AuditReader reader;

  @BeforeEach
  void twoNodesTakeTurns() throws IOException {
    a = TrailOnDisk.node(root, "a", 4);
    b = TrailOnDisk.node(root, "b", 4);
    writerA = a.start();
    writerB = b.start();
    for (int minute = 1; minute <= 20; minute++) {
      appendAt(minute % 2 == 1 ? b : a, minute, "record-" + minute % 5);
    }
    openIndexOfA();
    catchUp.catchUp();
  }

  @AfterEach
  void close() throws IOException {
    catchUp.destroy();
    index.destroy();
  }

  private void openIndexOfA() throws IOException {
    index = a.index();
    catchUp =
        new AuditIndexCatchUp(index, a.files, writerA, new ThreadPoolTaskScheduler(), a.settings());
    reader = new AuditReader(writerA, a.files, index);
  }

  private void appendAt(TrailOnDisk node, int minute, String target) {
    node.clock.set(TrailOnDisk.NOW.plus(Duration.ofMinutes(minute)));
    (node == a ? writerA : writerB).append(TrailOnDisk.event("record.view", target));
  }

  /** Each entry found as "node:seq". */
  private List<String> find(AuditQuery query, int offset, int limit) {
    return reader.find(query, offset, limit).stream().map(e -> e.node() + ":" + e.seq()).toList();
  }

  /** The entries of the minutes given, as "node:seq": b's at odd minutes, a's at even ones. */
  private static List<String> minutes(int... minutes) {
    List<String> entries = new ArrayList<>();
    for (int minute : minutes) {
      entries.add((minute % 2 == 1 ? "b:" : "a:") + (minute + 1) / 2);
    }
    return entries;
  }

  @Test
  void readsEveryChainsSealedEntriesAndItsOwnLocalOnesByTime() {
    assertThat(find(ALL, 0, 100))
        .containsExactlyElementsOf(
            minutes(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 18, 20));
  }

  @Test
  void pagesThroughTheMergedOrder() {
    List<String> all = find(ALL, 0, 100);

    List<String> paged = new ArrayList<>();
    for (int offset = 0; offset < all.size(); offset += 5) {
      paged.addAll(find(ALL, offset, 5));
    }

    assertThat(paged).isEqualTo(all);
    assertThat(find(ALL, 18, 5)).isEmpty();
  }

  @Test
  void aRecordsHistoryHoldsTheEntriesOfEveryNode() {
    // record-3 at minutes 3, 8, 13 and 18; record-0 at 5, 10, 15 and 20.
    assertThat(find(AuditQuery.target("record-3"), 0, 100))
        .containsExactlyElementsOf(minutes(3, 8, 13, 18));
    assertThat(find(AuditQuery.target("record-0"), 1, 2))
        .containsExactlyElementsOf(minutes(10, 15));
  }

  @Test
  void theOtherNodesLaterSealsAreReadOnceIndexed() {
    appendAt(b, 21, "record-x");
    appendAt(b, 23, "record-x");
    assertThat(find(ALL, 0, 100)).hasSize(18);

    catchUp.catchUp();

    // b's 9-12 sealed: its local 9 and 10 of minutes 17 and 19, and 11 and 12 of 21 and 23.
    assertThat(find(ALL, 0, 100))
        .hasSize(22)
        .endsWith("b:9", "a:9", "b:10", "a:10", "b:11", "b:12");
  }

  @Test
  void entriesOfOneInstantAreOrderedByNodeThenSequence() {
    Instant later = TrailOnDisk.NOW.plus(Duration.ofHours(1));
    b.clock.set(later);
    a.clock.set(later);
    TrailOnDisk.append(writerB, 2);
    TrailOnDisk.append(writerA, 2);
    catchUp.catchUp();

    assertThat(find(new AuditQuery(null, null, null, later, null), 0, 100))
        .containsExactly("a:11", "a:12", "b:11", "b:12");
  }

  @Test
  void anotherChainThatCannotBeIndexedStopsOnlyItself() throws IOException {
    for (int minute = 21; minute <= 24; minute++) {
      appendAt(minute % 2 == 1 ? b : a, minute, "record-y");
    }
    // Node b's index: chain a comes before b's own.
    Files.writeString(
        b.object("audit/nodes/a/segments/000000000009-000000000012.log"), "not an entry\n");
    AuditIndex indexOfB = b.index();
    try {
      new AuditIndexCatchUp(indexOfB, b.files, writerB, new ThreadPoolTaskScheduler(), b.settings())
          .catchUp();

      assertThat(indexOfB.committed(new AuditChain("a")).seq()).isEqualTo(8);
      assertThat(indexOfB.committed(new AuditChain("b")).seq()).isEqualTo(12);
    } finally {
      indexOfB.destroy();
    }
  }

  @Test
  void theIndexKeepsWhereItIsInEachChainAcrossARestart() throws IOException {
    catchUp.destroy();
    index.destroy();
    openIndexOfA();

    assertThat(index.committed(new AuditChain("b")).seq()).isEqualTo(8);
    assertThat(index.committed(new AuditChain("a")).seq()).isEqualTo(8);
    catchUp.catchUp();
    assertThat(find(ALL, 0, 100)).hasSize(18).doesNotHaveDuplicates();
  }

  @Test
  void aNodeAloneOnTheStoreReadsInTrailOrder() throws IOException {
    Path alone = root.resolve("alone");
    TrailOnDisk c = TrailOnDisk.node(alone, "c", 4);
    AuditSegmentWriter writer = c.start();
    TrailOnDisk.append(writer, 6);
    AuditIndex ownIndex = c.index();
    try {
      new AuditIndexCatchUp(ownIndex, c.files, writer, new ThreadPoolTaskScheduler(), c.settings())
          .catchUp();
      AuditIndex.Hits hits = ownIndex.search(ALL, null, 0, 10, c.files.chain());
      assertThat(hits.inTimeOrder()).isFalse();
      assertThat(hits.through(c.files.chain())).isEqualTo(4);
      assertThat(new AuditReader(writer, c.files, ownIndex).find(ALL, 0, 10))
          .extracting(AuditEntry::seq)
          .containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
    } finally {
      ownIndex.destroy();
    }
  }
}
