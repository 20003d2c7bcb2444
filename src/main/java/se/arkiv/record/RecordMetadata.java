package se.arkiv.record;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * One immutable version of a record's metadata, stored as {@code records/<id>/meta/NNNNNN.json}. A
 * change never edits a version: it writes the next one.
 *
 * @param schemaVersion the JSON layout's version, so that a reader years from now knows the fields
 * @param version this metadata version, from 1
 * @param change why this version was written ("filed", "text extracted", ...)
 * @param originalVersionId the version id the object store gave the original (S3 with versioning),
 *     used on every later read of it; null on the filesystem store
 * @param provenance where an imported record came from; null on records filed in Arkiv itself (and
 *     absent from their JSON, so metadata written before imports existed reads as it did)
 * @param restriction why the record is restricted (a data subject's erasure request it must outlive
 *     by law), kept in every later version; null (and absent from the JSON) otherwise
 */
public record RecordMetadata(
    int schemaVersion,
    RecordId id,
    int version,
    String recordClass,
    String title,
    String fileName,
    String mediaType,
    long size,
    String sha256,
    String department,
    LocalDate documentDate,
    LocalDate fiscalYearEnd,
    BusinessKeys keys,
    List<String> tags,
    Instant filedAt,
    String filedBy,
    Extraction extraction,
    Instant changedAt,
    String changedBy,
    String change,
    String originalVersionId,
    @JsonInclude(JsonInclude.Include.NON_NULL) Provenance provenance,
    @JsonInclude(JsonInclude.Include.NON_NULL) Restriction restriction) {

  public static final int SCHEMA_VERSION = 1;

  @JsonCreator
  public RecordMetadata {
    keys = keys == null ? BusinessKeys.NONE : keys;
    tags = tags == null ? List.of() : List.copyOf(tags);
  }

  /** A record that is not restricted. */
  public RecordMetadata(
      int schemaVersion,
      RecordId id,
      int version,
      String recordClass,
      String title,
      String fileName,
      String mediaType,
      long size,
      String sha256,
      String department,
      LocalDate documentDate,
      LocalDate fiscalYearEnd,
      BusinessKeys keys,
      List<String> tags,
      Instant filedAt,
      String filedBy,
      Extraction extraction,
      Instant changedAt,
      String changedBy,
      String change,
      String originalVersionId,
      Provenance provenance) {
    this(
        schemaVersion,
        id,
        version,
        recordClass,
        title,
        fileName,
        mediaType,
        size,
        sha256,
        department,
        documentDate,
        fiscalYearEnd,
        keys,
        tags,
        filedAt,
        filedBy,
        extraction,
        changedAt,
        changedBy,
        change,
        originalVersionId,
        provenance,
        null);
  }

  /** A record filed in Arkiv itself, without provenance. */
  public RecordMetadata(
      int schemaVersion,
      RecordId id,
      int version,
      String recordClass,
      String title,
      String fileName,
      String mediaType,
      long size,
      String sha256,
      String department,
      LocalDate documentDate,
      LocalDate fiscalYearEnd,
      BusinessKeys keys,
      List<String> tags,
      Instant filedAt,
      String filedBy,
      Extraction extraction,
      Instant changedAt,
      String changedBy,
      String change,
      String originalVersionId) {
    this(
        schemaVersion,
        id,
        version,
        recordClass,
        title,
        fileName,
        mediaType,
        size,
        sha256,
        department,
        documentDate,
        fiscalYearEnd,
        keys,
        tags,
        filedAt,
        filedBy,
        extraction,
        changedAt,
        changedBy,
        change,
        originalVersionId,
        null);
  }

  /** The import id of an imported record, or null: imports go to the extraction's bulk lane. */
  public String importId() {
    return provenance == null ? null : provenance.importId();
  }

  /** The day the document speaks from: its date, else the day it was filed, in Stockholm. */
  public LocalDate writtenOn() {
    return documentDate != null
        ? documentDate
        : filedAt.atZone(RetentionStart.LEGAL_ZONE).toLocalDate();
  }

  /** The next version, with corrected descriptive fields; content and class never change. */
  public RecordMetadata corrected(
      String newTitle,
      String newDepartment,
      LocalDate newDocumentDate,
      LocalDate newFiscalYearEnd,
      BusinessKeys newKeys,
      List<String> newTags,
      Instant at,
      String actor,
      String reason) {
    return next(
        newTitle,
        newDepartment,
        newDocumentDate,
        newFiscalYearEnd,
        newKeys,
        newTags,
        extraction,
        restriction,
        at,
        actor,
        reason);
  }

  /** Whether this version describes the record with the same descriptive fields as another. */
  public boolean describedAs(RecordMetadata other) {
    return Objects.equals(title, other.title)
        && Objects.equals(department, other.department)
        && Objects.equals(documentDate, other.documentDate)
        && Objects.equals(fiscalYearEnd, other.fiscalYearEnd)
        && keys.equals(other.keys)
        && tags.equals(other.tags);
  }

  /**
   * The next version, restricted: hidden from ordinary search and read only with a reason, until
   * its retention ends and disposition destroys it.
   */
  public RecordMetadata restricted(Restriction why, Instant at, String actor, String reason) {
    return next(extraction, why, at, actor, reason);
  }

  /** The next version, with a new extraction outcome. */
  public RecordMetadata withExtraction(
      Extraction outcome, Instant at, String actor, String reason) {
    return next(outcome, restriction, at, actor, reason);
  }

  /** The next version with the same descriptive fields. */
  private RecordMetadata next(
      Extraction newExtraction,
      Restriction newRestriction,
      Instant at,
      String actor,
      String reason) {
    return next(
        title,
        department,
        documentDate,
        fiscalYearEnd,
        keys,
        tags,
        newExtraction,
        newRestriction,
        at,
        actor,
        reason);
  }

  /**
   * The one way a next version is made: the version number goes up, the layout is today's, and what
   * a record is (its content, class, filing and provenance) is kept; only the descriptive fields,
   * the extraction and the restriction may change.
   */
  private RecordMetadata next(
      String newTitle,
      String newDepartment,
      LocalDate newDocumentDate,
      LocalDate newFiscalYearEnd,
      BusinessKeys newKeys,
      List<String> newTags,
      Extraction newExtraction,
      Restriction newRestriction,
      Instant at,
      String actor,
      String reason) {
    return new RecordMetadata(
        SCHEMA_VERSION,
        id,
        version + 1,
        recordClass,
        newTitle,
        fileName,
        mediaType,
        size,
        sha256,
        newDepartment,
        newDocumentDate,
        newFiscalYearEnd,
        newKeys,
        newTags,
        filedAt,
        filedBy,
        newExtraction,
        at,
        actor,
        reason,
        originalVersionId,
        provenance,
        newRestriction);
  }
}
