package se.arkiv.record;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.BiFunction;
import se.arkiv.benchmark.BenchmarkSections;
import se.arkiv.generator.BackOfficeText;

/**
 * Looking for entity keys in a record's text, a large share of the extraction writer's work per
 * record: {@link EntityKeyFinder#find} (patterns tried only near digits) beside {@link
 * EntityKeyFinder#findTryingEveryStart} (the same patterns tried at every character, as before), on
 * the same texts in the same run, rounds alternating. Every text's keys must come out the same both
 * ways; the report says how many did not. Writes the section of docs/benchmarks.md.
 *
 * <p>Arguments: texts, rounds, report, docs file ("-" for none).
 */
public final class EntityKeyBenchmark {

  private static final String BEGIN = "<!-- entity-key-benchmark:begin -->";
  private static final String END = "<!-- entity-key-benchmark:end -->";
  private static final LocalDate REFERENCE = LocalDate.of(2026, 12, 1);

  private EntityKeyBenchmark() {}

  public static void main(String[] args) throws IOException {
    int count = Integer.parseInt(args[0]);
    int rounds = Integer.parseInt(args[1]);
    String started = ZonedDateTime.now(ZoneOffset.UTC).toString();
    String machine = "Machine: " + BenchmarkSections.machine();
    List<String> texts = texts(count);
    long chars = texts.stream().mapToLong(String::length).sum();

    int differ = 0;
    for (String text : texts) {
      if (!EntityKeyFinder.find(text, REFERENCE)
          .equals(EntityKeyFinder.findTryingEveryStart(text, REFERENCE))) {
        differ++;
      }
    }
    // Warm-up: both ways, twice, before anything is timed.
    for (int i = 0; i < 2; i++) {
      time(texts, EntityKeyFinder::findTryingEveryStart);
      time(texts, EntityKeyFinder::find);
    }
    StringBuilder rows = new StringBuilder();
    double bestNear = Double.MAX_VALUE;
    double bestEvery = Double.MAX_VALUE;
    for (int round = 1; round <= rounds; round++) {
      double every = time(texts, EntityKeyFinder::findTryingEveryStart);
      double near = time(texts, EntityKeyFinder::find);
      bestEvery = Math.min(bestEvery, every);
      bestNear = Math.min(bestNear, near);
      rows.append(
          String.format(
              Locale.ROOT, "| %d | %.1f | %.1f | %.2f |%n", round, every, near, every / near));
    }
    String section =
        BEGIN
            + "\n## Entity keys in a record's text ("
            + started.substring(0, 10)
            + ")\n\n"
            + "Made by `./scripts/benchmark-keys "
            + count
            + " "
            + rounds
            + "`. "
            + machine
            + "\n\n"
            + String.format(
                Locale.ROOT,
                "%,d texts, %,d characters: back-office texts of 2,000-40,000 characters in Swedish"
                    + " and English (`BackOfficeText`: dates, amounts and reference numbers"
                    + " among the words) and labelled keys on payslips, invoices and forms"
                    + " (`LabelledKeyTexts`). Each round runs over all of them the old way (every"
                    + " pattern tried at every character, `EntityKeyFinder.findTryingEveryStart`)"
                    + " and the new way (`EntityKeyFinder.find`: tried only up to 40 characters"
                    + " before a digit), on one thread. Texts whose keys differ between the two:"
                    + " **%d**.%n%n",
                texts.size(),
                chars,
                differ)
            + "| round | every start, ms | near digits, ms | speed-up |\n"
            + "| ---: | ---: | ---: | ---: |\n"
            + rows
            + String.format(
                Locale.ROOT,
                "%nBest round each way: **%.1f×** as fast (%.1f ms against %.1f ms for all the"
                    + " texts; %.2f µs against %.2f µs per 1,000 characters).%n",
                bestEvery / bestNear,
                bestNear,
                bestEvery,
                bestNear * 1e6 / chars,
                bestEvery * 1e6 / chars)
            + END
            + "\n";
    System.out.println(section);
    Files.createDirectories(Path.of(args[2]).toAbsolutePath().getParent());
    Files.writeString(Path.of(args[2]), section);
    if (!"-".equals(args[3])) {
      BenchmarkSections.replace(Path.of(args[3]), section, BEGIN, END);
    }
  }

  private static List<String> texts(int count) {
    SplittableRandom random = new SplittableRandom(20261207);
    List<String> classes = new ArrayList<>(BackOfficeText.classes());
    List<String> texts = new ArrayList<>();
    for (LabelledKeyTexts.LabelledText labelled : new LabelledKeyTexts(7).make(count / 2)) {
      texts.add(labelled.text());
    }
    while (texts.size() < count) {
      String recordClass = classes.get(random.nextInt(classes.size()));
      int characters = 2_000 + random.nextInt(38_000);
      texts.add(
          BackOfficeText.text(
              random, recordClass, random.nextBoolean(), recordClass, characters, 40));
    }
    return texts;
  }

  /** Milliseconds for one way of finding keys over all texts. */
  private static double time(List<String> texts, BiFunction<String, LocalDate, EntityKeys> find) {
    long start = System.nanoTime();
    int sink = 0;
    for (String text : texts) {
      sink += find.apply(text, REFERENCE).hashCode();
    }
    return millis(start, sink);
  }

  private static double millis(long start, int sink) {
    double ms = (System.nanoTime() - start) / 1e6;
    // The sink keeps the work from being optimised away.
    return sink == 42 ? ms + 1e-9 : ms;
  }
}
