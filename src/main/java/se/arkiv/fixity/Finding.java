package se.arkiv.fixity;

import java.time.Instant;

/**
 * One thing a fixity run found on one object of one record.
 *
 * @param objectKey the object in the store, e.g. {@code records/<id>/original}
 * @param detail what was found, in words an operator can act on
 */
public record Finding(
    String runId, String recordId, String objectKey, Kind kind, String detail, Instant foundAt) {

  /** What was found; every kind but {@link #DERIVED_REPAIRED} needs a person. */
  public enum Kind {
    /** The original's bytes no longer hash to the SHA-256 in its metadata. */
    ORIGINAL_HASH_MISMATCH("fixity.mismatch"),
    /** The original (or the version the metadata declares) is not in the store. */
    ORIGINAL_MISSING("fixity.original-missing"),
    /** The declared version is there but a plain read would get another one, or a delete marker. */
    VERSION_NOT_CURRENT("fixity.version-not-current"),
    /** A key Arkiv writes once has more than one version: someone overwrote it. */
    EXTRA_VERSIONS("fixity.extra-versions"),
    /** A key Arkiv writes once carries a delete marker: someone deleted it without a version. */
    DELETE_MARKER("fixity.delete-marker"),
    /** A derived object (text, preview, attachment) is missing and could not be re-derived. */
    DERIVED_MISSING("fixity.derived-missing"),
    /** A derived object is damaged and could not be re-derived. */
    DERIVED_CORRUPT("fixity.derived-corrupt"),
    /** A derived object was missing or damaged and has been re-derived from a verified original. */
    DERIVED_REPAIRED("fixity.repair"),
    /** Metadata versions are not 1..n without a gap, or none is readable. */
    METADATA_GAP("fixity.metadata-gap"),
    /** The record could not be checked at all (an unexpected error); the detail says why. */
    CHECK_FAILED("fixity.check-failed");

    private final String auditAction;

    Kind(String auditAction) {
      this.auditAction = auditAction;
    }

    /** The action of the audit entry that records a finding of this kind. */
    public String auditAction() {
      return auditAction;
    }
  }

  /** True when nothing is left for a person to do. */
  public boolean resolved() {
    return kind == Kind.DERIVED_REPAIRED;
  }
}
