package se.arkiv.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import se.arkiv.audit.AuditEvent;
import se.arkiv.audit.AuditEvent.Outcome;
import se.arkiv.audit.AuditTrail;
import se.arkiv.filing.Filed;
import se.arkiv.security.Actor;
import se.arkiv.security.Actors;

/**
 * Writes audit entries for the HTTP edge, with the acting user, their roles and the client address
 * of the current request. Called before a controller returns, so the entry is durable before the
 * client hears that the action happened.
 */
@Component
class AuditRecorder {

  private final AuditTrail trail;
  private final Actors actors;

  AuditRecorder(AuditTrail trail, Actors actors) {
    this.trail = trail;
    this.actors = actors;
  }

  Actor actor() {
    return actors.of(SecurityContextHolder.getContext().getAuthentication());
  }

  void success(String action, String target, Map<String, Object> details) {
    record(action, target, Outcome.SUCCESS, null, details, null, null);
  }

  /** A filing over HTTP (API or UI): a new record, or a duplicate of one already archived. */
  void filed(Filed filed) {
    success(
        filed.created() ? "record.file" : "record.file.duplicate",
        filed.record().id().value(),
        Map.of(
            "recordClass", filed.record().recordClass(),
            "sha256", filed.record().sha256(),
            "size", filed.record().size()));
  }

  void change(String action, String target, Map<String, Object> before, Map<String, Object> after) {
    record(action, target, Outcome.SUCCESS, null, Map.of(), before, after);
  }

  void denied(String action, String target, String reason) {
    record(action, target, Outcome.DENIED, reason, Map.of(), null, null);
  }

  /** A request the security rules refused to the user's role, before any controller saw it. */
  void deniedByRole(HttpServletRequest request) {
    denied(request.getMethod() + " " + request.getRequestURI(), null, "role may not do this");
  }

  void failed(String action, String target, String reason) {
    record(action, target, Outcome.FAILED, reason, Map.of(), null, null);
  }

  /** For callers outside a request's security context, such as a login failure. */
  void anonymous(String actor, String client, String action, Outcome outcome, String reason) {
    trail.record(
        new AuditEvent(actor, null, client, action, null, outcome, reason, null, null, null));
  }

  private void record(
      String action,
      String target,
      Outcome outcome,
      String reason,
      Map<String, Object> details,
      Map<String, Object> before,
      Map<String, Object> after) {
    Actor actor = actor();
    trail.record(
        new AuditEvent(
            actor.username(),
            actor.roleNames(),
            client(),
            action,
            target,
            outcome,
            reason,
            details,
            before,
            after));
  }

  static String client() {
    if (RequestContextHolder.getRequestAttributes()
        instanceof ServletRequestAttributes attributes) {
      HttpServletRequest request = attributes.getRequest();
      return request.getRemoteAddr();
    }
    return null;
  }
}
