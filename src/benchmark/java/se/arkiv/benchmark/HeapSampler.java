package se.arkiv.benchmark;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** The peak of S0U + S1U + EU + OU in {@code jstat -gc <pid> 1000}: the heap in use. */
final class HeapSampler implements AutoCloseable {
  private final Process jstat;
  private final AtomicLong peakKb = new AtomicLong();

  HeapSampler(long pid) throws IOException {
    Path tool = Path.of(System.getProperty("java.home"), "bin", "jstat");
    jstat = new ProcessBuilder(tool.toString(), "-gc", Long.toString(pid), "1000").start();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader in =
                  new BufferedReader(
                      new InputStreamReader(jstat.getInputStream(), StandardCharsets.UTF_8))) {
                List<String> header = null;
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                  List<String> cells = List.of(line.strip().split("\\s+"));
                  if (cells.contains("EU")) {
                    header = cells;
                  } else if (header != null && cells.size() == header.size()) {
                    peakKb.accumulateAndGet((long) usedKb(header, cells), Math::max);
                  }
                }
              } catch (IOException | RuntimeException e) {
                // The service went away: the peak so far stands.
              }
            },
            "jstat-reader");
    reader.setDaemon(true);
    reader.start();
  }

  /** The heap in use, in KB, from one line of {@code jstat -gc} under its header. */
  static double usedKb(List<String> header, List<String> cells) {
    double used = 0;
    for (String column : List.of("S0U", "S1U", "EU", "OU")) {
      used += Double.parseDouble(cells.get(header.indexOf(column)));
    }
    return used;
  }

  void reset() {
    peakKb.set(0);
  }

  long peakMegabytes() {
    return peakKb.get() / 1024;
  }

  @Override
  public void close() {
    jstat.destroy();
  }
}
