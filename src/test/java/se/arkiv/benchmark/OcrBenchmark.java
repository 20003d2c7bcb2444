package se.arkiv.benchmark;

import static se.arkiv.testing.RunningArkiv.AUDITOR;
import static se.arkiv.testing.RunningArkiv.CLERK;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import se.arkiv.testing.ArkivClient;
import se.arkiv.testing.RunningArkiv;
import se.arkiv.testing.TestDocuments;

/**
 * OCR pages per minute through Arkiv (filed over HTTP as PNG scans, until every record's text is
 * extracted) beside bare {@code tesseract} on the same pages, one after the other, in the same run:
 * the bare run is the limit on this machine.
 *
 * <p>Usage: {@code OcrBenchmark [pages] [out.md]}; run by {@code scripts/benchmark-ocr}.
 */
public final class OcrBenchmark {

  private static final String[] LINES = {
    "Kvitto för tjänsteresa till Göteborg",
    "Bokföringen av resan är klar och attesterad",
    "Travel expense claim with taxi receipts attached",
    "Belopp att betala 1250 kronor inklusive moms",
    "Approved by the head of the back office"
  };

  private OcrBenchmark() {}

  public static void main(String[] args) throws Exception {
    int pages = args.length > 0 ? Integer.parseInt(args[0]) : 20;
    Path out = Path.of(args.length > 1 ? args[1] : "target/benchmark/ocr.md");
    Path dir = Files.createTempDirectory("ocr-bench-");
    List<Path> scans = new ArrayList<>();
    for (int i = 0; i < pages; i++) {
      String[] lines = new String[LINES.length];
      for (int l = 0; l < LINES.length; l++) {
        lines[l] = LINES[(l + i) % LINES.length] + " " + (1000 + i);
      }
      Path png = dir.resolve("scan-" + i + ".png");
      Files.write(png, TestDocuments.image(TestDocuments.scan((i % 5) - 2, lines), "png"));
      scans.add(png);
    }

    // Warm-up of both, not counted.
    bare(scans.subList(0, 1));
    long bareNanos = bare(scans);

    double arkivSeconds;
    // One extraction thread, as bare tesseract runs one page after the other beside it.
    try (RunningArkiv arkiv =
        RunningArkiv.start(
            Map.of("arkiv.extraction.timeout", "600s", "arkiv.extraction.threads", "1"))) {
      ArkivClient client = arkiv.client();
      file(client, scans.get(0), "warm-up");
      long start = System.nanoTime();
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < scans.size(); i++) {
        ids.add(file(client, scans.get(i), "page-" + i));
      }
      for (String id : ids) {
        client.await(
            () -> client.get("/api/records/" + id, AUDITOR),
            r -> !"PENDING".equals(r.json().get("extraction").get("status").asString()));
      }
      arkivSeconds = (System.nanoTime() - start) / 1e9;
    }
    double bareSeconds = bareNanos / 1e9;
    double barePerMinute = pages / bareSeconds * 60;
    double arkivPerMinute = pages / arkivSeconds * 60;
    String report =
        String.format(
            "| pages | bare tesseract (s) | pages/min | Arkiv over HTTP (s) | pages/min | Arkiv / bare |%n"
                + "| --- | --- | --- | --- | --- | --- |%n"
                + "| %d | %.1f | %.1f | %.1f | %.1f | %.2f |%n",
            pages,
            bareSeconds,
            barePerMinute,
            arkivSeconds,
            arkivPerMinute,
            arkivPerMinute / barePerMinute);
    Files.createDirectories(out.toAbsolutePath().getParent());
    Files.writeString(out, report);
    System.out.print(report);
  }

  private static String file(ArkivClient client, Path png, String customer) throws Exception {
    return client
        .file(
            CLERK,
            png.getFileName().toString(),
            Files.readAllBytes(png),
            "{\"recordClass\":\"EXPENSE\",\"keys\":{\"customerId\":\"" + customer + "\"}}")
        .json()
        .get("id")
        .asString();
  }

  /** Bare tesseract, sequentially, with the same languages and one thread per process. */
  private static long bare(List<Path> scans) throws Exception {
    long start = System.nanoTime();
    for (Path scan : scans) {
      ProcessBuilder builder =
          new ProcessBuilder("tesseract", scan.toString(), "-", "-l", "swe+eng")
              .redirectErrorStream(true);
      builder.environment().put("OMP_THREAD_LIMIT", "1");
      Process process = builder.start();
      process.getInputStream().readAllBytes();
      if (!process.waitFor(300, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new IllegalStateException("tesseract failed on " + scan);
      }
    }
    return System.nanoTime() - start;
  }
}
