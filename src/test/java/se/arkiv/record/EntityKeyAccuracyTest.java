package se.arkiv.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Precision and recall of {@link EntityKeyFinder} on generated back-office texts whose keys are
 * known ({@link LabelledKeyTexts}, seed {@value #SEED}). The goal is precision ≥ 0.98 and recall ≥
 * 0.95 over all kinds; the table per kind goes to target/entity-keys.md for docs/benchmarks.md.
 */
class EntityKeyAccuracyTest {

  static final long SEED = 20261202L;
  private static final int TEXTS = 3000;

  private static final class Counts {
    long found;
    long right;
    long expected;

    double precision() {
      return found == 0 ? 1 : (double) right / found;
    }

    double recall() {
      return expected == 0 ? 1 : (double) right / expected;
    }
  }

  @Test
  void findsTheKeysOfGeneratedBackOfficeTextsWithHighPrecisionAndRecall() throws IOException {
    List<LabelledKeyTexts.LabelledText> texts = new LabelledKeyTexts(SEED).make(TEXTS);
    Map<EntityKind, Counts> byKind = new EnumMap<>(EntityKind.class);
    Counts all = new Counts();
    StringBuilder mistakes = new StringBuilder();
    for (LabelledKeyTexts.LabelledText text : texts) {
      EntityKeys found = EntityKeyFinder.find(text.text(), text.writtenOn());
      for (EntityKind kind : EntityKind.values()) {
        Set<String> expected = text.keys().getOrDefault(kind, Set.of());
        List<String> got = found.values(kind);
        Counts counts = byKind.computeIfAbsent(kind, k -> new Counts());
        long right = got.stream().filter(expected::contains).count();
        for (Counts c : List.of(counts, all)) {
          c.found += got.size();
          c.right += right;
          c.expected += expected.size();
        }
        if (right != got.size() || right != expected.size()) {
          if (mistakes.length() < 4000) {
            mistakes
                .append(kind)
                .append(" expected ")
                .append(expected)
                .append(" found ")
                .append(got)
                .append(" in:\n")
                .append(text.text())
                .append('\n');
          }
        }
      }
    }
    StringBuilder report = new StringBuilder();
    report.append("| kind | keys written | found | right | precision | recall |\n");
    report.append("| --- | ---: | ---: | ---: | ---: | ---: |\n");
    byKind.forEach((kind, c) -> row(report, kind.fieldName(), c));
    row(report, "**all**", all);
    Files.createDirectories(Path.of("target"));
    Files.writeString(
        Path.of("target/entity-keys.md"),
        "Generated texts: " + TEXTS + ", seed " + SEED + "\n\n" + report + "\n" + mistakes);

    assertThat(all.precision()).as(report + "\n" + mistakes).isGreaterThanOrEqualTo(0.98);
    assertThat(all.recall()).as(report + "\n" + mistakes).isGreaterThanOrEqualTo(0.95);
  }

  private static void row(StringBuilder report, String name, Counts c) {
    report.append(
        String.format(
            Locale.ROOT,
            "| %s | %d | %d | %d | %.3f | %.3f |%n",
            name,
            c.expected,
            c.found,
            c.right,
            c.precision(),
            c.recall()));
  }
}
