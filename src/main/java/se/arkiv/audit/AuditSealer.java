package se.arkiv.audit;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import se.arkiv.storage.ObjectStore;
import tools.jackson.databind.JsonNode;

/**
 * Puts a full local segment into the object store, locked, and writes its checkpoint: the sequence
 * number and chain hash of its last entry, which can be published elsewhere. A failure is logged
 * and left for the next seal; neither step is ever rewritten once it is in the store.
 *
 * <p>When other nodes' chains share the store, the checkpoint also records the last checkpoint this
 * node sees of each of them ({@code witnessed}): each node publishes the others' heads, so a chain
 * deleted or cut short is evident from the chains that saw it. With one chain there is no {@code
 * witnessed}, and a checkpoint is what it always was.
 */
@Component
class AuditSealer {

  private static final Logger log = LoggerFactory.getLogger(AuditSealer.class);

  private final ObjectStore store;
  private final SegmentFiles files;
  private final AuditLocks locks;
  private final Clock clock;

  AuditSealer(ObjectStore store, SegmentFiles files, AuditLocks locks, Clock clock) {
    this.store = store;
    this.files = files;
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
      Map<String, Object> fields = new HashMap<>();
      fields.put("seq", last);
      fields.put("hash", hash);
      fields.put("segment", segmentKey);
      fields.put("sealedAt", clock.instant().toString());
      Map<String, Map<String, Object>> witnessed = witnessed();
      if (!witnessed.isEmpty()) {
        fields.put("witnessed", witnessed);
      }
      String checkpoint = ChainLine.JSON.writeValueAsString(fields);
      String key = files.checkpointKey(last);
      if (store.stat(key).isEmpty()) {
        store.create(key, checkpoint.getBytes(StandardCharsets.UTF_8));
      }
      locks.lock(key);
    } catch (RuntimeException e) {
      log.warn("Checkpoint {} not written; the chain itself is sealed: {}", last, e.toString());
    }
  }

  /** The last checkpoint of every other chain in the store: {@code {"<chain>": {seq, hash}}}. */
  private Map<String, Map<String, Object>> witnessed() {
    Map<String, Map<String, Object>> heads = new TreeMap<>();
    for (AuditChain other : files.chains()) {
      List<String> keys = other.equals(files.chain()) ? List.of() : files.checkpointKeys(other);
      if (!keys.isEmpty()) {
        JsonNode head = files.checkpoint(keys.get(keys.size() - 1));
        heads.put(
            other.name(),
            Map.of("seq", head.get("seq").asLong(), "hash", head.get("hash").asString()));
      }
    }
    return heads;
  }
}
