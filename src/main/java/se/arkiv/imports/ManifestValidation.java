package se.arkiv.imports;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import se.arkiv.filing.FilingService;

/**
 * The check of a whole manifest before anything is filed: every row by {@link ManifestCheck}, and
 * no file or legacy id named twice. Streams the manifest; only the names seen are kept.
 */
final class ManifestValidation {

  // An answer listing more problems than this helps nobody; the count says how many there are.
  private static final int MAX_LISTED = 10_000;

  private ManifestValidation() {}

  /** The number of rows; {@link InvalidManifest} with every problem when there is one. */
  static long validate(ImportSource source, FilingService filing, Clock clock) {
    List<RowProblem> found = new ArrayList<>();
    long[] counts = {0, 0};
    Map<String, Integer> files = new HashMap<>();
    Map<String, Integer> legacyIds = new HashMap<>();
    ManifestCheck check = new ManifestCheck(source, filing, clock, true);
    Consumer<RowProblem> report =
        problem -> {
          if (found.size() < MAX_LISTED) {
            found.add(problem);
          } else {
            counts[1]++;
          }
        };
    try (InputStream in = Files.newInputStream(source.manifest())) {
      ManifestReader.read(
          in,
          ManifestReader.isJson(source.manifest().toString()),
          row -> {
            counts[0]++;
            PlannedLine line = check.check(row, report);
            if (line != null) {
              once(files, line.sourceFile(), row, "file", report);
              once(legacyIds, line.legacyId(), row, "legacyId", report);
            }
          },
          report);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (!found.isEmpty()) {
      found.sort(Comparator.comparingInt(RowProblem::line));
      throw new InvalidManifest(found, counts[1]);
    }
    if (counts[0] == 0) {
      throw new ImportRefused("The manifest has no rows");
    }
    return counts[0];
  }

  private static void once(
      Map<String, Integer> seen,
      String value,
      ManifestRow row,
      String column,
      Consumer<RowProblem> report) {
    Integer first = seen.putIfAbsent(value, row.line());
    if (first != null) {
      report.accept(
          new RowProblem(row.line(), row.get("file"), column + ": the same as on line " + first));
    }
  }
}
