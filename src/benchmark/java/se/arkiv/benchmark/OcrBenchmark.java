package se.arkiv.benchmark;

import static se.arkiv.testing.RunningArkiv.AUDITOR;
import static se.arkiv.testing.RunningArkiv.CLERK;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.awaitility.Awaitility;
import se.arkiv.testing.ArkivClient;
import se.arkiv.testing.RunningArkiv;
import se.arkiv.testing.ScanFiles;
import se.arkiv.testing.TestDocuments;
import tools.jackson.databind.JsonNode;

/**
 * OCR pages per minute through Arkiv (filed over HTTP, until every record's text is extracted)
 * beside bare {@code tesseract IMAGE out -l swe+eng hocr} on the same pages with the same
 * parallelism, in the same run, for three kinds of scan: one-page PNG files, multi-page TIFF stacks
 * and PDFs of JPEG 2000 scans. The bare runs get each page as a file of its own (a TIFF page by
 * {@code tessedit_page_number}, a PDF page as the JPEG 2000 stream inside it, extracted before the
 * clock starts), {@code parallelism} processes at a time, one OpenMP thread each: the limit on this
 * machine. Arkiv runs as many extraction threads, and its own bound of one Tesseract process per
 * core.
 *
 * <p>Usage: {@code OcrBenchmark [pages] [out.md] [parallelism]}; run by {@code
 * scripts/benchmark-ocr}. {@code pages} is per kind of scan.
 */
public final class OcrBenchmark {

  private static final Duration EXTRACTION_WAIT = Duration.ofMinutes(15);

  private static final String[] LINES = {
    "Kvitto för tjänsteresa till Göteborg",
    "Bokföringen av resan är klar och attesterad",
    "Travel expense claim with taxi receipts attached",
    "Belopp att betala 1250 kronor inklusive moms",
    "Approved by the head of the back office"
  };

  /** Pages in one TIFF stack and in one PDF. */
  private static final int PAGES_PER_DOCUMENT = 10;

  /** A page as bare tesseract reads it: a file, and the frame of a multi-page TIFF or -1. */
  private record Page(Path image, int frame) {}

  private record Document(Path file, List<Page> pages) {}

  /** What the service recorded: OCR'd pages and their mean confidence (0 for a blank page). */
  private record Recorded(int pages, double meanConfidence) {}

  private record Kind(String name, List<Document> documents) {
    int pages() {
      return documents.stream().mapToInt(d -> d.pages().size()).sum();
    }
  }

  /**
   * Each kind measured twice: the first round right after a short warm-up (the service's JIT still
   * compiling beside Tesseract), the second a service that has run for a minute or two.
   */
  private static final int ROUNDS = 2;

  /** Page numbers apart between rounds, more than any round files. */
  private static final int ROUND_PAGES = 10_000;

  /** The first page number of the warm-up documents, far from the measured ones. */
  private static final int WARM_UP_FROM = 100_000;

  private OcrBenchmark() {}

