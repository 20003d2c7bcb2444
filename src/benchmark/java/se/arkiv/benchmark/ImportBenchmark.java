package se.arkiv.benchmark;

import ch.qos.logback.classic.Level;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.arkiv.testing.ArkivClient;
import se.arkiv.testing.RunningArkiv;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Bulk import against the ceiling: N generated documents imported through {@code POST /api/imports}
 * into the service running as its own process ({@code java -jar}), until every one is extracted and
 * searchable, beside bare Tika + Lucene {@code addDocument} on the same documents with the same
 * threads ({@link FilingBenchmark#baseline}). The service's heap is sampled with {@code jstat}.
 * Then a second import is cut by {@code kill -9} in the middle, the service started again, and the
 * store checked: every line filed once, none lost.
 *
 * <p>Arguments: jar, documents, threads, crash documents, commit, report file, docs file (or "-").
 *
 * <p>Why it is over 300 lines: the two measured parts (import beside the ceiling; kill and resume)
 * share their manifest writing, waiting and store check, and the report reads best whole; the
 * service process and the heap sampler are classes of their own.
 */
public final class ImportBenchmark {

  private static final String BEGIN = "<!-- import-benchmark:begin -->";
  private static final String END = "<!-- import-benchmark:end -->";
  static final String HEAP = "1g";
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private ImportBenchmark() {}

  public static void main(String[] args) throws Exception {
    ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME))
        .setLevel(Level.WARN);
    ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("org.apache.pdfbox"))
        .setLevel(Level.ERROR);
    Path jar = Path.of(args[0]);
    int count = Integer.parseInt(args[1]);
    int threads = Integer.parseInt(args[2]);
    int crashCount = Integer.parseInt(args[3]);
    String commit = args[4];
    Path out = Path.of(args[5]);
    String docs = args[6];
    String loadBefore = ArkivBenchmark.loadAverage();
    Corpus corpus = new Corpus(20250101);
    List<Corpus.Document> warmup = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      warmup.add(corpus.document(5_000_000 + i));
    }
    List<Corpus.Document> documents = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      documents.add(corpus.document(i));
    }
    System.out.printf(
        "Baseline: bare Tika + Lucene, %d threads, %,d documents...%n", threads, count);
    FilingBenchmark.Outcome ceiling =
        new FilingBenchmark(warmup, documents, threads).baseline("Tika + Lucene", threads);
    System.out.printf("  %.1f docs/s%n", ceiling.documentsPerSecond());

    Path root = RunningArkiv.newRoot();
    Measured measured;
    try (ServiceProcess service = ServiceProcess.start(jar, root, threads)) {
      ArkivClient client = service.client();
      write(root, "warmup", warmup, "bench-warmup");
      settle(client, importOf(client, "warmup"), "bench-warmup", warmup.size());
      write(root, "run", documents, "bench-import");
      System.out.printf("Import of %,d documents...%n", count);
      service.heap.reset();
      long started = System.nanoTime();
      String id = importOf(client, "run");
      double filed = (System.nanoTime() - started) / 1e9;
      settle(client, id, "bench-import", count);
      double searchable = (System.nanoTime() - started) / 1e9;
      JsonNode report = client.get("/api/imports/" + id, RunningArkiv.MANAGER).json();
      measured =
          new Measured(
              count,
              filed,
              searchable,
              report.get("filed").asLong(),
              report.get("duplicates").asLong(),
              report.get("refused").asLong(),
              service.heap.peakMegabytes(),
              service.peakRssMegabytes());
      System.out.printf(
          "  filed in %.0f s, searchable in %.0f s; heap peak %d MB%n",
          filed, searchable, measured.heapMegabytes());
    } finally {
      ArkivBenchmark.delete(root);
    }
    Crash crash = crash(jar, threads, corpus, crashCount);
    String load = loadBefore + " at the start, " + ArkivBenchmark.loadAverage() + " at the end";
    String section = report(ceiling, measured, crash, threads, commit, load);
    System.out.println(section);
    Files.createDirectories(out.toAbsolutePath().getParent());
    Files.writeString(out, section);
    if (!docs.equals("-")) {
      BenchmarkSections.replace(Path.of(docs), section, BEGIN, END);
      System.out.println("Updated the import section of " + docs);
    }
  }

  record Measured(
      int documents,
      double filedSeconds,
      double searchableSeconds,
      long filed,
      long duplicates,
      long refused,
      long heapMegabytes,
      long rssMegabytes) {}

  record Crash(
      int lines,
      long doneAtKill,
      long storedAtKill,
      long filed,
      long duplicates,
      long stored,
      long distinctLines,
      long searchable) {}

  /** An import cut by kill -9 once half its lines are done, then resumed by a fresh start. */
  private static Crash crash(Path jar, int threads, Corpus corpus, int count) throws Exception {
    Path root = RunningArkiv.newRoot();
    List<Corpus.Document> documents = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      documents.add(corpus.document(1_000_000 + i));
    }
    write(root, "crash", documents, "bench-crash");
    try {
      String id;
      long doneAtKill;
      long storedAtKill;
      try (ServiceProcess service = ServiceProcess.start(jar, root, threads)) {
        ArkivClient client = service.client();
        id = start(client, "crash");
        await(() -> done(client, id) >= count / 2, 600);
        // The last progress seen before the kill: the import went on a little after it.
        doneAtKill = done(client, id);
        service.process.destroyForcibly().waitFor(60, TimeUnit.SECONDS);
        storedAtKill = recordsOfImport(root, id).size();
        System.out.printf(
            "Killed (-9) at %d of %d lines done, %d records stored%n",
            doneAtKill, count, storedAtKill);
      }
      try (ServiceProcess service = ServiceProcess.start(jar, root, threads)) {
        ArkivClient client = service.client();
        await(() -> "FINISHED".equals(state(client, id)), 1800);
        JsonNode progress = client.get("/api/imports/" + id, RunningArkiv.MANAGER).json();
        settle(client, id, "bench-crash", count);
        Map<String, Integer> stored = recordsOfImport(root, id);
        return new Crash(
            count,
            doneAtKill,
            storedAtKill,
            progress.get("filed").asLong(),
            progress.get("duplicates").asLong(),
            stored.size(),
            new HashSet<>(stored.values()).size(),
            searchable(client, "bench-crash"));
      }
    } finally {
      ArkivBenchmark.delete(root);
    }
  }

  /** The documents as files below the import root, and {@code <name>.csv} describing them. */
  private static void write(Path root, String name, List<Corpus.Document> documents, String tag)
      throws IOException {
    Path folder = Files.createDirectories(root.resolve("data/imports").resolve(name));
    StringBuilder csv =
        new StringBuilder(
            "file,recordClass,department,documentDate,fiscalYearEnd,title,tags,customerId,"
                + "legacyId,originalFiledAt,originalFiledBy\n");
    for (Corpus.Document document : documents) {
      Corpus.Content c = document.content();
      String file = c.index() + "-" + document.fileName();
      Files.write(folder.resolve(file), document.bytes());
      csv.append(
          String.join(
              ",",
              cell(file),
              c.recordClass(),
              c.department(),
              c.documentDate().toString(),
              c.fiscalYearEnd() == null ? "" : c.fiscalYearEnd().toString(),
              cell(c.title()),
              tag,
              c.customerId(),
              "LEGACY-" + c.index(),
              c.documentDate().plusDays(1).toString(),
              "legacy-filer-" + (c.index() % 17)));
      csv.append('\n');
    }
    Files.writeString(root.resolve("data/imports").resolve(name + ".csv"), csv);
  }

  private static String cell(String value) {
    return "\"" + value.replace("\"", "\"\"") + "\"";
  }

  private static String start(ArkivClient client, String name) {
    ArkivClient.Response started =
        client.post(
            "/api/imports",
            RunningArkiv.MANAGER,
            "{\"source\":\""
                + name
                + "\",\"manifest\":\""
                + name
                + ".csv\",\"legacySystem\":\"benchmark\"}");
    if (started.status() != 202) {
      throw new IllegalStateException("Import not started: " + started.text());
    }
    return started.json().get("id").asString();
  }

  /** Starts an import and returns once every line is filed. */
  private static String importOf(ArkivClient client, String name) throws Exception {
    String id = start(client, name);
    await(() -> "FINISHED".equals(state(client, id)), 3600);
    return id;
  }

  private static String state(ArkivClient client, String id) {
    return client.get("/api/imports/" + id, RunningArkiv.MANAGER).json().get("state").asString();
  }

  private static long done(ArkivClient client, String id) {
    return client.get("/api/imports/" + id, RunningArkiv.MANAGER).json().get("done").asLong();
  }

  private static void settle(ArkivClient client, String id, String tag, int expected)
      throws Exception {
    await(() -> searchable(client, tag) >= expected, 3600);
  }

  private static long searchable(ArkivClient client, String tag) {
    ArkivClient.Response response =
        client.search(
            RunningArkiv.AUDITOR,
            "q",
            "extractionStatus:DONE OR extractionStatus:FAILED",
            "tag",
            tag,
            "size",
            "1");
    return response.status() == 200 ? response.json().get("total").asLong() : -1;
  }

  private static void await(BooleanSupplier condition, int seconds) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("Gave up waiting after " + seconds + " s");
      }
      // As often as the index is refreshed by default: finer polling only costs the service.
      Thread.sleep(250);
    }
  }

  /** Record id to manifest line of every record in the store whose metadata names the import. */
  private static Map<String, Integer> recordsOfImport(Path root, String importId)
      throws IOException {
    Map<String, Integer> found = new HashMap<>();
    Path records = root.resolve("data/objects/records");
    if (!Files.isDirectory(records)) {
      return found;
    }
    try (Stream<Path> folders = Files.list(records)) {
      for (Path folder : folders.toList()) {
        Path first = folder.resolve("meta/000001.json");
        if (Files.exists(first)) {
          JsonNode provenance = JSON.readTree(Files.readString(first)).path("provenance");
          if (importId.equals(provenance.path("importId").asString(null))) {
            found.put(folder.getFileName().toString(), provenance.get("manifestLine").asInt());
          }
        }
      }
    }
    return found;
  }

  private static String report(
      FilingBenchmark.Outcome ceiling, Measured m, Crash c, int threads, String commit, String load)
      throws IOException {
    double rate = m.documents() / m.searchableSeconds();
    StringBuilder r = new StringBuilder(BEGIN).append("\n## Bulk import\n\n");
    r.append("`./scripts/benchmark-import` (ImportBenchmark) on ")
        .append(Runtime.getRuntime().availableProcessors())
        .append(" cores (")
        .append(cpu())
        .append("), ")
        .append(Instant.now().toString(), 0, 16)
        .append(" UTC, commit `")
        .append(commit)
        .append("`. The service runs as its own process (`java -Xmx")
        .append(HEAP)
        .append(" -jar target/arkiv.jar`, embedded filesystem store and Lucene index), ")
        .append("`arkiv.imports.parallelism=")
        .append(threads)
        .append("`; the ceiling is FilingBenchmark's bare Tika + Lucene `addDocument` with ")
        .append(threads)
        .append(" threads on the same documents, in the same run. One run. Load average ")
        .append(load)
        .append(" (1, 5, 15 min)")
        .append(
            busy(load)
                ? ": other work shared the cores, so the ratio says more than the absolute rates"
                : "")
        .append(".\n\n");
    r.append("| | documents | seconds | docs/s | ratio to the ceiling |\n");
    r.append("| --- | ---: | ---: | ---: | ---: |\n");
    r.append(
        String.format(
            Locale.ROOT,
            "| bare Tika + Lucene, %d threads | %,d | %.1f | %.1f | 1 |%n",
            threads,
            ceiling.documents(),
            ceiling.seconds(),
            ceiling.documentsPerSecond()));
    r.append(
        String.format(
            Locale.ROOT,
            "| import, every line filed (acknowledged) | %,d | %.1f | %.1f | %.3f |%n",
            m.documents(),
            m.filedSeconds(),
            m.documents() / m.filedSeconds(),
            m.documents() / m.filedSeconds() / ceiling.documentsPerSecond()));
    r.append(
        String.format(
            Locale.ROOT,
            "| import, every record extracted and searchable | %,d | %.1f | %.1f | **%.3f** |%n%n",
            m.documents(),
            m.searchableSeconds(),
            rate,
            rate / ceiling.documentsPerSecond()));
    r.append(
        String.format(
            Locale.ROOT,
            "Outcome: %,d filed, %,d duplicates, %,d refused. Service heap in use at its peak"
                + " (jstat, S0U+S1U+EU+OU, sampled each second during the measured import): **%,d"
                + " MB** of -Xmx%s; peak resident set (VmHWM) %,d MB.%n%n",
            m.filed(),
            m.duplicates(),
            m.refused(),
            m.heapMegabytes(),
            HEAP,
            m.rssMegabytes()));
    r.append(
        String.format(
            Locale.ROOT,
            "`kill -9` in the middle: an import of %,d other documents was killed once %,d lines"
                + " were seen done (%,d records in the store named it after the kill), the service started again and"
                + " resumed it by itself. After: %,d filed, %,d duplicates; the store holds %,d"
                + " records naming the import, for %,d distinct manifest lines; %,d searchable."
                + " **%s**.%n",
            c.lines(),
            c.doneAtKill(),
            c.storedAtKill(),
            c.filed(),
            c.duplicates(),
            c.stored(),
            c.distinctLines(),
            c.searchable(),
            c.stored() == c.lines() && c.distinctLines() == c.lines() && c.filed() == c.lines()
                ? "None filed twice, none lost"
                : "NOT every line exactly once"));
    r.append(END).append('\n');
    return r.toString();
  }

  /** True when some load average was above the core count: something else ran too. */
  private static boolean busy(String load) {
    return Arrays.stream(load.split("[^0-9.]+"))
        .filter(v -> !v.isEmpty() && !v.equals("."))
        .mapToDouble(Double::parseDouble)
        .anyMatch(v -> v > Runtime.getRuntime().availableProcessors());
  }

  private static String cpu() throws IOException {
    Path cpuinfo = Path.of("/proc/cpuinfo");
    if (!Files.isReadable(cpuinfo)) {
      return "unknown CPU";
    }
    try (Stream<String> lines = Files.lines(cpuinfo)) {
      return lines
          .filter(l -> l.startsWith("model name"))
          .map(l -> l.substring(l.indexOf(':') + 1).strip())
          .findFirst()
          .orElse("unknown CPU");
    }
  }
}
