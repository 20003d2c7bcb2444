package se.arkiv.audit;

/**
 * The trail cannot be written now (its disk is full or unwritable, a write could not be taken
 * back): the action that needed an entry is refused, and may be tried again once it can.
 */
public class AuditUnavailable extends RuntimeException {
  AuditUnavailable(String message, Throwable cause) {
    super(message, cause);
  }
}
