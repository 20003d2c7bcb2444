package se.arkiv.imports;

/**
 * One thing wrong with a manifest.
 *
 * @param line the manifest's line (1 is a CSV's header, or where a JSON object begins)
 * @param file the file the row names, if it names one
 */
public record RowProblem(int line, String file, String reason) {}
