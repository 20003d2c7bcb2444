package se.arkiv.filing;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import se.arkiv.record.BusinessKeys;

/**
 * A correction of named descriptive fields. Only the fields listed in {@code fields} change; the
 * others keep their value. The content, its hash and the record class are not correctable.
 */
public record MetadataCorrection(
    Set<String> fields,
    String title,
    String department,
    LocalDate documentDate,
    LocalDate fiscalYearEnd,
    BusinessKeys keys,
    List<String> tags,
    String reason) {

  /** The fields a correction may name. */
  public static final Set<String> CORRECTABLE =
      Set.of("title", "department", "documentDate", "fiscalYearEnd", "keys", "tags");
}
