package se.arkiv.audit;

import java.util.List;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The audit trail, as the other modules use it. Each entry is appended to the local segment and
 * fsync'd before {@link #record} returns ({@link AuditSegmentWriter}); full segments, and on an
 * interval any non-empty one, are sealed into the object store with a checkpoint ({@link
 * AuditSealer}, {@link SegmentFiles} for where), one chain per node ({@link AuditChain}). At
 * start-up the trail recovers from a crash ({@link AuditRecovery}); it is searched by {@link
 * AuditReader} (through {@link AuditIndex}, kept up by {@link AuditIndexCatchUp}) and verified by
 * {@link AuditVerifier}, which reads the segments themselves, never the index. Disposition never
 * touches {@code audit/}: a destroyed record's history stays.
 */
@Component
public class AuditTrail {

  private final AuditSegmentWriter writer;
  private final AuditReader reader;
  private final AuditVerifier verifier;

  AuditTrail(AuditSegmentWriter writer, AuditReader reader, AuditVerifier verifier) {
    this.writer = writer;
    this.reader = reader;
    this.verifier = verifier;
  }

  /** Appends an entry, durably, and returns it. */
  public AuditEntry record(AuditEvent event) {
    return writer.append(event);
  }

  /** Seals the current segment into the object store, if it holds anything. */
  @Scheduled(
      initialDelayString = "${arkiv.audit.seal-interval:5m}",
      fixedDelayString = "${arkiv.audit.seal-interval:5m}")
  public void seal() {
    writer.seal();
  }

  /** Recomputes every chain in the store; see {@link AuditVerifier}. */
  public Verification verify() {
    return verifier.verify();
  }

  /**
   * The result of {@link #verify}: valid when every chain is, the entries of all of them, this
   * node's chain's head, or the first invalid chain's first bad entry and why; and each chain's
   * own.
   */
  public record Verification(
      boolean valid,
      long entries,
      String head,
      Long firstInvalidSequence,
      String reason,
      List<ChainResult> chains) {}

  /**
   * One chain's result.
   *
   * @param node the chain's node, or null for the only node's (legacy) chain
   */
  public record ChainResult(
      String node,
      boolean valid,
      long entries,
      String head,
      Long firstInvalidSequence,
      String reason) {}

  /**
   * Entries that match {@code query}, in order, from {@code offset}, at most {@code limit}: from
   * the trail's index ({@link AuditIndex}) as far as it reaches, and by reading the rest of the
   * trail.
   *
   * @throws InvalidAuditQuery when the free text is malformed
   */
  public List<AuditEntry> find(AuditQuery query, int offset, int limit) {
    return reader.find(query, offset, limit);
  }
}
