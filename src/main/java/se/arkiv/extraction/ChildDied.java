package se.arkiv.extraction;

import se.arkiv.record.ExtractionFailure;

/** An extraction child process ended in the middle of a record, and why. */
final class ChildDied extends Exception {

  private final ExtractionFailure failure;
  private final boolean stopped;

  ChildDied(ExtractionFailure failure, String message) {
    this(failure, message, false);
  }

  /**
   * @param stopped the child was ended by SIGTERM or SIGINT, as a service manager stopping the
   *     whole process group does: not the file's doing
   */
  ChildDied(ExtractionFailure failure, String message, boolean stopped) {
    super(message);
    this.failure = failure;
    this.stopped = stopped;
  }

  boolean stopped() {
    return stopped;
  }

  ExtractionFailure failure() {
    return failure;
  }
}
