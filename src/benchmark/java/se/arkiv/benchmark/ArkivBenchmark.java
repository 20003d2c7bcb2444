package se.arkiv.benchmark;

import ch.qos.logback.classic.Level;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.arkiv.storage.S3StoreBenchmark;

/**
 * The benchmark of issue "filing throughput and search latency": run by {@code ./scripts/benchmark}
 * (see docs/benchmarks.md). Prints a Markdown report and writes it to {@code --out}.
 *
 * <ol>
 *   <li>Filing: {@code --docs} generated documents filed over HTTP by {@code --clients} threads,
 *       timed until every one is extracted and searchable, beside bare Tika + Lucene on the same
 *       documents in this process.
 *   <li>Search: {@code --records} records in the store, indexed by the service, then {@code
 *       --queries} queries of each type over HTTP, one at a time.
 * </ol>
 *
 * <p>{@code --only} picks parts by name, comma-separated: {@code filing}, {@code search}, and the
 * parts of docs/benchmarks-more.md: {@code storage} ({@link se.arkiv.storage.S3StoreBenchmark}),
 * {@code disposition} ({@link DispositionBenchmark}) and {@code scope} ({@link
 * ScopeSearchBenchmark}). Without it, filing and search run as before.
 */
public final class ArkivBenchmark {

  /** Service properties for every run: less logging, nothing else changed. */
  static final Map<String, Object> QUIET =
      Map.of(
          "logging.level.root", "WARN",
          "logging.level.se.arkiv", "INFO",
          "logging.level.org.apache.pdfbox", "ERROR",
          "spring.main.banner-mode", "off");

  private ArkivBenchmark() {}

