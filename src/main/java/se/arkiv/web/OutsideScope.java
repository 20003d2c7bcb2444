package se.arkiv.web;

/** A user asked to file or move a record into a department outside their scope (403). */
class OutsideScope extends RuntimeException {
  OutsideScope(String message) {
    super(message);
  }
}
