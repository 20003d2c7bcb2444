package se.arkiv.audit;

import java.time.Instant;

/**
 * What an audit search asks for; any part may be null. {@code action} matches by prefix, {@code
 * from} is inclusive and {@code to} exclusive; {@code text} is free text (Lucene syntax) over
 * everything an entry says ({@link AuditDocuments#freeText}).
 */
public record AuditQuery(
    String target, String actor, String action, Instant from, Instant to, String text) {

  public AuditQuery {
    text = text == null || text.isBlank() ? null : text.strip();
  }

  /** A search without free text. */
  public AuditQuery(String target, String actor, String action, Instant from, Instant to) {
    this(target, actor, action, from, to, null);
  }

  public static AuditQuery target(String target) {
    return new AuditQuery(target, null, null, null, null);
  }

  /** Whether the entry matches every part but the free text, which {@link FreeText} decides. */
  boolean matches(AuditEntry e) {
    return (target == null || target.equals(e.target()))
        && (actor == null || actor.equals(e.actor()))
        && (action == null || e.action().startsWith(action))
        && (from == null || !e.time().isBefore(from))
        && (to == null || e.time().isBefore(to));
  }
}