  public static void main(String[] args) throws Exception {
    int pages = args.length > 0 ? Integer.parseInt(args[0]) : 20;
    Path out = Path.of(args.length > 1 ? args[1] : "target/benchmark/ocr.md");
    int parallelism =
        args.length > 2 ? Integer.parseInt(args[2]) : Runtime.getRuntime().availableProcessors();
    Path dir = Files.createTempDirectory("ocr-bench-");
    // Every round has pages of its own (other words): a page filed twice would be a duplicate.
    List<List<Kind>> rounds = new ArrayList<>();
    for (int round = 0; round < ROUNDS; round++) {
      int from = round * ROUND_PAGES;
      rounds.add(
          List.of(
              new Kind("PNG, one page a file", pngs(dir, from, pages)),
              new Kind("multi-page TIFF", tiffs(dir, from, pages)),
              new Kind("PDF of JPEG 2000 scans", jpeg2000Pdfs(dir, from, pages))));
    }
    // Other pages (other words, so no duplicates of the measured ones): four PNGs, one stack each.
    List<List<Document>> warmUps =
        List.of(
            pngs(dir, WARM_UP_FROM, 4),
            tiffs(dir, WARM_UP_FROM, PAGES_PER_DOCUMENT),
            jpeg2000Pdfs(dir, WARM_UP_FROM, PAGES_PER_DOCUMENT));
    // The service decodes JPEG 2000 as in production: not in Java.
    ScanFiles.withoutJavaJpeg2000Reader();

    StringBuilder report = new StringBuilder();
    report.append(
        String.format(
            "| round | scans | pages | parallelism | bare tesseract (s) | pages/min | Arkiv over HTTP (s)"
                + " | pages/min | Arkiv / bare | OCR pages recorded | mean confidence"
                + " | load average before |%n"
                + "| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |%n"));
    try (RunningArkiv arkiv =
        RunningArkiv.start(
            Map.of(
                "arkiv.extraction.timeout",
                "600s",
                "arkiv.extraction.threads",
                String.valueOf(parallelism)))) {
      ArkivClient client = arkiv.client();
      // Warm-up of both, not counted: a few documents of every kind, so that the service's JIT
      // has compiled the paths of all three before the first is measured (with one PNG only, the
      // service's compiler threads took about 4 s of CPU during the PNG round, beside Tesseract).
      for (List<Document> warmUp : warmUps) {
        bare(warmUp.get(0).pages(), 1);
        arkiv(client, warmUp, "warm-up");
      }
      for (int round = 0; round < ROUNDS; round++) {
        for (Kind kind : rounds.get(round)) {
          String load = loadAverage();
          double bareSeconds = seconds(bare(pagesOf(kind), parallelism));
          long start = System.nanoTime();
          Recorded recorded = arkiv(client, kind.documents(), kind.name());
          double arkivSeconds = seconds(System.nanoTime() - start);
          double barePerMinute = kind.pages() / bareSeconds * 60;
          double arkivPerMinute = kind.pages() / arkivSeconds * 60;
          String row =
              String.format(
                  "| %d | %s | %d | %d | %.1f | %.1f | %.1f | %.1f | %.2f | %d | %.1f | %s |%n",
                  round + 1,
                  kind.name(),
                  kind.pages(),
                  parallelism,
                  bareSeconds,
                  barePerMinute,
                  arkivSeconds,
                  arkivPerMinute,
                  arkivPerMinute / barePerMinute,
                  recorded.pages(),
                  recorded.meanConfidence(),
                  load);
          System.out.print(row);
          report.append(row);
        }
      }
    }
    Files.createDirectories(out.toAbsolutePath().getParent());
    Files.writeString(out, report);
    System.out.print(report);
  }

  private static List<Document> pngs(Path dir, int from, int pages) throws IOException {
    List<Document> documents = new ArrayList<>();
    for (int i = from; i < from + pages; i++) {
      Path png = dir.resolve("scan-" + i + ".png");
      Files.write(png, TestDocuments.image(scan(i), "png"));
      documents.add(new Document(png, List.of(new Page(png, -1))));
    }
    return documents;
  }

  private static List<Document> tiffs(Path dir, int from, int pages) throws IOException {
    List<Document> documents = new ArrayList<>();
    for (int first = from; first < from + pages; first += PAGES_PER_DOCUMENT) {
      int count = Math.min(PAGES_PER_DOCUMENT, from + pages - first);
      BufferedImage[] scans = new BufferedImage[count];
      List<Page> frames = new ArrayList<>();
      Path tiff = dir.resolve("stack-" + first + ".tif");
      for (int i = 0; i < count; i++) {
        scans[i] = ScanFiles.grey(scan(first + i)); // scanners write grey or black-and-white
        frames.add(new Page(tiff, i));
      }
      Files.write(tiff, TestDocuments.multiPageTiff(scans));
      documents.add(new Document(tiff, frames));
    }
    return documents;
  }

  private static List<Document> jpeg2000Pdfs(Path dir, int from, int pages) throws IOException {
    List<Document> documents = new ArrayList<>();
    for (int first = from; first < from + pages; first += PAGES_PER_DOCUMENT) {
      int count = Math.min(PAGES_PER_DOCUMENT, from + pages - first);
      BufferedImage[] scans = new BufferedImage[count];
      for (int i = 0; i < count; i++) {
        scans[i] = scan(first + i);
      }
      Path pdf = Files.write(dir.resolve("jpx-" + first + ".pdf"), ScanFiles.jpeg2000Pdf(scans));
      documents.add(new Document(pdf, jpeg2000Streams(pdf, dir)));
    }
    return documents;
  }

