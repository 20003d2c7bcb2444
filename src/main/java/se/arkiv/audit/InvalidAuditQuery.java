package se.arkiv.audit;

/** An audit search the trail cannot run as asked (malformed free text); the message says why. */
public class InvalidAuditQuery extends RuntimeException {
  InvalidAuditQuery(String message) {
    super(message);
  }
}
