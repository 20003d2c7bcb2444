package se.arkiv.access;

/**
 * A user asked to file, move or correct a record in a way their role or departments forbid (403).
 */
public class OutsideScope extends RuntimeException {
  OutsideScope(String message) {
    super(message);
  }
}
