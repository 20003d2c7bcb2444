package se.arkiv.access;

import se.arkiv.retention.Tombstone;

/** The record was destroyed by a disposition run; its tombstone says when and why (410). */
public class RecordGone extends RuntimeException {

  private final Tombstone tombstone;

  RecordGone(Tombstone tombstone) {
    super(
        "Record "
            + tombstone.id()
            + " was destroyed at "
            + tombstone.destroyedAt()
            + " by disposition run "
            + tombstone.runId());
    this.tombstone = tombstone;
  }

  public Tombstone tombstone() {
    return tombstone;
  }
}
