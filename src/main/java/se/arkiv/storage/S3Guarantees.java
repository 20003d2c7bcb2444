package se.arkiv.storage;

import java.util.ArrayList;
import java.util.List;

/**
 * What the configured S3 store was seen to enforce at start-up, and so what Arkiv does itself.
 *
 * @param objectLock the bucket has Object Lock on and a lock mode is configured
 * @param conditionalCreate the store refuses {@code If-None-Match: *} on a key that exists
 * @param versions the store keeps versions (and lists them)
 * @param checksums the store refuses an upload whose Content-MD5 does not match
 */
record S3Guarantees(
    boolean objectLock, boolean conditionalCreate, boolean versions, boolean checksums) {

  /** What a store is assumed to give before it has been probed (MinIO, AWS S3). */
  static final S3Guarantees ASSUMED = new S3Guarantees(true, true, true, true);

  /** One line per guarantee: who enforces it. */
  List<String> describe(String lockMode) {
    List<String> lines = new ArrayList<>();
    lines.add(
        objectLock
            ? "Object Lock "
                + lockMode
                + ": enforced by the store (deletes of locked versions, shorter dates and deletes"
                + " under legal hold are refused there); Arkiv reads back every new object's lock"
                + " and acknowledges it only when it is as intended"
            : "Object Lock: off; retention and legal holds are enforced by Arkiv's rules only");
    lines.add(
        conditionalCreate
            ? "Create-once: enforced by the store (If-None-Match: *)"
            : versions
                ? "Create-once: NOT enforced by the store (it ignores If-None-Match); Arkiv checks"
                    + " the key, writes, and keeps the first version: a writer that finds an"
                    + " earlier version takes its own back and reports the key as taken"
                : "Create-once: NOT enforced by the store and no versions: Arkiv checks the key"
                    + " before writing, which is safe for one writer per key only (a test store)");
    lines.add(
        versions
            ? "Versions: kept by the store; originals are read by their exact version"
            : "Versions: not kept by the store; reads take the one current object");
    lines.add(
        checksums
            ? "Checksums: Content-MD5 verified by the store on every single-request upload"
            : "Checksums: Content-MD5 NOT verified by the store; the SHA-256 in each record's"
                + " metadata is the only check");
    return lines;
  }
}
