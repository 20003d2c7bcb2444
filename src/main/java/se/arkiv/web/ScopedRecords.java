package se.arkiv.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import se.arkiv.access.RecordAccess;
import se.arkiv.access.RecordOutsideScope;
import se.arkiv.access.RecordRestricted;
import se.arkiv.record.RecordMetadata;

/**
 * Finds a record for the current user at the HTTP edge (API and UI alike), auditing a refusal of a
 * record outside their departments before it answers as a missing one, and every read of a
 * restricted record with its reason.
 */
@Component
class ScopedRecords {

  /** The header (or request parameter {@code reason}) that says why a restricted record is read. */
  static final String REASON_HEADER = "Arkiv-Reason";

  private static final Set<String> CHANGES = Set.of("record.correct", "record.replace");

  private final RecordAccess access;
  private final AuditRecorder audit;

  ScopedRecords(RecordAccess access, AuditRecorder audit) {
    this.access = access;
    this.audit = audit;
  }

  RecordMetadata find(String id, String action) {
    RecordMetadata record;
    try {
      record = access.find(audit.actor(), id);
    } catch (RecordOutsideScope e) {
      audit.denied(action, id, "outside the department scope of " + audit.actor().username());
      throw e;
    }
    if (record.restriction() != null) {
      readRestricted(record, action);
    }
    return record;
  }

  /** A restricted record is read only with a reason, and each such read is on the audit trail. */
  private void readRestricted(RecordMetadata record, String action) {
    String reason = reason();
    try {
      access.requireReadable(audit.actor(), record, reason, CHANGES.contains(action));
    } catch (RecordRestricted e) {
      audit.denied(action, record.id().value(), e.getMessage());
      throw e;
    }
    audit.success(
        "record.restricted-read",
        record.id().value(),
        Map.of(
            "action",
            action,
            "reason",
            reason,
            "erasureRequest",
            record.restriction().requestId()));
  }

  private static String reason() {
    if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes http) {
      HttpServletRequest request = http.getRequest();
      String header = request.getHeader(REASON_HEADER);
      return header != null ? header : request.getParameter("reason");
    }
    return null;
  }
}
