package se.arkiv.imports;

import java.util.List;

/**
 * The end of an import: {@code GET /api/imports/{id}/report}; every line's outcome, by line.
 *
 * @param filed the lines filed, with the record ids they became
 * @param duplicates the lines whose file was archived already, with that record's id
 * @param refused the lines not filed, with the reason
 */
public record ImportReport(
    ImportProgress progress,
    List<LineOutcome> filed,
    List<LineOutcome> duplicates,
    List<LineOutcome> refused) {}
