package se.arkiv.web;

import se.arkiv.retention.Tombstone;

/** The record was destroyed by a disposition run; its tombstone says when and why. */
class RecordDestroyed extends RuntimeException {

  private final Tombstone tombstone;

  RecordDestroyed(Tombstone tombstone) {
    super(
        "Record "
            + tombstone.id()
            + " was destroyed at "
            + tombstone.destroyedAt()
            + " by disposition run "
            + tombstone.runId());
    this.tombstone = tombstone;
  }

  Tombstone tombstone() {
    return tombstone;
  }
}