  /** The JPEG 2000 stream of each page, as a file of its own for bare tesseract. */
  private static List<Page> jpeg2000Streams(Path pdf, Path dir) throws IOException {
    List<Page> pages = new ArrayList<>();
    try (PDDocument document = Loader.loadPDF(pdf.toFile())) {
      int number = 0;
      for (PDPage page : document.getPages()) {
        COSName name = page.getResources().getXObjectNames().iterator().next();
        PDImageXObject image = (PDImageXObject) page.getResources().getXObject(name);
        Path jp2 = dir.resolve(pdf.getFileName() + "-" + number++ + ".jp2");
        try (InputStream raw = image.getCOSObject().createRawInputStream()) {
          Files.copy(raw, jp2);
        }
        pages.add(new Page(jp2, -1));
      }
    }
    return pages;
  }

  private static BufferedImage scan(int i) {
    String[] lines = new String[LINES.length];
    for (int l = 0; l < LINES.length; l++) {
      lines[l] = LINES[(l + i) % LINES.length] + " " + (1000 + i);
    }
    return TestDocuments.scan((i % 5) - 2, lines);
  }

  private static List<Page> pagesOf(Kind kind) {
    return kind.documents().stream().flatMap(d -> d.pages().stream()).toList();
  }

  /** Files every document, waits for every extraction; returns the OCR pages recorded. */
  private static Recorded arkiv(ArkivClient client, List<Document> documents, String customer)
      throws IOException {
    List<String> ids = new ArrayList<>();
    for (Document document : documents) {
      String metadata =
          "{\"recordClass\":\"EXPENSE\",\"keys\":{\"customerId\":\"" + customer + "\"}}";
      byte[] content = Files.readAllBytes(document.file());
      String name = document.file().getFileName().toString();
      ids.add(client.file(CLERK, name, content, metadata).json().get("id").asString());
    }
    int recorded = 0;
    double confidence = 0;
    for (String id : ids) {
      // A stack of pages on a loaded machine takes longer than the client's own wait.
      JsonNode pages =
          Awaitility.await()
              .atMost(EXTRACTION_WAIT)
              .pollInterval(Duration.ofMillis(100))
              .until(
                  () -> client.get("/api/records/" + id, AUDITOR).json().get("extraction"),
                  extraction -> !"PENDING".equals(extraction.get("status").asString()))
              .get("ocrPages");
      for (JsonNode page : pages) {
        recorded++;
        confidence += page.get("confidence").asDouble();
      }
    }
    return new Recorded(recorded, recorded == 0 ? 0 : confidence / recorded);
  }

  /** Bare tesseract on every page, {@code parallelism} processes at a time; the nanoseconds. */
  private static long bare(List<Page> pages, int parallelism) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(parallelism);
    try {
      long start = System.nanoTime();
      List<Future<?>> runs = new ArrayList<>();
      for (Page page : pages) {
        runs.add(
            pool.submit(
                () -> {
                  tesseract(page);
                  return null;
                }));
      }
      for (Future<?> run : runs) {
        run.get();
      }
      return System.nanoTime() - start;
    } finally {
      pool.shutdownNow();
    }
  }

  private static void tesseract(Page page) throws Exception {
    Path output = Files.createTempFile("ocr-bench-", "");
    List<String> command = new ArrayList<>(List.of("tesseract", page.image().toString()));
    command.addAll(List.of(output.toString(), "-l", "swe+eng"));
    if (page.frame() >= 0) {
      command.addAll(List.of("-c", "tessedit_page_number=" + page.frame()));
    }
    command.add("hocr");
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("OMP_THREAD_LIMIT", "1");
    Process process = builder.start();
    process.getInputStream().readAllBytes();
    if (!process.waitFor(300, TimeUnit.SECONDS) || process.exitValue() != 0) {
      throw new IllegalStateException("tesseract failed on " + page);
    }
    Files.deleteIfExists(output);
    Files.deleteIfExists(Path.of(output + ".hocr"));
  }

  private static String loadAverage() throws IOException {
    String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
    return fields[0] + " " + fields[1] + " " + fields[2];
  }

  private static double seconds(long nanos) {
    return nanos / 1e9;
  }
}
