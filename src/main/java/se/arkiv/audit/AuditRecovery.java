package se.arkiv.audit;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Finds where the trail stands at start-up, after a clean stop or a crash: cuts a line that was
 * being written when the process died, drops a local segment that was sealed just before the stop,
 * and reads the last entry of the trail, from which the next one follows.
 */
@Component
class AuditRecovery {

  private static final Logger log = LoggerFactory.getLogger(AuditRecovery.class);

  private final SegmentFiles files;

  AuditRecovery(SegmentFiles files) {
    this.files = files;
  }

  /**
   * Where the trail stands: its last entry, and the local segment to go on with (null when there is
   * none, and a new one starts with the next entry).
   */
  record Recovered(
      long lastSeq,
      String lastHash,
      Instant lastTime,
      Path segment,
      long segmentFirst,
      int segmentEntries) {}

  Recovered recover() throws IOException {
    List<String> sealed = files.sealedKeys();
    for (Path local : files.localSegments()) {
      truncatePartialLine(local);
      LastEntry last = new LastEntry();
      SegmentFiles.readLines(local, last);
      refuseAnotherChains(local, last);
      String covering = files.sealedKey(SegmentFiles.firstSeqOf(local), last.seq);
      if (sealed.contains(covering)) {
        // Sealed just before a stop, not yet removed locally: the store has every entry of it.
        Files.delete(local);
      }
    }
    List<Path> locals = files.localSegments();
    LastEntry last = new LastEntry();
    if (!sealed.isEmpty()) {
      files.readSealed(sealed.get(sealed.size() - 1), last);
    }
    for (Path local : locals) {
      SegmentFiles.readLines(local, last);
    }
    log.info("Audit trail at sequence {} ({})", last.seq, last.hash.substring(0, 12));
    if (locals.isEmpty()) {
      return new Recovered(last.seq, last.hash, last.time, null, 0, 0);
    }
    Path newest = locals.get(locals.size() - 1);
    try (Stream<String> lines = Files.lines(newest)) {
      return new Recovered(
          last.seq,
          last.hash,
          last.time,
          newest,
          SegmentFiles.firstSeqOf(newest),
          (int) lines.count());
    }
  }

  /**
   * A local segment of another chain is left from before {@code arkiv.node.id} was set or changed:
   * going on with it would number its entries into this node's chain, where they do not belong.
   */
  private void refuseAnotherChains(Path local, LastEntry last) {
    if (last.seq > 0 && !Objects.equals(last.node, files.chain().node())) {
      throw new IllegalStateException(
          "The local audit segment "
              + local
              + " is of "
              + (last.node == null ? "the only node's chain" : "node " + last.node + "'s chain")
              + ", not of this node's ("
              + files.chain().name()
              + "): start with the node id it was written under until it is sealed (see"
              + " docs/operations.md, Audit trail)");
    }
  }

  /** The last entry of the lines it was given; none (0, the genesis hash) before the first. */
  private static final class LastEntry implements Consumer<String> {

    private long seq;
    private String hash = ChainLine.GENESIS;
    private String node;
    private Instant time;

    @Override
    public void accept(String line) {
      String[] parts = ChainLine.split(line);
      if (parts != null) {
        JsonNode entry = ChainLine.JSON.readTree(parts[1]);
        seq = entry.get("seq").asLong();
        hash = parts[0];
        node = entry.has("node") ? entry.get("node").asString() : null;
        time = entry.has("time") ? Instant.parse(entry.get("time").asString()) : null;
      }
    }
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
}
