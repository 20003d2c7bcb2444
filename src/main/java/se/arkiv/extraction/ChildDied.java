package se.arkiv.extraction;

import se.arkiv.record.ExtractionFailure;

/** An extraction child process ended in the middle of a record, and why. */
final class ChildDied extends Exception {

  private final ExtractionFailure failure;

  ChildDied(ExtractionFailure failure, String message) {
    super(message);
    this.failure = failure;
  }

  ExtractionFailure failure() {
    return failure;
  }
}
