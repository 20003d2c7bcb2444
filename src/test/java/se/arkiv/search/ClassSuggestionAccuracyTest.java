package se.arkiv.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.arkiv.generator.BackOfficeText;
import se.arkiv.record.BusinessKeys;
import se.arkiv.record.Extraction;
import se.arkiv.record.ExtractionStatus;
import se.arkiv.record.RecordId;
import se.arkiv.record.RecordMetadata;

/**
 * How often the suggested class is the one a held-out record was filed under, on generated
 * back-office texts (seed {@value #SEED}): 1,200 records indexed, 300 others asked about. Texts
 * whose words are 40 % their class's own (as the archive generator writes them) and, harder, 5 %
 * and 2 %. The figures go to target/class-suggestions.md for docs/benchmarks.md.
 */
class ClassSuggestionAccuracyTest {

  private static final long SEED = 20261202L;
  private static final int INDEXED = 1200;
  private static final int ASKED = 300;

  @TempDir Path dir;

  private record Figures(int own, int asked, int suggested, int right) {
    double accuracy() {
      return (double) right / asked;
    }

    double precision() {
      return suggested == 0 ? 1 : (double) right / suggested;
    }
  }

  @Test
  void suggestsTheClassOfHeldOutRecordsFromTheRecordsLikeThem() throws Exception {
    List<Figures> figures = new ArrayList<>();
    for (int own : new int[] {40, 5, 2}) {
      figures.add(measure(own, dir.resolve("own-" + own)));
    }
    StringBuilder report =
        new StringBuilder("| class words | asked | suggested | right | accuracy | precision |\n");
    report.append("| ---: | ---: | ---: | ---: | ---: | ---: |\n");
    for (Figures f : figures) {
      report.append(
          String.format(
              Locale.ROOT,
              "| %d %% | %d | %d | %d | %.3f | %.3f |%n",
              f.own(),
              f.asked(),
              f.suggested(),
              f.right(),
              f.accuracy(),
              f.precision()));
    }
    Files.writeString(Path.of("target/class-suggestions.md"), report);

    assertThat(figures.get(0).accuracy()).as(report.toString()).isGreaterThanOrEqualTo(0.95);
    // With hardly a word of its own, a text often gets no suggestion, but rarely a wrong one.
    assertThat(figures.get(2).precision()).as(report.toString()).isGreaterThanOrEqualTo(0.9);
  }

  private static Figures measure(int own, Path folder) throws Exception {
    SearchSettings settings = TemporaryIndex.settings(folder);
    LuceneIndex index = new LuceneIndex(settings);
    try {
      List<String> classes = BackOfficeText.classes().stream().sorted().toList();
      SplittableRandom random = new SplittableRandom(SEED + own);
      for (int i = 0; i < INDEXED; i++) {
        String recordClass = classes.get(i % classes.size());
        String text = text(random, recordClass, own);
        RecordMetadata record = record(recordClass, text);
        index.upsert(record.id().value(), RecordDocuments.of(record, text));
      }
      index.refreshNow();
      ClassSuggestions suggestions = new ClassSuggestions(new LuceneSimilarRecords(index), null);
      int suggested = 0;
      int right = 0;
      for (int i = 0; i < ASKED; i++) {
        String recordClass = classes.get(random.nextInt(classes.size()));
        var suggestion = suggestions.suggest(text(random, recordClass, own), null, null);
        if (suggestion.isPresent()) {
          suggested++;
          if (suggestion.get().recordClass().equals(recordClass)) {
            right++;
          }
        }
      }
      return new Figures(own, ASKED, suggested, right);
    } finally {
      index.destroy();
    }
  }

  private static String text(SplittableRandom random, String recordClass, int own) {
    return BackOfficeText.text(
        random, recordClass, random.nextBoolean(), "Handling", 400 + random.nextInt(1500), own);
  }

  private static RecordMetadata record(String recordClass, String text) {
    Instant now = Instant.parse("2025-01-02T08:00:00Z");
    return new RecordMetadata(
        1,
        RecordId.newId(Clock.systemUTC()),
        2,
        recordClass,
        "Handling",
        "handling.txt",
        "text/plain",
        text.length(),
        "0".repeat(64),
        "ACCOUNTING",
        LocalDate.of(2024, 12, 31),
        null,
        BusinessKeys.NONE,
        List.of(),
        now,
        "clara",
        new Extraction(ExtractionStatus.DONE, null, "sv", text.length(), false, now),
        now,
        "clara",
        "text extracted",
        null);
  }
}
