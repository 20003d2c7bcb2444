package se.arkiv.imports;

/**
 * What a records manager asks to import: the body of {@code POST /api/imports}.
 *
 * @param source a folder or BagIt bag, relative to {@code arkiv.imports.root}
 * @param manifest the CSV or JSON manifest, relative to {@code arkiv.imports.root}
 * @param legacySystem the name of the system the records come from, kept in their provenance
 */
public record ImportRequest(String source, String manifest, String legacySystem) {}
