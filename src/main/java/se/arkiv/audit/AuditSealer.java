package se.arkiv.audit;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import se.arkiv.storage.ObjectStore;

/**
 * Puts a full local segment into the object store, locked, and writes its checkpoint: the sequence
 * number and chain hash of its last entry, which can be published elsewhere. A failure is logged
 * and left for the next seal; neither step is ever rewritten once it is in the store.
 */
@Component
class AuditSealer {

  private static final Logger log = LoggerFactory.getLogger(AuditSealer.class);

  private final ObjectStore store;
  private final AuditLocks locks;
  private final Clock clock;

  AuditSealer(ObjectStore store, AuditLocks locks, Clock clock) {
    this.store = store;
    this.locks = locks;
    this.clock = clock;
  }

  /**
   * Seals the segment written through {@code channel} as {@code key}; false when it could not be,
   * and the segment stays local. A copy already in the store (a stop between sealing and removing
   * the local file) is kept as it is.
   */
  boolean seal(FileChannel channel, Path segment, String key) {
    try {
      channel.force(true);
      if (store.stat(key).isEmpty()) {
        store.create(key, segment);
      }
      locks.lock(key);
      return true;
    } catch (IOException | RuntimeException e) {
      log.warn("Sealing the audit segment failed; it stays local for now: {}", e.toString());
      return false;
    }
  }

  /** Writes the checkpoint of a sealed segment; a failure leaves the chain itself sealed. */
  void checkpoint(long last, String hash, String segmentKey) {
    try {
      String checkpoint =
          ChainLine.JSON.writeValueAsString(
              Map.of(
                  "seq",
                  last,
                  "hash",
                  hash,
                  "segment",
                  segmentKey,
                  "sealedAt",
                  clock.instant().toString()));
      String key = SegmentFiles.checkpointKey(last);
      if (store.stat(key).isEmpty()) {
        store.create(key, checkpoint.getBytes(StandardCharsets.UTF_8));
      }
      locks.lock(key);
    } catch (RuntimeException e) {
      log.warn("Checkpoint {} not written; the chain itself is sealed: {}", last, e.toString());
    }
  }
}
