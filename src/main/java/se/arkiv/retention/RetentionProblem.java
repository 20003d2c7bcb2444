package se.arkiv.retention;

/**
 * Something the retention engine refuses, with the reason in words a records manager reads. The
 * kind says which HTTP answer fits.
 */
public class RetentionProblem extends RuntimeException {

  /** What went wrong, for the HTTP edge. */
  public enum Kind {
    /** The request itself is wrong (400). */
    INVALID,
    /** No such event, hold or run (404). */
    NOT_FOUND,
    /** The rules forbid it now: retained, held, same approver, wrong run state (409). */
    REFUSED,
    /** It cannot be decided safely right now, e.g. the index is still rebuilding (503). */
    UNAVAILABLE
  }

  private final Kind kind;

  public RetentionProblem(Kind kind, String message) {
    super(message);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }

  static RetentionProblem invalid(String message) {
    return new RetentionProblem(Kind.INVALID, message);
  }

  static RetentionProblem notFound(String message) {
    return new RetentionProblem(Kind.NOT_FOUND, message);
  }

  static RetentionProblem refused(String message) {
    return new RetentionProblem(Kind.REFUSED, message);
  }

  static RetentionProblem unavailable(String message) {
    return new RetentionProblem(Kind.UNAVAILABLE, message);
  }
}
