package se.arkiv.audit;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import se.arkiv.storage.GroupCommit;

/**
 * Appends entries to the local segment. Each entry is fsync'd before {@link #append} returns, so an
 * action is acknowledged only once its entry is durable; the fsyncs of concurrent writers are
 * grouped ({@link GroupCommit}), one for every entry written while the one before ran. A full
 * segment (or, on an interval, any non-empty one) is handed to the {@link AuditSealer}.
 *
 * <p>The durable head, the chain head and the segment change together, so they live under this
 * object's monitor: entries are written under it but fsync'd outside it. The durable head is the
 * last entry known durable in the current segment: readers see no further, and a failed fsync takes
 * the trail back to it.
 *
 * <p>Why it is over 300 lines: the snapshots readers take (including the audit index's "after entry
 * N") must be cut under the same monitor as the writes, so they stay here.
 */
@Component
class AuditSegmentWriter implements DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(AuditSegmentWriter.class);
  private static final String REFUSED = "Cannot write the audit trail; the action is refused";

  private final SegmentFiles files;
  private final AuditSealer sealer;
  private final Clock clock;
  private final AuditSettings settings;
  private final GroupCommit<FileChannel> flushes = new GroupCommit<>(AuditSegmentWriter::force);

  private long nextSeq;
  private String lastHash;

  /** The time of the trail's last entry when this process started; null for an empty trail. */
  private final Instant lastAtStart;

  /** When the last write failed, if none has succeeded since; null while the trail is written. */
  private volatile Instant failedAt;

  private long segmentFirst;
  private int segmentEntries;
  private Path segment;
  private FileChannel channel;
  private boolean broken;
  private DurableHead durable;
  private long generation;
  // A seal waits until no writer is between its write and its fsync, and holds new ones back.
  private int inFlight;
  private boolean sealWanted;
  private Instant oldestUnsealed;
  private Instant lastSealed;
  private long seals;
  // The sealed segments' keys, in trail order: listed from the store once, then added to by each
  // seal, so that a search need not list the store (10,000 keys at 10,000,000 entries).
  private List<String> sealedKeys;

  /** The last entry known durable: the head a verification must find the chain reach. */
  record Head(long seq, String hash) {}

  /** Where the current segment was last known durable: its length, and the entry there. */
  private record DurableHead(long end, long seq, String hash, int entries) {}

  /** An entry written, not yet known durable. */
  private record Written(FileChannel channel, long end, long seq, String hash, long generation) {}

  AuditSegmentWriter(
      SegmentFiles files,
      AuditRecovery recovery,
      AuditSealer sealer,
      Clock clock,
      AuditSettings settings)
      throws IOException {
    this.files = files;
    this.sealer = sealer;
    this.clock = clock;
    this.settings = settings;
    AuditRecovery.Recovered recovered = recovery.recover();
    lastAtStart = recovered.lastTime();
    nextSeq = recovered.lastSeq() + 1;
    lastHash = recovered.lastHash();
    if (recovered.segment() != null) {
      segment = recovered.segment();
      segmentFirst = recovered.segmentFirst();
      segmentEntries = recovered.segmentEntries();
      channel = FileChannel.open(segment, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
      // Entries left unsealed by the last run: their age counts from now, the earliest it is known.
      oldestUnsealed = segmentEntries > 0 ? clock.instant() : null;
    }
    durable =
        new DurableHead(
            channel == null ? 0 : channel.size(), nextSeq - 1, lastHash, segmentEntries);
  }

  /** Appends an entry, durably, and returns it. */
  AuditEntry append(AuditEvent event) {
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
          failedAt = clock.instant();
          throw new AuditUnavailable(REFUSED, failure);
        }
        if (written.generation() != generation) {
          // Another writer's failed fsync took the trail back past this entry.
          throw new AuditUnavailable(REFUSED, null);
        }
        failedAt = null; // written again: what failed has passed
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

  private AuditEntry newEntry(AuditEvent event) {
    if (broken) {
      throw new AuditUnavailable(
          "The audit segment could not be repaired after a failed write; actions are refused"
              + " until the service is restarted",
          null);
    }
    return event.entry(nextSeq, clock.instant(), lastHash, files.chain().node());
  }

  private Written write(AuditEntry entry) {
    String body = ChainLine.JSON.writeValueAsString(entry);
    byte[] utf8 = (ChainLine.format(body) + "\n").getBytes(StandardCharsets.UTF_8);
    long start = -1;
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
      failedAt = clock.instant();
      throw new AuditUnavailable(REFUSED, e);
    }
    lastHash = ChainLine.sha256(body);
    nextSeq++;
    if (segmentEntries++ == 0) {
      oldestUnsealed = entry.time();
    }
    return new Written(channel, start + utf8.length, entry.seq(), lastHash, generation);
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
    for (FileChannel channel : new LinkedHashSet<>(batch)) {
      channel.force(false);
    }
  }

  /** Seals the current segment into the object store, if it holds anything. */
  synchronized void seal() {
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
    String key = files.sealedKey(segmentFirst, last);
    if (!sealer.seal(channel, segment, key)) {
      // Not sealed: the local segment stays and keeps growing; sealing is tried again later.
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
    oldestUnsealed = null;
    lastSealed = clock.instant();
    seals++;
    if (sealedKeys != null) {
      sealedKeys.add(key);
    }
    sealer.checkpoint(last, lastHash, key);
  }

  private void open(long first) throws IOException {
    segmentFirst = first;
    segmentEntries = 0;
    durable = new DurableHead(0, nextSeq - 1, lastHash, 0);
    segment = files.localSegment(first);
    channel =
        FileChannel.open(
            segment,
            StandardOpenOption.CREATE,
            StandardOpenOption.WRITE,
            StandardOpenOption.APPEND);
  }

  /**
   * How far sealing is behind: the entries in the local segment, when the oldest of them was
   * written (null when none is waiting) and when a segment was last sealed by this process.
   */
  record SealLag(int unsealedEntries, Instant oldestUnsealed, Instant lastSealed) {}

  synchronized SealLag sealLag() {
    return new SealLag(segmentEntries, oldestUnsealed, lastSealed);
  }

  /** How many segments this process has sealed: a change means there is more to index. */
  synchronized long seals() {
    return seals;
  }

  synchronized Head durableHead() {
    // Entries after the durable head are not acknowledged yet, and not read either.
    return new Head(durable.seq(), durable.hash());
  }

  /** The trail as it stands now; of the segment being written, only what is durable. */
  synchronized TrailSnapshot snapshot() {
    return new TrailSnapshot(files.sealedKeys(), files.localLines(segment, durable.end()));
  }

  /**
   * The trail after entry {@code seq} as it stands now: the sealed segments that end after it, and
   * the durable local lines. The sealed keys are those this writer knows (listed once, then its own
   * seals), which is the store's list while this writer is the trail's only one; verification reads
   * the store's list itself ({@link #snapshot}).
   */
  synchronized TrailSnapshot snapshotAfter(long seq) {
    if (sealedKeys == null) {
      sealedKeys = new ArrayList<>(files.sealedKeys());
    }
    int first = SegmentFiles.firstEndingAfter(sealedKeys, seq);
    return new TrailSnapshot(
        List.copyOf(sealedKeys.subList(first, sealedKeys.size())),
        files.localLines(segment, durable.end()));
  }

  /** The chain this writer appends to. */
  AuditChain chain() {
    return files.chain();
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

  /** When the last write failed, if none has succeeded since; null while the trail is written. */
  Instant failingSince() {
    return broken ? Instant.EPOCH : failedAt;
  }

  /** The time of the trail's last entry when this process started; null for an empty trail. */
  Instant lastEntryAtStart() {
    return lastAtStart;
  }
}
