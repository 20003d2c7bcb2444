package se.arkiv.audit;

import java.time.Instant;

/**
 * What an audit search asks for; any part may be null. {@code action} matches by prefix, {@code
 * from} is inclusive and {@code to} exclusive.
 */
public record AuditQuery(String target, String actor, String action, Instant from, Instant to) {

  public static AuditQuery target(String target) {
    return new AuditQuery(target, null, null, null, null);
  }

  boolean matches(AuditEntry e) {
    return (target == null || target.equals(e.target()))
        && (actor == null || actor.equals(e.actor()))
        && (action == null || e.action().startsWith(action))
        && (from == null || !e.time().isBefore(from))
        && (to == null || e.time().isBefore(to));
  }
}
