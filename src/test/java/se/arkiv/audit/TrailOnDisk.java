package se.arkiv.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import se.arkiv.cluster.AloneNode;
import se.arkiv.record.FilePlan;
import se.arkiv.storage.FilesystemStores;
import se.arkiv.storage.ObjectStore;
import se.arkiv.storage.StorageSettings;
import se.arkiv.testing.MovableClock;

/**
 * The trail's parts wired as the service wires them, on the filesystem store in one folder: {@code
 * data/objects/} for the store, {@code data/audit/} for the local segments. {@link #start} is a
 * start of the service: recovery, then a writer.
 */
final class TrailOnDisk {

  /** Who every {@link #event} is by. */
  static final String ACTOR = "clara";

  static final Instant NOW = Instant.parse("2026-12-02T09:00:00Z");

  final MovableClock clock = new MovableClock(NOW);
  final ObjectStore store;
  final SegmentFiles files;
  final AuditSealer sealer;
  private final Path data;
  private final Path objects;
  private final int segmentEntries;

  TrailOnDisk(Path root, int segmentEntries) throws IOException {
    this(root.resolve("data"), root.resolve("data/objects"), segmentEntries, AuditChain.LEGACY);
  }

  /**
   * Node {@code node} of several sharing the store in {@code root/objects}, with its own data dir
   * {@code root/<node>} (for the local segments).
   */
  static TrailOnDisk node(Path root, String node, int segmentEntries) throws IOException {
    return new TrailOnDisk(
        root.resolve(node), root.resolve("objects"), segmentEntries, new AuditChain(node));
  }

  /** The only node's trail, on the store of {@code root/objects} that other nodes share. */
  static TrailOnDisk legacyBeside(Path root, int segmentEntries) throws IOException {
    return new TrailOnDisk(
        root.resolve("legacy"), root.resolve("objects"), segmentEntries, AuditChain.LEGACY);
  }

  private TrailOnDisk(Path data, Path objects, int segmentEntries, AuditChain chain)
      throws IOException {
    this.data = data;
    this.objects = objects;
    this.segmentEntries = segmentEntries;
    StorageSettings storage = new StorageSettings(data);
    store = FilesystemStores.at(objects, clock);
    files = new SegmentFiles(store, storage, chain);
    // No record class: sealed objects are locked for a year.
    sealer =
        new AuditSealer(
            store,
            files,
            new AuditLocks(store, clock, new FilePlan(List.of()), AloneNode.LEADS),
            clock);
  }

  AuditSegmentWriter start() throws IOException {
    return new AuditSegmentWriter(files, new AuditRecovery(files), sealer, clock, settings());
  }

  AuditSettings settings() {
    return new AuditSettings(
        segmentEntries, Duration.ofMinutes(5), data.resolve("audit-index"), Duration.ofSeconds(2));
  }

  /** The trail's index, opened as the service opens it (once at a time). */
  AuditIndex index() throws IOException {
    return new AuditIndex(settings(), new StorageSettings(data));
  }

  Path indexDir() {
    return data.resolve("audit-index");
  }

  /** Starts the trail and appends {@code entries} entries. */
  AuditSegmentWriter startWith(int entries) throws IOException {
    AuditSegmentWriter writer = start();
    append(writer, entries);
    return writer;
  }

  /** Appends {@code count} entries. */
  static void append(AuditSegmentWriter writer, int count) {
    for (int i = 0; i < count; i++) {
      writer.append(event("record.view", "record-" + i));
    }
  }

  static AuditEvent event(String action, String target) {
    return new AuditEvent(
        ACTOR,
        List.of("CLERK"),
        "127.0.0.1",
        action,
        target,
        AuditEvent.Outcome.SUCCESS,
        null,
        Map.of("why", "test"),
        null,
        null);
  }

  /** Verifies the whole trail as {@code writer} left it: valid, with {@code entries} entries. */
  void assertVerifies(AuditSegmentWriter writer, long entries) {
    AuditTrail.Verification verified = new AuditVerifier(writer, files).verify();
    assertThat(verified.valid()).as(verified.reason()).isTrue();
    assertThat(verified.entries()).isEqualTo(entries);
  }

  /** A sealed segment or checkpoint as a file of the store. */
  Path object(String key) {
    return objects.resolve(key);
  }

  Path localSegment(long first) {
    return files.localSegment(first);
  }
}
