package se.arkiv.audit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import se.arkiv.storage.GroupCommit;
import se.arkiv.storage.ObjectStore;
import se.arkiv.storage.StorageSettings;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The audit trail. Each entry is appended to the local segment and fsync'd before {@link #record}
 * returns, so an action is acknowledged only once its entry is durable; the fsyncs of concurrent
 * writers are grouped ({@link GroupCommit}), one for every entry written while the one before ran.
 * Full segments (and, on an interval, any non-empty one) are sealed into the object store as {@code
 * audit/segments/<first>-<last>.log}, with a checkpoint {@code audit/checkpoints/<last>.json}
 * holding the sequence number and chain hash that can be published elsewhere. Disposition never
 * touches {@code audit/}: a destroyed record's history stays.
 *
 * <p>Why it is over 300 lines: not split yet. Issue 12 splits it into a segment writer, sealer,
 * reader, verifier and recovery. The group commit of its fsyncs (issue 11) added about 100 lines
 * here rather than in a class of its own because the durable head, the chain head and the segment
 * change together under this object's monitor; they belong to the segment writer of that split.
 */
@Component
public class AuditTrail implements DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(AuditTrail.class);
  static final String SEGMENTS = "audit/segments/";
  static final String CHECKPOINTS = "audit/checkpoints/";
  private static final String LOCAL_PREFIX = "segment-";

  private final ObjectStore store;
  private final Clock clock;
  private final AuditSettings settings;
  private final AuditLocks locks;
  // Summaries of sealed segments, made when a search first reads each one.
  private final java.util.Map<String, SegmentSummary> summaries =
      new java.util.concurrent.ConcurrentHashMap<>();
  private final Path dir;
  private final JsonMapper json =
      JsonMapper.builder().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build();

  private long nextSeq;
  private String lastHash;
  private long segmentFirst;
  private int segmentEntries;
  private Path segment;
  private FileChannel channel;
  private boolean broken;

  // Group commit: entries are written under this object's monitor but fsync'd outside it, one
  // fsync for every entry written meanwhile. The head below is the last entry known durable in the
  // current segment: readers see no further, and a failed fsync takes the trail back to it.
  private final GroupCommit<FileChannel> flushes = new GroupCommit<>(AuditTrail::force);
  private DurableHead durable;
  private long generation;
  // A seal waits until no writer is between its write and its fsync, and holds new ones back.
  private int inFlight;
  private boolean sealWanted;

  /** Where the current segment was last known durable: its length, and the entry there. */
  private record DurableHead(long end, long seq, String hash, int entries) {}

  /** An entry written, not yet known durable. */
  private record Written(FileChannel channel, long end, long seq, String hash, long generation) {}

  AuditTrail(
      ObjectStore store,
      Clock clock,
      AuditSettings settings,
      StorageSettings storage,
      AuditLocks locks)
      throws IOException {
    this.store = store;
    this.locks = locks;
    this.clock = clock;
    this.settings = settings;
    this.dir = storage.dataDir().resolve("audit");
    Files.createDirectories(dir);
    recover();
  }

  private AuditEntry newEntry(AuditEvent event) {
    if (broken) {
      throw new IllegalStateException(
          "The audit segment could not be repaired after a failed write; actions are refused"
              + " until the service is restarted");
    }
    AuditEntry entry =
        new AuditEntry(
            nextSeq,
            clock.instant(),
            event.actor(),
            event.roles(),
            event.client(),
            event.action(),
            event.target(),
            event.outcome(),
            event.reason(),
            event.details(),
            event.before(),
            event.after(),
            lastHash);
    return entry;
  }

  private Written write(AuditEntry entry) {
    String body = json.writeValueAsString(entry);
    String line = ChainLine.format(body) + "\n";
    long start = -1;
    byte[] utf8 = line.getBytes(StandardCharsets.UTF_8);
    try {
      if (channel == null) {
        open(nextSeq);
      }
      start = channel.size();
      ByteBuffer bytes = ByteBuffer.wrap(utf8);
      while (bytes.hasRemaining()) {
        channel.write(bytes);
      }
    } catch (IOException e) {
      // Take back whatever part of the line reached the file, so the chain stays whole.
      if (start >= 0) {
        try {
          channel.truncate(start);
          channel.force(false);
        } catch (IOException truncateFailure) {
          broken = true;
        }
      }
      throw new UncheckedIOException("Cannot write the audit trail; the action is refused", e);
    }
    lastHash = ChainLine.sha256(body);
    nextSeq++;
    segmentEntries++;
    return new Written(channel, start + utf8.length, entry.seq(), lastHash, generation);
  }

  /** Appends an entry, durably, and returns it. */
  public AuditEntry record(AuditEvent event) {
    AuditEntry entry;
    Written written;
    synchronized (this) {
      while (sealWanted) {
        awaitSeal();
      }
      entry = newEntry(event);
      written = write(entry);
      inFlight++;
    }
    IOException failure = null;
    try {
      flushes.commit(written.channel());
    } catch (IOException e) {
      failure = e;
    }
    synchronized (this) {
      inFlight--;
      try {
        if (failure != null) {
          takeBack(written);
          throw new UncheckedIOException(
              "Cannot write the audit trail; the action is refused", failure);
        }
        if (written.generation() != generation) {
          // Another writer's failed fsync took the trail back past this entry.
          throw new UncheckedIOException(
              new IOException("Cannot write the audit trail; the action is refused"));
        }
        if (written.end() > durable.end()) {
          int entries = (int) (written.seq() - segmentFirst + 1);
          durable = new DurableHead(written.end(), written.seq(), written.hash(), entries);
        }
      } finally {
        if (segmentEntries >= settings.segmentEntries()) {
          sealWanted = true;
        }
        if (sealWanted && inFlight == 0) {
          sealNow();
        }
      }
    }
    return entry;
  }

  private void awaitSeal() {
    try {
      wait();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while the audit segment was sealed", e);
    }
  }

  /**
   * A failed fsync: nothing after the durable head can be trusted, so the segment is cut back to it
   * and every writer after it is refused, as one refused action's line was cut before.
   */
  private void takeBack(Written written) {
    if (written.generation() != generation || written.channel() != channel) {
      return;
    }
    generation++;
    try {
      channel.truncate(durable.end());
      channel.force(false);
    } catch (IOException e) {
      broken = true;
    }
    nextSeq = durable.seq() + 1;
    lastHash = durable.hash();
    segmentEntries = durable.entries();
  }

  /** One segment is written at a time (a seal waits for writers in flight), so mostly one. */
  private static void force(List<FileChannel> batch) throws IOException {
    for (FileChannel channel : new java.util.LinkedHashSet<>(batch)) {
      channel.force(false);
    }
  }

  /** Seals the current segment into the object store, if it holds anything. */
  @Scheduled(
      initialDelayString = "${arkiv.audit.seal-interval:5m}",
      fixedDelayString = "${arkiv.audit.seal-interval:5m}")
  public synchronized void seal() {
    if (inFlight > 0) {
      // The last writer in flight seals, once every entry of the segment is durable.
      sealWanted = true;
      return;
    }
    sealNow();
  }

  private void sealNow() {
    sealWanted = false;
    notifyAll();
    if (channel == null || segmentEntries == 0) {
      return;
    }
    long last = nextSeq - 1;
    String key = SEGMENTS + number(segmentFirst) + "-" + number(last) + ".log";
    try {
      channel.force(true);
      if (store.stat(key).isEmpty()) {
        store.create(key, segment);
      }
      locks.lock(key);
    } catch (IOException | RuntimeException e) {
      // Not sealed: the local segment stays and keeps growing; sealing is tried again later.
      log.warn("Sealing the audit segment failed; it stays local for now: {}", e.toString());
      return;
    }
    // Sealed: from here on nothing is appended to this file; the next entry starts a new one.
    try {
      channel.close();
      Files.delete(segment);
    } catch (IOException e) {
      log.warn("Sealed audit segment {} could not be removed locally: {}", segment, e.toString());
    }
    channel = null;
    segment = null;
    segmentEntries = 0;
    try {
      String checkpoint =
          json.writeValueAsString(
              Map.of(
                  "seq",
                  last,
                  "hash",
                  lastHash,
                  "segment",
                  key,
                  "sealedAt",
                  clock.instant().toString()));
      String checkpointKey = CHECKPOINTS + number(last) + ".json";
      if (store.stat(checkpointKey).isEmpty()) {
        store.create(checkpointKey, checkpoint.getBytes(StandardCharsets.UTF_8));
      }
      locks.lock(checkpointKey);
    } catch (RuntimeException e) {
      log.warn("Checkpoint {} not written; the chain itself is sealed: {}", last, e.toString());
    }
  }

  /** The sealed segments' keys and the local lines, taken together. */
  private record Snapshot(List<String> sealed, List<String> local) {}

  /**
   * One consistent snapshot: a seal moving the local segment into the store cannot make entries
   * vanish or appear twice while the trail is read.
   */
  private synchronized Snapshot snapshot() {
    List<String> sealed = store.list(SEGMENTS).filter(k -> k.endsWith(".log")).sorted().toList();
    List<String> local = new ArrayList<>();
    for (Path file : localSegments()) {
      // Of the segment being written, only what is durable: the rest is not acknowledged yet.
      try (InputStream in =
          file.equals(segment)
              ? new java.io.ByteArrayInputStream(Files.readAllBytes(file), 0, (int) durable.end())
              : Files.newInputStream(file)) {
        readLines(in, local::add);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return new Snapshot(sealed, local);
  }

  private void readSealed(String key, Consumer<String> consumer) {
    try (InputStream in = store.get(key)) {
      readLines(in, consumer);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every line of the trail in order: sealed segments, then the local one. */
  void forEachLine(Consumer<String> consumer) {
    Snapshot snapshot = snapshot();
    for (String key : snapshot.sealed()) {
      readSealed(key, consumer);
    }
    snapshot.local().forEach(consumer);
  }

  /** Recomputes the whole chain; see {@link ChainVerification}. */
  public Verification verify() {
    List<JsonNode> checkpoints = new ArrayList<>();
    store
        .list(CHECKPOINTS)
        .filter(k -> k.endsWith(".json"))
        .forEach(
            key -> {
              try (InputStream in = store.get(key)) {
                checkpoints.add(json.readTree(in));
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            });
    long headSeq;
    String headHash;
    synchronized (this) {
      // Entries after the durable head are not acknowledged yet, and not read below either.
      headSeq = durable.seq();
      headHash = durable.hash();
    }
    ChainVerification chain = new ChainVerification(json);
    forEachLine(chain::accept);
    // The chain must reach at least the head this service wrote: entries cut off the end are
    // missing even when what is left links up.
    return chain.result(checkpoints, headSeq, headHash);
  }

  /** The result of {@link #verify}. */
  public record Verification(
      boolean valid, long entries, String head, Long firstInvalidSequence, String reason) {}

  /**
   * Entries that match {@code query}, in order, from {@code offset}, at most {@code limit}. Sealed
   * segments whose summary rules out a match are not read, and reading stops once the page is full.
   */
  public List<AuditEntry> find(AuditQuery query, int offset, int limit) {
    Snapshot snapshot = snapshot();
    List<AuditEntry> found = new ArrayList<>();
    int[] skipped = {0};
    Consumer<AuditEntry> collect =
        entry -> {
          if (found.size() < limit && query.matches(entry)) {
            if (skipped[0] < offset) {
              skipped[0]++;
            } else {
              found.add(entry);
            }
          }
        };
    for (String key : snapshot.sealed()) {
      if (found.size() >= limit) {
        return found;
      }
      SegmentSummary summary = summaries.get(key);
      if (summary != null && !summary.mayMatch(query)) {
        continue;
      }
      SegmentSummary made = summary == null ? new SegmentSummary() : null;
      readSealed(
          key,
          line -> {
            AuditEntry entry = entry(line);
            if (entry != null) {
              if (made != null) {
                made.add(entry);
              }
              collect.accept(entry);
            }
          });
      if (made != null) {
        summaries.put(key, made);
      }
    }
    for (String line : snapshot.local()) {
      AuditEntry entry = entry(line);
      if (entry != null) {
        collect.accept(entry);
      }
    }
    return found;
  }

  private AuditEntry entry(String line) {
    String[] parts = ChainLine.split(line);
    return parts == null ? null : json.readValue(parts[1], AuditEntry.class);
  }

  private void recover() throws IOException {
    List<String> sealed = store.list(SEGMENTS).filter(k -> k.endsWith(".log")).sorted().toList();
    List<Path> locals = localSegments();
    for (Path local : locals) {
      truncatePartialLine(local);
      long[] lastSeq = {0};
      try (InputStream in = Files.newInputStream(local)) {
        readLines(
            in,
            line -> {
              String[] parts = ChainLine.split(line);
              if (parts != null) {
                lastSeq[0] = json.readTree(parts[1]).get("seq").asLong();
              }
            });
      }
      String first =
          local
              .getFileName()
              .toString()
              .substring(LOCAL_PREFIX.length(), LOCAL_PREFIX.length() + 12);
      String covering = SEGMENTS + first + "-" + number(lastSeq[0]) + ".log";
      if (sealed.contains(covering)) {
        // Sealed just before a stop, not yet removed locally: the store has every entry of it.
        Files.delete(local);
      }
    }
    locals = localSegments();
    nextSeq = 1;
    lastHash = ChainLine.GENESIS;
    if (!sealed.isEmpty()) {
      try (InputStream in = store.get(sealed.get(sealed.size() - 1))) {
        readLines(in, this::advanceHead);
      }
    }
    for (Path local : locals) {
      truncatePartialLine(local);
      try (InputStream in = Files.newInputStream(local)) {
        readLines(in, this::advanceHead);
      }
    }
    if (!locals.isEmpty()) {
      Path newest = locals.get(locals.size() - 1);
      segment = newest;
      segmentFirst =
          Long.parseLong(
              newest
                  .getFileName()
                  .toString()
                  .substring(LOCAL_PREFIX.length(), LOCAL_PREFIX.length() + 12));
      try (Stream<String> lines = Files.lines(newest)) {
        segmentEntries = (int) lines.count();
      }
      channel = FileChannel.open(newest, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    }
    durable =
        new DurableHead(
            channel == null ? 0 : channel.size(), nextSeq - 1, lastHash, segmentEntries);
    log.info("Audit trail at sequence {} ({})", nextSeq - 1, lastHash.substring(0, 12));
  }

  private void advanceHead(String line) {
    String[] parts = ChainLine.split(line);
    if (parts == null) {
      return;
    }
    nextSeq = json.readTree(parts[1]).get("seq").asLong() + 1;
    lastHash = parts[0];
  }

  /**
   * A line without its newline was being written when the process died: its action was never
   * acknowledged (the fsync had not returned), so it is cut off.
   */
  private static void truncatePartialLine(Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    int end = bytes.length;
    while (end > 0 && bytes[end - 1] != '\n') {
      end--;
    }
    if (end < bytes.length) {
      log.warn(
          "Audit segment {} ends in a partial entry of {} bytes; cutting it",
          file,
          bytes.length - end);
      try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
        channel.truncate(end);
        channel.force(true);
      }
    }
  }

  private void open(long first) throws IOException {
    segmentFirst = first;
    segmentEntries = 0;
    durable = new DurableHead(0, nextSeq - 1, lastHash, 0);
    segment = dir.resolve(LOCAL_PREFIX + number(first) + ".log");
    channel =
        FileChannel.open(
            segment,
            StandardOpenOption.CREATE,
            StandardOpenOption.WRITE,
            StandardOpenOption.APPEND);
  }

  private void reopen() throws IOException {
    if (segment != null && channel == null) {
      channel = FileChannel.open(segment, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    }
  }

  private List<Path> localSegments() {
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .filter(p -> p.getFileName().toString().startsWith(LOCAL_PREFIX))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void readLines(InputStream in, Consumer<String> consumer) throws IOException {
    BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    for (String line = reader.readLine(); line != null; line = reader.readLine()) {
      if (!line.isEmpty()) {
        consumer.accept(line);
      }
    }
  }

  private static String number(long seq) {
    return String.format("%012d", seq);
  }

  Instant now() {
    return clock.instant();
  }

  @Override
  public synchronized void destroy() throws IOException {
    if (channel != null) {
      // A writer still waiting for its fsync counts on a closed channel having been fsync'd.
      channel.force(false);
      channel.close();
      channel = null;
    }
  }
}
