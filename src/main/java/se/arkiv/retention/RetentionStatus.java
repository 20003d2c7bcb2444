package se.arkiv.retention;

/** Where a record stands against the law and the holds on it. */
public enum RetentionStatus {
  /** Kept: its retention has not ended (or rules conflict and a person must decide). */
  RETAINED,
  /** Kept indefinitely: the event that starts its clock has not been recorded. */
  EVENT_PENDING,
  /** Its retention has ended and no hold covers it: a disposition run may destroy it. */
  ELIGIBLE,
  /** A legal hold covers it: it cannot be destroyed, whatever its dates. */
  HELD
}
