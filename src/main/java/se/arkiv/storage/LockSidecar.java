package se.arkiv.storage;

import java.time.Instant;

/**
 * The retention and legal hold of one object of the filesystem store, kept beside the data in
 * {@code .locks/<key>.json} so that the filesystem store keeps the same promise as S3 Object Lock:
 * no delete before the date, none under hold, no shortening.
 */
record LockSidecar(Instant retainUntil, boolean legalHold) {

  static final LockSidecar NONE = new LockSidecar(null, false);
}
