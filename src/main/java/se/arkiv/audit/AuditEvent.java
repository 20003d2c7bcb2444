package se.arkiv.audit;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What happened, as the caller reports it; the trail adds the sequence number, the time and the
 * chain hash.
 *
 * @param action a dotted verb such as {@code record.file}, {@code search}, {@code hold.place}
 * @param target the record, hold, event or run acted on, or null
 * @param reason why it was refused or failed, or the reason the actor gave
 * @param details what else an auditor needs: the query and hit count of a search, for example
 * @param before the changed fields before a change, or null
 * @param after the changed fields after a change, or null
 */
public record AuditEvent(
    String actor,
    List<String> roles,
    String client,
    String action,
    String target,
    Outcome outcome,
    String reason,
    Map<String, Object> details,
    Map<String, Object> before,
    Map<String, Object> after) {

  /** How the action ended. */
  public enum Outcome {
    SUCCESS,
    /** Refused by an access rule or a retention rule. */
    DENIED,
    /** Failed: bad input, an unavailable store, an error. */
    FAILED
  }

  public AuditEvent {
    roles = roles == null ? List.of() : List.copyOf(roles);
    details = details == null ? Map.of() : details;
  }

  /** The entry of the only node's chain (see below). */
  AuditEntry entry(long seq, Instant time, String prevHash) {
    return entry(seq, time, prevHash, null);
  }

  /**
   * The entry the trail keeps of this event: numbered, timed and chained to the one before in the
   * chain of {@code node} (null for the only node).
   */
  AuditEntry entry(long seq, Instant time, String prevHash, String node) {
    return new AuditEntry(
        seq, time, actor, roles, client, action, target, outcome, reason, details, before, after,
        prevHash, node);
  }
}
