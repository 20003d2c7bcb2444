package se.arkiv.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** How a benchmark writes its section of docs/benchmarks.md: between its own two markers. */
public final class BenchmarkSections {

  private BenchmarkSections() {}

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
