package se.arkiv.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import se.arkiv.storage.StorageSettings;

/**
 * Thirty entries, one a minute, sealed ten at a time, then indexed: by turns a filing by clara, a
 * view by bo and a search by clara whose query names a month. The index holds the sealed part of
 * the trail; what it has not reached is read from the trail, and the two together answer as the
 * trail alone would.
 */
class AuditIndexTest {

  private static final String[] MONTHS = {"januari", "februari", "mars"};
  private static final AuditQuery ALL = new AuditQuery(null, null, null, null, null);

  @TempDir Path root;
  private TrailOnDisk trail;
  private AuditSegmentWriter writer;
  private AuditIndex index;
  private AuditIndexCatchUp catchUp;
  private AuditReader reader;

  @BeforeEach
  void writeAndIndexThirtyEntries() throws IOException {
    trail = new TrailOnDisk(root, 10);
    writer = trail.start();
    append(30);
    open();
    catchUp.catchUp();
  }

  @AfterEach
  void close() throws IOException {
    catchUp.destroy();
    index.destroy();
  }

  private void open() throws IOException {
    index = trail.index();
    catchUp =
        new AuditIndexCatchUp(
            index, trail.files, writer, new ThreadPoolTaskScheduler(), trail.settings());
    reader = new AuditReader(writer, trail.files, index);
  }

  /** Entries numbered on from the last: seq % 3 == 1 files, 2 views, 0 searches. */
  private void append(int count) {
    for (int i = 0; i < count; i++) {
      long seq = writer.durableHead().seq() + 1;
      trail.clock.advance(Duration.ofMinutes(1));
      writer.append(event(seq));
    }
  }

  private static AuditEvent event(long seq) {
    String target = "record-" + seq;
    return switch ((int) (seq % 3)) {
      case 1 -> event("clara", "record.file", target, Map.of("title", "Lönespec " + seq));
      case 2 -> event("bo", "record.view", target, Map.of());
      default ->
          event(
              "clara",
              "search",
              null,
              Map.of("q", "utlägg " + MONTHS[(int) (seq / 3) % 3], "hits", 2));
    };
  }

  private static AuditEvent event(
      String actor, String action, String target, Map<String, Object> details) {
    return new AuditEvent(
        actor,
        List.of("CLERK"),
        "10.0.0.7",
        action,
        target,
        AuditEvent.Outcome.SUCCESS,
        null,
        details,
        null,
        null);
  }

  private static Instant minute(long seq) {
    return TrailOnDisk.NOW.plus(Duration.ofMinutes(seq));
  }

  private List<Long> find(AuditQuery query, int offset, int limit) {
    return reader.find(query, offset, limit).stream().map(AuditEntry::seq).toList();
  }

  private static AuditQuery text(String text) {
    return new AuditQuery(null, null, null, null, null, text);
  }

  @Test
  void holdsTheSealedTrailAndAnswersFromIt() {
    AuditIndex.Hits hits = index.search(new AuditQuery(null, "bo", null, null, null), null, 0, 3);
    assertThat(hits.through()).isEqualTo(30);
    assertThat(hits.found()).extracting(AuditEntry::seq).containsExactly(2L, 5L, 8L);
    assertThat(hits.found().get(0))
        .isEqualTo(reader.find(AuditQuery.target("record-2"), 0, 1).get(0));
  }

  @Test
  void findsByEachCriterion() {
    assertThat(find(new AuditQuery(null, "bo", null, null, null), 0, 100))
        .hasSize(10)
        .allMatch(seq -> seq % 3 == 2);
    assertThat(find(new AuditQuery(null, null, "record.", null, null), 0, 100)).hasSize(20);
    assertThat(find(new AuditQuery(null, null, "record.f", null, null), 0, 100))
        .containsExactly(1L, 4L, 7L, 10L, 13L, 16L, 19L, 22L, 25L, 28L);
    assertThat(find(AuditQuery.target("record-17"), 0, 100)).containsExactly(17L);
    assertThat(find(new AuditQuery(null, null, null, minute(12), minute(15)), 0, 100))
        .containsExactly(12L, 13L, 14L);
    assertThat(find(text("februari"), 0, 100)).containsExactly(3L, 12L, 21L, 30L);
    assertThat(find(text("lönespec"), 0, 100)).hasSize(10);
    assertThat(find(text("\"utlägg mars\" OR \"Lönespec 4\""), 0, 100))
        .containsExactly(4L, 6L, 15L, 24L);
    assertThat(find(new AuditQuery(null, "clara", "search", minute(20), null, "utl*"), 0, 100))
        .containsExactly(21L, 24L, 27L, 30L);
  }

  @Test
  void pagesInTrailOrder() {
    AuditQuery clara = new AuditQuery(null, "clara", null, null, null);
    assertThat(find(clara, 0, 4)).containsExactly(1L, 3L, 4L, 6L);
    assertThat(find(clara, 4, 4)).containsExactly(7L, 9L, 10L, 12L);
    assertThat(find(clara, 18, 4)).containsExactly(28L, 30L);
    assertThat(find(clara, 20, 4)).isEmpty();
  }

