package se.arkiv.benchmark;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import se.arkiv.testing.Drain;

/** The Markdown section of {@link HostileBenchmark}, between markers in docs/benchmarks.md. */
final class HostileReport {

  private static final String BEGIN = "<!-- hostile-benchmark:begin -->";
  private static final String END = "<!-- hostile-benchmark:end -->";

  private HostileReport() {}

  /** One configuration's figures. */
  record Run(
      String name,
      Map<String, Object> properties,
      int files,
      int records,
      int refused,
      double filingSeconds,
      Double drainSeconds,
      int pendingAtEnd,
      Map<String, Long> outcomes,
      Latencies idle,
      Latencies busy,
      int probeErrors,
      int healthNotUp,
      List<Drain.Gap> slowest,
      String cpu) {}

  static String markdown(
      List<Run> runs, String loadBefore, String loadAfter, Duration maxDrain, int archives)
      throws IOException {
    StringBuilder md = new StringBuilder(BEGIN).append('\n');
    md.append(
        String.format(
            "## Hostile suite: drain time and a probe search (%s)%n%n",
            ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("d MMM yyyy"))));
    md.append(
        "Made by `./scripts/benchmark-hostile`. Each configuration on a fresh service (in the"
            + " benchmark's JVM): 50 small PDFs filed and extracted, then an auditor's one-word"
            + " search (`kontoutdrag`) every second for 30 s (idle), then the whole suite filed by"
            + " 3 concurrent clerks (Tika's test documents from the `tika-parser-*:tests` jars,"
            + " the bombs of `se.arkiv.testing.HostileFiles`, "
            + archives
            + " archives of 24 icons each, and one upload over the 64 MB limit) while the same"
            + " probe runs, until no record is `PENDING` (at most "
            + maxDrain.toMinutes()
            + " minutes). Drain time is from the first upload to the last record finished.\n\n");
    md.append("| | |\n| --- | --- |\n");
    md.append("| date | ")
        .append(ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.RFC_1123_DATE_TIME))
        .append(" |\n");
    md.append("| commit | `").append(commit()).append("` |\n");
    md.append("| processors (nproc) | ")
        .append(Runtime.getRuntime().availableProcessors())
        .append(" |\n");
    md.append("| heap (-Xmx) | ")
        .append(Runtime.getRuntime().maxMemory() / (1024 * 1024))
        .append(" MiB |\n");
    md.append("| Java | ").append(System.getProperty("java.version")).append(" |\n");
    md.append("| load average before / after | ")
        .append(loadBefore)
        .append(" / ")
        .append(loadAfter)
        .append(" |\n\n");
    md.append(
        "| configuration | files | records | refused | filing (s) | drain (s) | pending at the end"
            + " | probe idle p50 / p99 (ms) | probe while draining p50 / p99 / max (ms) | probes"
            + " | probe errors | health not UP | CPU while draining |\n");
    md.append(
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- | ---: | ---: | ---: | --- |\n");
    for (Run run : runs) {
      md.append(
          String.format(
              Locale.ROOT,
              "| %s | %d | %d | %d | %.1f | %s | %d | %s / %s | %s / %s / %s | %d | %d | %d | %s |%n",
              run.name(),
              run.files(),
              run.records(),
              run.refused(),
              run.filingSeconds(),
              run.drainSeconds() == null
                  ? "not drained"
                  : String.format(Locale.ROOT, "%.0f", run.drainSeconds()),
              run.pendingAtEnd(),
              Latencies.ms(run.idle().percentileMs(0.5)),
              Latencies.ms(run.idle().percentileMs(0.99)),
              Latencies.ms(run.busy().percentileMs(0.5)),
              Latencies.ms(run.busy().percentileMs(0.99)),
              Latencies.ms(run.busy().maxMs()),
              run.busy().count(),
              run.probeErrors(),
              run.healthNotUp(),
              run.cpu()));
    }
    for (Run run : runs) {
      md.append("\n").append(run.name()).append(" — outcomes: ");
      md.append(
          run.outcomes().entrySet().stream()
              .map(e -> e.getValue() + " " + e.getKey())
              .collect(Collectors.joining(", ")));
      md.append("; slowest (gap before each finished): ");
      md.append(
          run.slowest().stream()
              .map(
                  g ->
                      String.format(
                          Locale.ROOT,
                          "`%s` %.0f s",
                          g.file().label(),
                          g.before().toMillis() / 1000.0))
              .collect(Collectors.joining(", ")));
      md.append(".\n");
    }
    md.append('\n').append(END).append('\n');
    return md.toString();
  }

  private static String commit() {
    try {
      Process git = new ProcessBuilder("git", "rev-parse", "--short", "HEAD").start();
      String head = new String(git.getInputStream().readAllBytes()).strip();
      return git.waitFor() == 0 ? head : "unknown";
    } catch (IOException e) {
      return "unknown";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "unknown";
    }
  }

  /** Replaces the section between the markers, or appends it when there is none yet. */
  static void replaceSection(Path docs, String section) throws IOException {
    BenchmarkSections.replace(docs, section, BEGIN, END);
  }
}
