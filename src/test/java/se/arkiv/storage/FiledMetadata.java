package se.arkiv.storage;

import java.time.Instant;
import se.arkiv.record.BusinessKeys;
import se.arkiv.record.Extraction;
import se.arkiv.record.RecordId;
import se.arkiv.record.RecordMetadata;

/** Metadata version 1 of a record just filed, with only what the storage tests look at. */
public final class FiledMetadata {

  public static final Instant FILED = Instant.parse("2026-11-26T20:43:29Z");

  private FiledMetadata() {}

  public static RecordMetadata of(
      RecordId id, String sha256, String recordClass, String department, BusinessKeys keys) {
    return new RecordMetadata(
        RecordMetadata.SCHEMA_VERSION,
        id,
        1,
        recordClass,
        "verifikation.pdf",
        "verifikation.pdf",
        "application/pdf",
        876,
        sha256,
        department,
        null,
        null,
        keys,
        null,
        FILED,
        "clerk",
        Extraction.pending(),
        FILED,
        "clerk",
        "filed",
        null);
  }

  /** The next version, with another title: content, class, department and keys stay. */
  static RecordMetadata retitled(RecordMetadata metadata, String title) {
    return metadata.corrected(
        title,
        metadata.department(),
        metadata.documentDate(),
        metadata.fiscalYearEnd(),
        metadata.keys(),
        metadata.tags(),
        FILED.plusSeconds(60),
        "clerk",
        "corrected [title]: typo");
  }
}
