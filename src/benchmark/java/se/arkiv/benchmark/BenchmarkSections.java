package se.arkiv.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** How a benchmark writes its section of docs/benchmarks.md: between its own two markers. */
public final class BenchmarkSections {

  private BenchmarkSections() {}

  /** The machine a section was measured on: cores, memory, Java, the load average at the start. */
  public static String machine() throws IOException {
    return String.format(
        Locale.ROOT,
        "%d cores, %s, Java %s, load average at the start %s.",
        Runtime.getRuntime().availableProcessors(),
        Files.readAllLines(Path.of("/proc/meminfo")).get(0).replaceAll("\\s+", " "),
        System.getProperty("java.version"),
        ArkivBenchmark.loadAverage());
  }

  /** Replaces the section between the markers, or appends it when there is none yet. */
  public static void replace(Path docs, String section, String beginMarker, String endMarker)
      throws IOException {
    String text = Files.readString(docs);
    int begin = text.indexOf(beginMarker);
    int end = text.indexOf(endMarker);
    String updated =
        begin >= 0 && end > begin
            ? text.substring(0, begin) + section.strip() + text.substring(end + endMarker.length())
            : text.stripTrailing() + "\n\n" + section;
    Files.writeString(docs, updated);
  }
}
