package se.arkiv.audit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

/**
 * An audit trail written straight into a filesystem store's {@code objects/} folder, in the trail's
 * own format ({@link ChainLine}, {@link SegmentFiles}' keys, {@link AuditSealer}'s checkpoints),
 * for the archive generator. Entries are made in parallel as JSON with a placeholder for the
 * previous hash (the last field of an entry), then chained here in trail order.
 */
public final class GeneratedTrail {

  private static final String PLACEHOLDER_END = "\"prevHash\":\"" + ChainLine.GENESIS + "\"}";

  private final Path objects;
  private final int segmentEntries;
  private final StringBuilder segment = new StringBuilder();
  private long segmentFirst = 1;
  private long seq;
  private String lastHash = ChainLine.GENESIS;
  private Instant lastTime;

  public GeneratedTrail(Path objects, int segmentEntries) {
    this.objects = objects;
    this.segmentEntries = segmentEntries;
  }

  /**
   * The JSON of entry {@code seq}, its previous hash left open; safe to call from any thread. The
   * same bytes as the service's own entry, once {@link #append} has put in the hash.
   */
  public static String unchained(long seq, Instant time, AuditEvent event) {
    String json = ChainLine.JSON.writeValueAsString(event.entry(seq, time, ChainLine.GENESIS));
    if (!json.endsWith(PLACEHOLDER_END)) {
      throw new IllegalStateException("An audit entry no longer ends with prevHash: " + json);
    }
    return json;
  }

  /** Chains the next entry (made by {@link #unchained} with the next sequence number). */
  public void append(String unchained, Instant time) throws IOException {
    String json =
        unchained.substring(0, unchained.length() - PLACEHOLDER_END.length())
            + "\"prevHash\":\""
            + lastHash
            + "\"}";
    seq++;
    segment.append(ChainLine.format(json)).append('\n');
    lastHash = ChainLine.sha256(json);
    lastTime = time;
    if (seq - segmentFirst + 1 == segmentEntries) {
      seal();
    }
  }

  public long entries() {
    return seq;
  }

  /** Seals what is left; the trail ends sealed, as after a clean stop and a seal. */
  public void finish() throws IOException {
    if (seq >= segmentFirst) {
      seal();
    }
  }

  private void seal() throws IOException {
    String key = AuditChain.LEGACY.sealedKey(segmentFirst, seq);
    write(key, segment.toString());
    String checkpoint =
        ChainLine.JSON.writeValueAsString(
            Map.of(
                "seq",
                seq,
                "hash",
                lastHash,
                "segment",
                key,
                "sealedAt",
                lastTime.plusSeconds(1).toString()));
    write(AuditChain.LEGACY.checkpointKey(seq), checkpoint);
    segment.setLength(0);
    segmentFirst = seq + 1;
  }

  private void write(String key, String content) throws IOException {
    Path file = objects.resolve(key);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content, StandardCharsets.UTF_8);
  }
}
