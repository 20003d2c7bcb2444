package se.arkiv.retention;

import java.time.Instant;
import java.time.LocalDate;
import se.arkiv.record.BusinessKeys;

/**
 * A fact that starts retention clocks, such as an account being closed, or an authority's order to
 * keep records longer ({@link #EXTENSION}, with {@code extendedUntil}). Stored as {@code
 * events/<id>/000001.json}; a retraction is version 2.
 *
 * @param extendedUntil for an {@link #EXTENSION}: the last day the authority asked the records to
 *     be kept; null for every other type
 */
public record RetentionEvent(
    int schemaVersion,
    String id,
    String type,
    BusinessKeys keys,
    LocalDate effectiveDate,
    String reference,
    Instant recordedAt,
    String recordedBy,
    Instant retractedAt,
    String retractedBy,
    String retractionReason,
    LocalDate extendedUntil) {

  /**
   * An authority's order to keep records longer than the minimum, such as Finansinspektionen's or
   * the police's request under Penningtvättslagen 5 kap. 3 § second paragraph: it lengthens the
   * rules that have a legal maximum, never beyond that maximum.
   */
  public static final String EXTENSION = "RETENTION_EXTENDED";

  public boolean active() {
    return retractedAt == null;
  }

  /** True when every key the event names has the same value on the record. */
  boolean covers(BusinessKeys recordKeys) {
    var wanted = keys.present();
    var have = recordKeys.present();
    return !wanted.isEmpty()
        && wanted.entrySet().stream().allMatch(e -> e.getValue().equals(have.get(e.getKey())));
  }

  RetentionEvent retracted(Instant at, String by, String reason) {
    return new RetentionEvent(
        schemaVersion,
        id,
        type,
        keys,
        effectiveDate,
        reference,
        recordedAt,
        recordedBy,
        at,
        by,
        reason,
        extendedUntil);
  }
}