  public static void main(String[] args) throws Exception {
    ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME))
        .setLevel(Level.WARN);
    ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("org.apache.pdfbox"))
        .setLevel(Level.ERROR);
    Map<String, String> options = options(args);
    int docs = Integer.parseInt(options.getOrDefault("docs", "500"));
    int warmup = Integer.parseInt(options.getOrDefault("warmup", "60"));
    int clients = Integer.parseInt(options.getOrDefault("clients", "4"));
    int records = Integer.parseInt(options.getOrDefault("records", "100000"));
    int queries = Integer.parseInt(options.getOrDefault("queries", "150"));
    int variantThreads = Integer.parseInt(options.getOrDefault("extraction-threads-variant", "1"));
    int rounds = Integer.parseInt(options.getOrDefault("rounds", "3"));
    long seed = Long.parseLong(options.getOrDefault("seed", "20250101"));
    Path out = Path.of(options.getOrDefault("out", "target/benchmark/results.md"));
    Set<String> only = options.containsKey("only") ? Set.of(options.get("only").split(",")) : null;
    if (only != null && !PARTS.containsAll(only)) {
      throw new IllegalArgumentException("--only takes parts among " + PARTS + ", not " + only);
    }
    boolean filing = only == null ? !options.containsKey("skip-filing") : only.contains("filing");
    boolean search = only == null ? !options.containsKey("skip-search") : only.contains("search");
    boolean storage = only != null && only.contains("storage");
    boolean disposition = only != null && only.contains("disposition");
    boolean scope = only != null && only.contains("scope");
    if (only != null && !filing && !search && !options.containsKey("out")) {
      out = Path.of("target/benchmark/results-more.md");
    }

    long started = System.nanoTime();
    StringBuilder report = new StringBuilder();
    report.append("# Arkiv benchmark results\n\n");
    machine(report, args);
    Corpus corpus = new Corpus(seed);

    if (filing) {
      System.out.printf("Generating %d + %d warm-up documents...%n", docs, warmup);
      List<Corpus.Document> warm = new ArrayList<>();
      for (int i = 0; i < warmup; i++) {
        warm.add(corpus.document(5_000_000 + i));
      }
      List<Corpus.Document> documents = new ArrayList<>();
      for (int i = 0; i < docs; i++) {
        documents.add(corpus.document(i));
      }
      FilingBenchmark benchmark =
          new FilingBenchmark(
              warm,
              documents,
              clients,
              options.containsKey("service-jar") ? Path.of(options.get("service-jar")) : null);
      Map<String, Object> defaults = new LinkedHashMap<>();
      if (docs + warmup > 900) {
        // The extraction queue holds 1000; an overflow waits for the sweep, every 10 minutes.
        defaults.put("arkiv.extraction.sweep-interval", "5s");
      }
      Map<String, Object> variant = new LinkedHashMap<>(defaults);
      String variantName;
      if (options.containsKey("variant-properties")) {
        // The same pipeline with other settings, measured in the same round as the defaults.
        for (String pair : options.get("variant-properties").split(",")) {
          variant.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
        }
        variantName = "Arkiv over HTTP, " + options.get("variant-properties");
      } else {
        variant.put("arkiv.extraction.threads", variantThreads);
        variantName = "Arkiv over HTTP, arkiv.extraction.threads=" + variantThreads;
      }
      boolean withVariant = variantThreads > 0 || options.containsKey("variant-properties");
      Map<String, List<FilingBenchmark.Outcome>> arkiv = new LinkedHashMap<>();
      Map<String, List<FilingBenchmark.Outcome>> baseline = new LinkedHashMap<>();
      // Rounds interleave the pipelines, so a noisy minute on a shared machine hits all of them.
      CpuMeter cpu = CpuMeter.start();
      for (int round = 1; round <= rounds; round++) {
        System.out.printf(
            "Filing round %d of %d (load average %s): Arkiv over HTTP...%n",
            round, rounds, loadAverage());
        add(
            arkiv,
            benchmark.arkiv(
                "Arkiv over HTTP, defaults (arkiv.extraction.threads="
                    + Runtime.getRuntime().availableProcessors()
                    + ")",
                defaults));
        if (withVariant) {
          System.out.printf("Filing round %d: %s...%n", round, variantName);
          add(arkiv, benchmark.arkiv(variantName, variant));
        }
        System.out.printf("Filing round %d: Tika + Lucene in this process...%n", round);
        // One thread, one a core (as many as Arkiv's extraction children), one a client. A bare
        // run takes a second or two, so each is measured three times a round: one run alone
        // swings with the JIT and the collector.
        for (int threads :
            new TreeSet<>(List.of(1, Runtime.getRuntime().availableProcessors(), clients))) {
          for (int repeat = 0; repeat < 3; repeat++) {
            add(
                baseline,
                benchmark.baseline(
                    "Tika + Lucene addDocument, "
                        + threads
                        + (threads == 1 ? " thread" : " threads"),
                    threads));
          }
        }
      }
      filingReport(report, documents, clients, arkiv, baseline);
      report.append("CPU use during the filing part: " + cpu.describe() + ".\n\n");
    }

    if (search) {
      System.out.printf("Search latency: writing %d records into the store...%n", records);
      SearchLatencyBenchmark.Outcome outcome =
          new SearchLatencyBenchmark(corpus, records, queries).run();
      searchReport(report, outcome, queries);
      uiReport(report, outcome.ui(), outcome.records(), queries);
    }

    if (storage) {
      System.out.println("Object store: S3 adapter, MinIO SDK, filesystem adapter...");
      report.append(S3StoreBenchmark.run(options));
      checkpoint(out, report);
    }

    if (scope) {
      int scopeRecords =
          Integer.parseInt(options.getOrDefault("scope-records", Integer.toString(records)));
      ScopeSearchBenchmark.Outcome outcome =
          new ScopeSearchBenchmark(corpus, scopeRecords, queries).run();
      ScopeSearchBenchmark.report(report, outcome, queries);
      checkpoint(out, report);
    }

    // Last: its second size runs only if the first was quick enough (see disposition()).
    if (disposition) {
      disposition(report, options, corpus, out);
      checkpoint(out, report);
    }

    long heap = heapUsedAfterGc();
    report.append("## Memory\n\n");
    report.append("| what | MiB |\n| --- | ---: |\n");
    report.append(
        String.format(
            Locale.ROOT,
            "| heap limit of this JVM (Runtime.maxMemory, from -Xmx) | %d |%n",
            Runtime.getRuntime().maxMemory() >> 20));
    report.append(
        String.format(
            Locale.ROOT,
            "| peak heap used during the run (sum of the heap pools' peaks) | %d |%n",
            peakHeap() >> 20));
    report.append(
        String.format(
            Locale.ROOT,
            "| heap used after the whole run, services stopped, after System.gc() | %d |%n%n",
            heap >> 20));
    report.append(
        String.format(
            Locale.ROOT, "Whole run: %.1f minutes.%n", (System.nanoTime() - started) / 60e9));

    Files.createDirectories(out.toAbsolutePath().getParent());
    Files.writeString(out, report);
    System.out.println();
    System.out.println(report);
    System.out.println("Written to " + out.toAbsolutePath());
  }

  /** The parts {@code --only} knows. */
  static final List<String> PARTS = List.of("filing", "search", "storage", "disposition", "scope");

  /**
   * Disposition at each size of {@code --disposition-records} (default 10000,100000), each in a
   * fresh service; a size is measured only if the one before took less than {@code
   * --disposition-next-under-minutes} (default 5) in all.
   */
  private static void disposition(
      StringBuilder report, Map<String, String> options, Corpus corpus, Path out) throws Exception {
    List<Integer> sizes = new ArrayList<>();
    for (String size : options.getOrDefault("disposition-records", "10000,100000").split(",")) {
      sizes.add(Integer.parseInt(size.strip()));
    }
    int threads = Integer.parseInt(options.getOrDefault("disposition-threads", "4"));
    boolean ramDisk = Boolean.parseBoolean(options.getOrDefault("disposition-ram-disk", "true"));
    double limit = Double.parseDouble(options.getOrDefault("disposition-next-under-minutes", "5"));
    List<DispositionBenchmark.Outcome> outcomes = new ArrayList<>();
    String skipped = null;
    for (int size : sizes) {
      if (!outcomes.isEmpty()) {
        DispositionBenchmark.Outcome last = outcomes.get(outcomes.size() - 1);
        if (last.wholeMinutes() >= limit) {
          skipped =
              String.format(
                  Locale.ROOT,
                  "Not measured at %,d records: the %,d-record size took %.1f minutes in all,"
                      + " not under the limit of %.0f minutes (--disposition-next-under-minutes).",
                  size,
                  last.records(),
                  last.wholeMinutes(),
                  limit);
          System.out.println(skipped);
          break;
        }
      }
      outcomes.add(new DispositionBenchmark(corpus, threads, ramDisk).run(size));
      StringBuilder partial = new StringBuilder(report);
      DispositionBenchmark.report(partial, outcomes, threads, null);
      checkpoint(out, partial);
    }
    DispositionBenchmark.report(report, outcomes, threads, skipped);
  }

  /** Writes the report so far, so that a part that fails later leaves what was measured. */
  private static void checkpoint(Path out, StringBuilder report) throws IOException {
    Files.createDirectories(out.toAbsolutePath().getParent());
    Files.writeString(out, report);
  }

  private static void add(
      Map<String, List<FilingBenchmark.Outcome>> outcomes, FilingBenchmark.Outcome outcome) {
    outcomes.computeIfAbsent(outcome.name(), k -> new ArrayList<>()).add(outcome);
    System.out.printf(
        Locale.ROOT,
        "  %s: %.2f s, %.1f documents/s%n",
        outcome.name(),
        outcome.seconds(),
        outcome.documentsPerSecond());
  }

  /** The run with the median time (the faster middle one of an even count). */
  private static FilingBenchmark.Outcome median(List<FilingBenchmark.Outcome> runs) {
    List<FilingBenchmark.Outcome> sorted = new ArrayList<>(runs);
    sorted.sort(Comparator.comparingDouble(FilingBenchmark.Outcome::seconds));
    return sorted.get((sorted.size() - 1) / 2);
  }

  /** Median time of fsync'ing a new 4 KB file, as the object store does for every object. */
  private static double fsyncMs() throws IOException {
    Path dir = Files.createTempDirectory("arkiv-bench-fsync-");
    try {
      Latencies latencies = new Latencies();
      byte[] block = new byte[4096];
      for (int i = 0; i < 200; i++) {
        Path file = dir.resolve("f" + i);
        Files.write(file, block);
        long started = System.nanoTime();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
          channel.force(true);
        }
        latencies.add(System.nanoTime() - started);
      }
      return latencies.percentileMs(0.5);
    } finally {
      delete(dir);
    }
  }

  private static Map<String, String> options(String[] args) {
    Map<String, String> options = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (!arg.startsWith("--")) {
        throw new IllegalArgumentException(
            "Unexpected argument " + arg + "; see docs/benchmarks.md");
      }
      String name = arg.substring(2);
      if (name.contains("=")) {
        options.put(name.substring(0, name.indexOf('=')), name.substring(name.indexOf('=') + 1));
      } else if (name.startsWith("skip-")) {
        options.put(name, "true");
      } else if (i + 1 < args.length) {
        options.put(name, args[++i]);
      } else {
        throw new IllegalArgumentException(arg + " needs a value");
      }
    }
    return options;
  }

  private static void machine(StringBuilder report, String[] args) throws IOException {
    String cpu = "unknown";
    Path cpuinfo = Path.of("/proc/cpuinfo");
    if (Files.isReadable(cpuinfo)) {
      cpu =
          Files.readAllLines(cpuinfo).stream()
              .filter(l -> l.startsWith("model name"))
              .map(l -> l.substring(l.indexOf(':') + 1).strip())
              .findFirst()
              .orElse(cpu);
    }
    String memory = "unknown";
    Path meminfo = Path.of("/proc/meminfo");
    if (Files.isReadable(meminfo)) {
      memory =
          Files.readAllLines(meminfo).stream()
              .filter(l -> l.startsWith("MemTotal"))
              .map(l -> l.replaceAll("\\D+", ""))
              .map(kb -> String.format(Locale.ROOT, "%.1f GiB", Long.parseLong(kb) / 1048576.0))
              .findFirst()
              .orElse(memory);
    }
    report.append("| | |\n| --- | --- |\n");
    report.append(
        "| date | "
            + ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.RFC_1123_DATE_TIME)
            + " |\n");
    report.append("| processors (nproc) | " + Runtime.getRuntime().availableProcessors() + " |\n");
    report.append("| memory | " + memory + " |\n");
    report.append("| CPU | " + cpu + " |\n");
    report.append(
        "| OS | "
            + System.getProperty("os.name")
            + " "
            + System.getProperty("os.version")
            + " |\n");
    report.append(
        "| Java | "
            + System.getProperty("java.vm.name")
            + " "
            + System.getProperty("java.runtime.version")
            + " |\n");
    report.append(
        "| heap limit | "
            + (Runtime.getRuntime().maxMemory() >> 20)
            + " MiB (JVM options: "
            + String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments())
            + ") |\n");
    report.append(
        String.format(
            Locale.ROOT,
            "| fsync of a new 4 KB file in the temp folder (median of 200) | %.2f ms |%n",
            fsyncMs()));
    report.append("| load average (1, 5, 15 min) at the start | " + loadAverage() + " |\n");
    report.append("| command | `./scripts/benchmark " + String.join(" ", args) + "` |\n\n");
  }

  private static void filingReport(
      StringBuilder report,
      List<Corpus.Document> documents,
      int clients,
      Map<String, List<FilingBenchmark.Outcome>> arkivRuns,
      Map<String, List<FilingBenchmark.Outcome>> baselineRuns) {
    Map<Corpus.Kind, long[]> kinds = new EnumMap<>(Corpus.Kind.class);
    long swedish = 0;
    for (Corpus.Document document : documents) {
      long[] counts = kinds.computeIfAbsent(document.kind(), k -> new long[2]);
      counts[0]++;
      counts[1] += document.bytes().length;
      if (document.content().language() == Corpus.Language.SV) {
        swedish++;
      }
    }
    long bytes = FilingBenchmark.bytes(documents);
    int rounds = arkivRuns.values().iterator().next().size();
    report.append("## Filing throughput\n\n");
    report.append(
        String.format(
            Locale.ROOT,
            "%d documents, %.2f MB in all (%d Swedish, %d English); Arkiv gets them from %d"
                + " concurrent HTTP clients. Each Arkiv pipeline ran %d times, interleaved, and"
                + " each bare one three times a round; the table shows the run with the median"
                + " time and the range of all runs.%n%n",
            documents.size(),
            bytes / 1e6,
            swedish,
            documents.size() - swedish,
            clients,
            rounds));
    report.append("| format | documents | mean size (KB) |\n| --- | ---: | ---: |\n");
    kinds.forEach(
        (kind, counts) ->
            report.append(
                String.format(
                    Locale.ROOT,
                    "| %s | %d | %.1f |%n",
                    kind,
                    counts[0],
                    counts[1] / 1e3 / counts[0])));
    report.append("\n");
    report.append(
        "| pipeline | seconds (median) | documents/s | MB/s | documents/s, all runs | failed |\n"
            + "| --- | ---: | ---: | ---: | --- | ---: |\n");
    Map<String, List<FilingBenchmark.Outcome>> all = new LinkedHashMap<>(arkivRuns);
    all.putAll(baselineRuns);
    all.forEach(
        (name, runs) -> {
          FilingBenchmark.Outcome median = median(runs);
          report.append(
              String.format(
                  Locale.ROOT,
                  "| %s | %.2f | %.1f | %.3f | %s | %d |%n",
                  name,
                  median.seconds(),
                  median.documentsPerSecond(),
                  median.megabytesPerSecond(),
                  String.join(
                      ", ",
                      runs.stream()
                          .map(r -> String.format(Locale.ROOT, "%.1f", r.documentsPerSecond()))
                          .toList()),
                  median.failed()));
        });
    report.append(
        "\nRatio Arkiv / baseline in documents per second (the same for MB/s), medians:\n\n");
    report.append("| Arkiv |");
    baselineRuns.keySet().forEach(name -> report.append(" vs ").append(name).append(" |"));
    report.append("\n| --- |");
    baselineRuns.keySet().forEach(name -> report.append(" ---: |"));
    report.append("\n");
    arkivRuns.forEach(
        (name, runs) -> {
          FilingBenchmark.Outcome a = median(runs);
          report.append("| ").append(name).append(" |");
          for (List<FilingBenchmark.Outcome> baseline : baselineRuns.values()) {
            FilingBenchmark.Outcome b = median(baseline);
            double ratio = a.documentsPerSecond() / b.documentsPerSecond();
            report.append(String.format(Locale.ROOT, " %.3f (%.1f %%) |", ratio, 100 * ratio));
          }
          report.append("\n");
        });
    report.append(
        "\nArkiv detail (median run): uploads are answered (201) before the text is extracted;"
            + " time from the first upload to the last answer, to the last record extracted and"
            + " searchable, and the latency of one upload:\n\n");
    report.append(
        "| pipeline | all answered after (s) | all searchable after (s) |"
            + " upload p50 (ms) | upload p99 (ms) | store on disk (MB) |"
            + " JIT compiling in the service's JVM meanwhile (s) |\n"
            + "| --- | ---: | ---: | ---: | ---: | ---: | ---: |\n");
    arkivRuns.forEach(
        (name, runs) -> {
          FilingBenchmark.Outcome a = median(runs);
          report.append(
              String.format(
                  Locale.ROOT,
                  "| %s | %.2f | %.2f | %s | %s | %.1f | %.1f |%n",
                  name,
                  a.acknowledgedSeconds(),
                  a.seconds(),
                  Latencies.ms(a.acknowledgements().percentileMs(0.5)),
                  Latencies.ms(a.acknowledgements().percentileMs(0.99)),
                  a.storeBytes() / 1e6,
                  a.jitSeconds()));
        });
    report.append("\n");
  }

  private static void searchReport(
      StringBuilder report, SearchLatencyBenchmark.Outcome outcome, int queries) {
    report.append(
        String.format(Locale.ROOT, "## Search latency at %,d records%n%n", outcome.records()));
    report.append("| step | seconds |\n| --- | ---: |\n");
    report.append(
        String.format(
            Locale.ROOT,
            "| write %,d records into the object store layout (generate text, JSON, files, no"
                + " fsync) | %.1f |%n",
            outcome.records(),
            outcome.fillSeconds()));
    report.append(
        String.format(
            Locale.ROOT,
            "| plain Lucene: addDocument of the same texts + commit (1 thread) | %.1f |%n",
            outcome.baselineIndexSeconds()));
    report.append(
        String.format(
            Locale.ROOT, "| Arkiv restart (Spring context up) | %.1f |%n", outcome.bootSeconds()));
    report.append(
        String.format(
            Locale.ROOT,
            "| Arkiv restart until all records searchable (IndexCatchUp) | %.1f |%n%n",
            outcome.searchableSeconds()));
    report.append("CPU use during the catch-up: " + outcome.cpuDuringCatchUp() + ".\n\n");
    report.append(
        String.format(
            Locale.ROOT,
            "Store: %.0f MB in %,d files. Arkiv index: %.0f MB; plain Lucene index: %.0f MB.%n%n",
            outcome.storeBytes() / 1e6,
            outcome.storeFiles(),
            outcome.indexBytes() / 1e6,
            outcome.baselineIndexBytes() / 1e6));
    SearchLatencyBenchmark.indexTable(report, outcome);
    report.append(
        String.format(
            Locale.ROOT,
            "%d queries of each type over HTTP, one at a time after a warm-up, interleaved by"
                + " type; page size 20 with snippets and facets (the API's defaults). Errors: %d."
                + " CPU use while the queries ran (Arkiv and the baseline): %s.%n%n",
            queries,
            outcome.errors(),
            outcome.cpuDuringQueries()));
    SearchLatencyBenchmark.latencyTables(report, outcome);
    report.append("Password hashing per request (HTTP Basic checks the password every time):\n\n");
    report.append("| request | p50 (ms) | p99 (ms) |\n| --- | ---: | ---: |\n");
    outcome
        .productionHashing()
        .forEach(
            (name, l) ->
                report.append(
                    String.format(
                        Locale.ROOT,
                        "| %s | %s | %s |%n",
                        name,
                        Latencies.ms(l.percentileMs(0.5)),
                        Latencies.ms(l.percentileMs(0.99)))));
    report.append(
        String.format(
            Locale.ROOT,
            "%nHeap used with the %,d-record service up, after the queries, after System.gc():"
                + " %d MiB.%n%n",
            outcome.records(),
            outcome.heapUsedAfterGc() >> 20));
  }

  private static void uiReport(StringBuilder report, UiPages.Outcome ui, int records, int queries) {
    report.append(String.format(Locale.ROOT, "## UI search page at %,d records%n%n", records));
    report.append(
        String.format(
            Locale.ROOT,
            "After the API and Lucene queries: %d queries of each type as `GET /search?...` (HTML,"
                + " 20 hits with snippets and facets) in a form-login session of the auditor, each"
                + " right after the same request to `/api/search` (the paired API column). Load"
                + " average before %s, after %s; CPU: %s. Errors: %d.%n%n",
            queries,
            ui.loadBefore(),
            ui.loadAfter(),
            ui.cpu(),
            ui.errors()));
    report.append(
        "| query type | hits shown | page p50 | page p90 | page p99 | page max | API p50 | API p90"
            + " | API p99 | p50 page/API | page bytes mean | page bytes max |\n"
            + "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
    Latencies allPage = new Latencies();
    Latencies allApi = new Latencies();
    long maxBytes = 0;
    for (String type : ui.types()) {
      Latencies page = ui.page().get(type);
      Latencies api = ui.api().get(type);
      if (!type.endsWith("size=1")) {
        allPage.addAll(page);
        allApi.addAll(api);
        maxBytes = Math.max(maxBytes, ui.maxPageBytes().get(type));
      }
      report.append(
          String.format(
              Locale.ROOT,
              "| %s | %.1f | %s | %s | %s | %s | %s | %s | %s | %.2f | %,d | %,d |%n",
              type,
              ui.meanHitsShown().get(type),
              Latencies.ms(page.percentileMs(0.5)),
              Latencies.ms(page.percentileMs(0.9)),
              Latencies.ms(page.percentileMs(0.99)),
              Latencies.ms(page.maxMs()),
              Latencies.ms(api.percentileMs(0.5)),
              Latencies.ms(api.percentileMs(0.9)),
              Latencies.ms(api.percentileMs(0.99)),
              page.percentileMs(0.5) / api.percentileMs(0.5),
              ui.meanPageBytes().get(type),
              ui.maxPageBytes().get(type)));
    }
    report.append(
        String.format(
            Locale.ROOT,
            "| **all types but size=1** | | **%s** | **%s** | **%s** | **%s** | **%s** | **%s** |"
                + " **%s** | **%.2f** | | **%,d** |%n%n",
            Latencies.ms(allPage.percentileMs(0.5)),
            Latencies.ms(allPage.percentileMs(0.9)),
            Latencies.ms(allPage.percentileMs(0.99)),
            Latencies.ms(allPage.maxMs()),
            Latencies.ms(allApi.percentileMs(0.5)),
            Latencies.ms(allApi.percentileMs(0.9)),
            Latencies.ms(allApi.percentileMs(0.99)),
            allPage.percentileMs(0.5) / allApi.percentileMs(0.5),
            maxBytes));
    report.append(
        String.format(
            Locale.ROOT,
            "Full texts on the search page: the end of the text of %d records found by their"
                + " reference appeared on %d of their pages.%n%n",
            ui.fullTextsChecked(),
            ui.fullTextsOnPage()));
    report.append(
        String.format(
            Locale.ROOT,
            "Record page `GET /records/{id}`, %d distinct records from the hit lists (the text"
                + " loads separately):%n%n"
                + "| request | p50 | p90 | p99 | max | bytes mean | bytes max |%n"
                + "| --- | ---: | ---: | ---: | ---: | ---: | ---: |%n"
                + "| from a hit's link (`?q=...&n=`, next and previous looked up) | %s | %s | %s |"
                + " %s | %,d | %,d |%n"
                + "| bare `/records/{id}` | %s | %s | %s | %s | | |%n%n",
            ui.recordsSampled(),
            Latencies.ms(ui.recordFromHit().percentileMs(0.5)),
            Latencies.ms(ui.recordFromHit().percentileMs(0.9)),
            Latencies.ms(ui.recordFromHit().percentileMs(0.99)),
            Latencies.ms(ui.recordFromHit().maxMs()),
            ui.recordMeanBytes(),
            ui.recordMaxBytes(),
            Latencies.ms(ui.recordBare().percentileMs(0.5)),
            Latencies.ms(ui.recordBare().percentileMs(0.9)),
            Latencies.ms(ui.recordBare().percentileMs(0.99)),
            Latencies.ms(ui.recordBare().maxMs())));
  }

  /** The machine's load average: above the core count, something else was running too. */
  static String loadAverage() {
    try {
      String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return fields[0] + ", " + fields[1] + ", " + fields[2];
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }

  static long heapUsedAfterGc() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    Runtime runtime = Runtime.getRuntime();
    return runtime.totalMemory() - runtime.freeMemory();
  }

  private static long peakHeap() {
    long peak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        peak += pool.getPeakUsage().getUsed();
      }
    }
    return peak;
  }

  static long folderSize(Path folder) {
    if (!Files.exists(folder)) {
      return 0;
    }
    try (Stream<Path> files = Files.walk(folder)) {
      return files
          .filter(Files::isRegularFile)
          .mapToLong(
              p -> {
                try {
                  return Files.size(p);
                } catch (IOException e) {
                  return 0;
                }
              })
          .sum();
    } catch (IOException e) {
      return -1;
    }
  }

  static long fileCount(Path folder) {
    try (Stream<Path> files = Files.walk(folder)) {
      return files.filter(Files::isRegularFile).count();
    } catch (IOException e) {
      return -1;
    }
  }

  static void delete(Path folder) throws IOException {
    if (!Files.exists(folder)) {
      return;
    }
    try (Stream<Path> files = Files.walk(folder)) {
      for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }
}
