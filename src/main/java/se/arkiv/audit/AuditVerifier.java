package se.arkiv.audit;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Recomputes every chain in the store ({@link ChainVerification}): each node's from its first
 * sealed segment, and this node's on to the durable end of its local segment. Each is checked
 * against its own checkpoints, this node's against the head it wrote too (entries cut off the end
 * are missing even when what is left links up), and each against the heads the other chains'
 * checkpoints witnessed of it (a chain deleted or cut short, checkpoints and all).
 */
@Component
class AuditVerifier {

  private final AuditSegmentWriter writer;
  private final SegmentFiles files;

  AuditVerifier(AuditSegmentWriter writer, SegmentFiles files) {
    this.writer = writer;
    this.files = files;
  }

  AuditTrail.Verification verify() {
    // Checkpoints first, then segments: a checkpoint is written after what it speaks of, so every
    // checkpoint listed (witnesses included) is covered by the segments read after.
    Map<AuditChain, List<JsonNode>> checkpoints = new LinkedHashMap<>();
    for (AuditChain chain : files.chains()) {
      checkpoints.put(chain, files.checkpoints(chain));
    }
    AuditSegmentWriter.Head head = writer.durableHead();
    TrailSnapshot own = writer.snapshot();
    Map<AuditChain, ChainVerification> chains = new LinkedHashMap<>();
    checkpoints.forEach(
        (chain, points) -> {
          ChainVerification verification = new ChainVerification(ChainLine.JSON, chain);
          if (chain.equals(files.chain())) {
            own.forEachLine(files, verification::accept);
          } else {
            files.sealedKeys(chain).forEach(key -> files.readSealed(key, verification::accept));
          }
          chains.put(chain, verification);
        });
    checkpoints.forEach(
        (chain, points) -> {
          for (JsonNode point : points) {
            witnessed(chain, point, chains);
          }
        });
    List<AuditTrail.ChainResult> results = new ArrayList<>();
    chains.forEach(
        (chain, verification) ->
            results.add(
                chain.equals(files.chain())
                    ? verification.chainResult(checkpoints.get(chain), head.seq(), head.hash())
                    : verification.chainResult(
                        checkpoints.getOrDefault(chain, List.of()), 0, ChainLine.GENESIS)));
    // The legacy chain first, then the nodes by name, whatever order they were found in.
    results.sort(
        Comparator.comparing(
            AuditTrail.ChainResult::node, Comparator.nullsFirst(Comparator.naturalOrder())));
    return overall(results);
  }

  /**
   * The heads another chain's checkpoint saw. A chain witnessed but gone from the store is verified
   * as an empty one, so that it fails.
   */
  private static void witnessed(
      AuditChain by, JsonNode checkpoint, Map<AuditChain, ChainVerification> chains) {
    JsonNode witnessed = checkpoint.get("witnessed");
    if (witnessed == null || !witnessed.isObject()) {
      return;
    }
    for (Map.Entry<String, JsonNode> head : witnessed.properties()) {
      AuditChain chain = AuditChain.named(head.getKey());
      chains
          .computeIfAbsent(chain, c -> new ChainVerification(ChainLine.JSON, c))
          .witnessed(
              head.getValue().get("seq").asLong(),
              head.getValue().get("hash").asString(),
              by.name() + "'s checkpoint " + checkpoint.get("seq").asLong());
    }
  }

  /** Valid when every chain is; otherwise the first invalid chain's entry and reason. */
  private AuditTrail.Verification overall(List<AuditTrail.ChainResult> results) {
    long entries = results.stream().mapToLong(AuditTrail.ChainResult::entries).sum();
    for (AuditTrail.ChainResult result : results) {
      if (!result.valid()) {
        return new AuditTrail.Verification(
            false,
            entries,
            null,
            result.firstInvalidSequence(),
            new AuditChain(result.node()).inReason(result.reason()),
            results);
      }
    }
    String head =
        results.stream()
            .filter(r -> new AuditChain(r.node()).equals(files.chain()))
            .findFirst()
            .map(AuditTrail.ChainResult::head)
            .orElse(ChainLine.GENESIS);
    return new AuditTrail.Verification(true, entries, head, null, null, results);
  }
}
