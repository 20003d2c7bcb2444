package se.arkiv.web;

import org.springframework.stereotype.Component;
import se.arkiv.access.RecordAccess;
import se.arkiv.access.RecordOutsideScope;
import se.arkiv.record.RecordMetadata;

/**
 * Finds a record for the current user at the HTTP edge (API and UI alike), auditing a refusal of a
 * record outside their departments before it answers as a missing one.
 */
@Component
class ScopedRecords {

  private final RecordAccess access;
  private final AuditRecorder audit;

  ScopedRecords(RecordAccess access, AuditRecorder audit) {
    this.access = access;
    this.audit = audit;
  }

  RecordMetadata find(String id, String action) {
    try {
      return access.find(audit.actor(), id);
    } catch (RecordOutsideScope e) {
      audit.denied(action, id, "outside the department scope of " + audit.actor().username());
      throw e;
    }
  }
}
