package se.arkiv.imports;

import se.arkiv.record.TypedValues;

/**
 * What a records manager asks to import: the body of {@code POST /api/imports}.
 *
 * @param source a folder or BagIt bag, relative to {@code arkiv.imports.root}
 * @param manifest the CSV or JSON manifest, relative to {@code arkiv.imports.root}
 * @param legacySystem the name of the system the records come from, kept in their provenance
 */
public record ImportRequest(String source, String manifest, String legacySystem) {

  /** The legacy system's name, kept as provenance on every record the import files. */
  private static final int MAX_LEGACY_SYSTEM = 200;

  /** Refuses a legacy system's name a record's provenance could not keep as it is. */
  void check() {
    if (!TypedValues.oneLine(legacySystem, MAX_LEGACY_SYSTEM)) {
      throw new ImportRefused(
          "legacySystem: at most "
              + MAX_LEGACY_SYSTEM
              + " characters on one line, "
              + TypedValues.TEXT_RULE);
    }
  }
}
