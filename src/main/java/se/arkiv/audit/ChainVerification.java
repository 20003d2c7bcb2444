package se.arkiv.audit;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Walks the trail line by line: each line's hash must be the SHA-256 of its JSON, its sequence
 * number the previous one plus one, its {@code prevHash} the previous line's hash, and its {@code
 * node} the chain's node (none in the legacy chain). Then every checkpoint must be found in the
 * chain, so cutting entries off the end is noticed too, and so must every head of this chain that
 * another chain's checkpoint witnessed ({@link #witnessed}), so a chain deleted or cut short along
 * with its own checkpoints is noticed as well.
 */
final class ChainVerification {

  private final JsonMapper json;
  private final AuditChain chain;
  private final Map<Long, String> hashes = new HashMap<>();
  private long expected = 1;
  private String previous = ChainLine.GENESIS;
  private Long firstInvalid;
  private String reason;

  ChainVerification(JsonMapper json, AuditChain chain) {
    this.json = json;
    this.chain = chain;
  }

  void accept(String line) {
    if (firstInvalid != null) {
      return;
    }
    String[] parts = ChainLine.split(line);
    if (parts == null) {
      fail(expected, "entry " + expected + " is not a '<hash> <json>' line");
      return;
    }
    JsonNode entry;
    try {
      entry = json.readTree(parts[1]);
    } catch (RuntimeException e) {
      fail(expected, "entry " + expected + " is not valid JSON");
      return;
    }
    long seq = entry.has("seq") ? entry.get("seq").asLong() : -1;
    if (!ChainLine.sha256(parts[1]).equals(parts[0])) {
      fail(
          seq == expected ? seq : expected,
          "entry " + seq + " was changed: its hash does not match");
      return;
    }
    if (seq != expected) {
      fail(
          expected, "expected entry " + expected + " but found " + seq + " (removed or reordered)");
      return;
    }
    String prev = entry.has("prevHash") ? entry.get("prevHash").asString() : "";
    if (!previous.equals(prev)) {
      fail(seq, "entry " + seq + " does not follow the entry before it");
      return;
    }
    String node = entry.has("node") ? entry.get("node").asString() : null;
    if (!Objects.equals(node, chain.node())) {
      fail(
          seq,
          "entry "
              + seq
              + " is of "
              + (node == null ? "the only node's chain" : "node " + node + "'s chain")
              + ", not of this one");
      return;
    }
    hashes.put(seq, parts[0]);
    previous = parts[0];
    expected++;
  }

  /**
   * Another chain's checkpoint {@code by} saw this chain's entry {@code seq} with {@code hash}: it
   * must be in the chain, or entries were removed since.
   */
  void witnessed(long seq, String hash, String by) {
    if (firstInvalid == null && !hash.equals(hashes.get(seq))) {
      fail(
          Math.min(seq, expected),
          "entry "
              + seq
              + ", witnessed by "
              + by
              + ", is not in the chain: entries were removed or rewritten");
    }
  }

  AuditTrail.ChainResult chainResult(List<JsonNode> checkpoints, long headSeq, String headHash) {
    AuditTrail.Verification result = result(checkpoints, headSeq, headHash);
    return new AuditTrail.ChainResult(
        chain.node(),
        result.valid(),
        result.entries(),
        result.head(),
        result.firstInvalidSequence(),
        result.reason());
  }

  AuditTrail.Verification result(List<JsonNode> checkpoints, long headSeq, String headHash) {
    if (firstInvalid == null && (expected - 1 < headSeq || !headHash.equals(hashes.get(headSeq)))) {
      if (headSeq > 0) {
        fail(
            Math.min(expected, headSeq),
            "the trail ends before entry "
                + headSeq
                + ", the last one written: entries are missing");
      }
    }
    if (firstInvalid == null) {
      for (JsonNode checkpoint : checkpoints) {
        long seq = checkpoint.get("seq").asLong();
        String hash = checkpoint.get("hash").asString();
        if (!hash.equals(hashes.get(seq))) {
          fail(
              Math.min(seq, expected),
              "checkpoint " + seq + " is not in the chain: entries were removed or rewritten");
          break;
        }
      }
    }
    long entries = expected - 1;
    if (firstInvalid != null) {
      return new AuditTrail.Verification(false, entries, null, firstInvalid, reason, List.of());
    }
    return new AuditTrail.Verification(true, entries, previous, null, null, List.of());
  }

  private void fail(long seq, String why) {
    firstInvalid = seq;
    reason = why;
  }
}