  @Test
  void anIndexBehindNeverHidesAnEntry() {
    AuditSealHealth health = new AuditSealHealth(writer, index, trail.settings(), trail.clock);
    assertThat(health.notIndexed()).isZero();
    // 31-40 sealed but not indexed yet, 41-45 local.
    append(15);
    AuditQuery bo = new AuditQuery(null, "bo", null, null, null);
    assertThat(index.search(bo, null, 0, 100).through()).isEqualTo(30);
    assertThat(health.notIndexed()).isEqualTo(15);
    assertThat(find(bo, 0, 100)).hasSize(15).endsWith(32L, 35L, 38L, 41L, 44L);
    assertThat(find(bo, 9, 3)).containsExactly(29L, 32L, 35L);
    assertThat(find(text("februari"), 0, 100)).containsExactly(3L, 12L, 21L, 30L, 39L);

    catchUp.catchUp();
    assertThat(index.search(bo, null, 0, 100).through()).isEqualTo(40);
    assertThat(health.notIndexed()).isEqualTo(5);
    assertThat(find(bo, 9, 3)).containsExactly(29L, 32L, 35L);
    assertThat(find(bo, 0, 100)).hasSize(15).endsWith(41L, 44L);
  }

  @Test
  void freeTextFindsTheSameIndexedOrRead() throws IOException {
    AuditIndex empty =
        new AuditIndex(
            new AuditSettings(10, Duration.ofMinutes(5), root.resolve("empty"), Duration.ZERO),
            new StorageSettings(root));
    try {
      AuditReader reading = new AuditReader(writer, trail.files, empty);
      for (String q :
          List.of("mars", "utlägg AND NOT januari", "lön*", "\"utlägg mars\"", "10.0.0.7", "bo")) {
        assertThat(find(text(q), 0, 100))
            .as(q)
            .isNotEmpty()
            .isEqualTo(reading.find(text(q), 0, 100).stream().map(AuditEntry::seq).toList());
      }
    } finally {
      empty.destroy();
    }
  }

  @Test
  void refusesMalformedFreeTextAndFields() {
    assertThatThrownBy(() -> reader.find(text("utlägg AND (mars"), 0, 10))
        .isInstanceOf(InvalidAuditQuery.class)
        .hasMessageStartingWith("q:");
    assertThatThrownBy(() -> reader.find(text("actor:bo"), 0, 10))
        .isInstanceOf(InvalidAuditQuery.class)
        .hasMessageContaining("actor");
    assertThatThrownBy(() -> reader.find(text("*gg"), 0, 10)).isInstanceOf(InvalidAuditQuery.class);
  }

  @Test
  void isRebuiltWhenItsFolderIsDeleted() throws IOException {
    List<Long> before = find(text("februari"), 0, 100);
    index.destroy();
    deleteTree(trail.indexDir());
    open();
    assertThat(index.search(text("februari"), FreeText.parse("februari"), 0, 10).through())
        .isZero();
    assertThat(find(text("februari"), 0, 100)).isEqualTo(before);
    catchUp.catchUp();
    assertThat(index.search(ALL, null, 0, 10).through()).isEqualTo(30);
    assertThat(find(text("februari"), 0, 100)).isEqualTo(before);
  }

  @Test
  void isRebuiltWhenItCannotBeOpened() throws IOException {
    index.destroy();
    try (Stream<Path> files = Files.list(trail.indexDir())) {
      for (Path file :
          files.filter(f -> f.getFileName().toString().startsWith("segments")).toList()) {
        Files.write(file, new byte[] {1, 2, 3});
      }
    }
    open();
    catchUp.catchUp();
    assertThat(find(new AuditQuery(null, "bo", null, null, null), 0, 100)).hasSize(10);
    assertThat(index.search(ALL, null, 0, 10).through()).isEqualTo(30);
  }

  @Test
  void anIndexOfAnotherTrailIsEmptiedAndMadeAgain() throws IOException {
    // The same index beside a trail started afresh, whose entries 1-30 are other entries.
    index.destroy();
    Path kept = root.resolve("kept-index");
    Files.move(trail.indexDir(), kept);
    root = Files.createDirectories(root.resolve("other"));
    trail = new TrailOnDisk(root, 10);
    writer = trail.start();
    for (int i = 1; i <= 30; i++) {
      writer.append(event("dora", "hold.place", "hold-" + i, Map.of()));
    }
    Files.createDirectories(trail.indexDir().getParent());
    Files.move(kept, trail.indexDir());
    open();
    catchUp.catchUp();
    assertThat(find(new AuditQuery(null, "clara", null, null, null), 0, 100)).isEmpty();
    assertThat(find(new AuditQuery(null, "dora", null, null, null), 0, 100)).hasSize(30);
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(file);
      }
    }
  }
}
