package se.arkiv.benchmark;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.FSDirectory;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import se.arkiv.record.BusinessKeys;
import se.arkiv.record.Extraction;
import se.arkiv.record.ExtractionStatus;
import se.arkiv.record.RecordId;
import se.arkiv.record.RecordMetadata;
import se.arkiv.search.SearchBaseline;
import se.arkiv.testing.ArkivClient;
import se.arkiv.testing.RunningArkiv;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Search latency over a large store. The records are written straight into the object store's
 * layout (as the service itself lays them out after filing and extraction), then the service is
 * restarted and its own index catch-up indexes them all; the queries then go over HTTP, one at a
 * time. The same texts go into a plain Lucene index for the same queries without the service.
 */
final class SearchLatencyBenchmark {

  /** A search as the benchmark sends it. */
  record Spec(String type, String q, String recordClass, boolean byDate, int size) {

    Spec(String type, String q, String recordClass, boolean byDate) {
      this(type, q, recordClass, byDate, 20);
    }
  }

  /**
   * Latencies per route (Arkiv over HTTP, the fair baseline; each as the auditor and as the clerk)
   * and query type. The plain index of the same texts is kept for its size only.
   */
  record Outcome(
      int records,
      double fillSeconds,
      double baselineIndexSeconds,
      double bootSeconds,
      double searchableSeconds,
      long storeBytes,
      long storeFiles,
      long indexBytes,
      long baselineIndexBytes,
      Map<String, Long> indexBytesByExtension,
      List<String> types,
      Map<Route, Map<String, Latencies>> latencies,
      Map<Route, Map<String, Double>> meanHits,
      int totalsDiffering,
      Map<String, Latencies> productionHashing,
      int errors,
      long heapUsedAfterGc,
      String cpuDuringCatchUp,
      String cpuDuringQueries,
      UiPages.Outcome ui) {}

  /** The departments of the test setup's clerk, {@link RunningArkiv#CLERK}. */
  static final Set<String> CLERK_DEPARTMENTS = Set.of("ACCOUNTING", "PAYROLL");

  static final String HTTP_FLOOR = "no search: GET /api/file-plan";
  private static final String PRODUCTION_USER = "prod";
  static final int OFFSET = 10_000_000; // record indexes apart from the filed documents

  private final Corpus corpus;
  private final int records;
  private final int queriesPerType;
  private final List<String> needles = new ArrayList<>();
  private final Map<String, String> needleTexts = new LinkedHashMap<>();

  SearchLatencyBenchmark(Corpus corpus, int records, int queriesPerType) {
    this.corpus = corpus;
    this.records = records;
    this.queriesPerType = queriesPerType;
  }

  Outcome run() throws Exception {
    Path baselineDir = Files.createTempDirectory("arkiv-bench-search-baseline-");
    try (RunningArkiv arkiv = RunningArkiv.start(ArkivBenchmark.QUIET)) {
      // Stopped while the store is written, as an operator would restore a backup.
      arkiv.stop();
      addProductionUser(arkiv.root().resolve("users.yaml"));
      double[] fill = fill(arkiv.objectsDir(), baselineDir);

      long restarted = System.nanoTime();
      CpuMeter catchUpCpu = CpuMeter.start();
      arkiv.restart();
      double boot = (System.nanoTime() - restarted) / 1e9;
      ArkivClient client = arkiv.client();
      awaitIndexed(client, restarted);
      double searchable = (System.nanoTime() - restarted) / 1e9;
      String cpuDuringCatchUp = catchUpCpu.describe();
      System.out.printf(
          "All %d records searchable %.1f s after the restart%n", records, searchable);

      System.out.println("Queries (load average " + ArkivBenchmark.loadAverage() + ")...");
      Map<String, List<Spec>> specs = specs();
      List<String> types = new ArrayList<>(specs.keySet());
      types.add(HTTP_FLOOR);
      Map<Route, Map<String, Latencies>> latencies = new LinkedHashMap<>();
      Map<Route, Map<String, Double>> meanHits = new LinkedHashMap<>();
      int[] totalsDiffering = {0};
      CpuMeter queryCpu = CpuMeter.start();
      int errors =
          measure(
              client,
              SearchBaseline.of(arkiv.context()),
              specs,
              latencies,
              meanHits,
              totalsDiffering);
      String cpuDuringQueries = queryCpu.describe();
      // The UI's pages after the API, with the same queries, each beside the same API request.
      UiPages.Outcome ui =
          new UiPages(client, "http://localhost:" + arkiv.port(), queriesPerType)
              .measure(specs, needleTexts);
      Map<String, Latencies> production = measureProductionHashing(client);
      long heap = ArkivBenchmark.heapUsedAfterGc();

      return new Outcome(
          records,
          fill[0],
          fill[1],
          boot,
          searchable,
          ArkivBenchmark.folderSize(arkiv.objectsDir()),
          ArkivBenchmark.fileCount(arkiv.objectsDir()),
          ArkivBenchmark.folderSize(arkiv.indexDir()),
          ArkivBenchmark.folderSize(baselineDir),
          bytesByExtension(arkiv.indexDir()),
          types,
          latencies,
          meanHits,
          totalsDiffering[0],
          production,
          errors,
          heap,
          cpuDuringCatchUp,
          cpuDuringQueries,
          ui);
    } finally {
      ArkivBenchmark.delete(baselineDir);
    }
  }

  /** The index's bytes by file extension (terms, postings, stored fields, doc values...). */
  private static Map<String, Long> bytesByExtension(Path dir) throws IOException {
    Map<String, Long> bytes = new TreeMap<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        bytes.merge(dot < 0 ? name : name.substring(dot), Files.size(file), Long::sum);
      }
    }
    return bytes;
  }

  /** The index's size by file extension, in bytes per record. */
  static void indexTable(StringBuilder report, Outcome o) {
    report.append(
        String.format(
            Locale.ROOT,
            "Arkiv index: %,.0f bytes per record (%.1f× the plain index of the same texts).%n%n",
            o.indexBytes() / (double) o.records(),
            o.indexBytes() / (double) o.baselineIndexBytes()));
    report.append("| file extension | bytes per record |\n| --- | ---: |\n");
    o.indexBytesByExtension()
        .forEach(
            (extension, bytes) ->
                report.append(
                    String.format(
                        Locale.ROOT, "| %s | %,.0f |%n", extension, bytes / (double) o.records())));
    report.append("\n");
  }

  /**
   * Per query type: Arkiv over HTTP beside the fair baseline, the auditor (no scope) and the clerk
   * (two departments); the ratios are of p50s measured side by side in the same rounds.
   */
  static void latencyTables(StringBuilder report, Outcome o) {
    report.append(
        String.format(
            Locale.ROOT,
            "The baseline (`se.arkiv.search.SearchBaseline`) does the API's work in process over the"
                + " service's own index: the same parser, fields, filter and scope, sort, exact"
                + " total, facets, 20 hits with stored fields and snippets. Its total differed from"
                + " the API's in %d of the measured queries.%n%n",
            o.totalsDiffering()));
    report.append(
        "| query type | mean hits, auditor / clerk | Arkiv p50 / p99 (ms) | baseline p50 / p99"
            + " (ms) | Arkiv ÷ baseline p50 | clerk over HTTP p50 / p99 (ms) | clerk ÷ auditor"
            + " p50 | clerk ÷ its baseline p50 | baseline on one thread p50 / p99 (ms) |\n"
            + "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
    Map<Route, Latencies> pooled = new LinkedHashMap<>();
    for (Route route : Route.values()) {
      pooled.put(route, new Latencies());
    }
    for (String type : o.types()) {
      Latencies arkiv = o.latencies().get(Route.ARKIV_AUDITOR).get(type);
      if (type.equals(HTTP_FLOOR)) {
        report.append(
            String.format(
                Locale.ROOT,
                "| %s | – | %s / %s | – | – | – | – | – | – |%n",
                type,
                Latencies.ms(arkiv.percentileMs(0.5)),
                Latencies.ms(arkiv.percentileMs(0.99))));
        continue;
      }
      if (!type.endsWith("size=1")) {
        for (Route route : Route.values()) {
          pooled.get(route).addAll(o.latencies().get(route).get(type));
        }
      }
      report.append(
          row(
              type,
              String.format(
                  Locale.ROOT,
                  "%,.0f / %,.0f",
                  o.meanHits().get(Route.ARKIV_AUDITOR).get(type),
                  o.meanHits().get(Route.ARKIV_CLERK).get(type)),
              route -> o.latencies().get(route).get(type)));
    }
    report.append(row("**all search types above but size=1**", "", pooled::get));
    report.append("\n");
  }

  private static String row(String label, String hits, Function<Route, Latencies> latencies) {
    Latencies arkiv = latencies.apply(Route.ARKIV_AUDITOR);
    Latencies baseline = latencies.apply(Route.BASELINE_AUDITOR);
    Latencies clerk = latencies.apply(Route.ARKIV_CLERK);
    Latencies clerkBaseline = latencies.apply(Route.BASELINE_CLERK);
    Latencies oneThread = latencies.apply(Route.BASELINE_ONE_THREAD);
    return String.format(
        Locale.ROOT,
        "| %s | %s | %s / %s | %s / %s | %.2f× | %s / %s | %.2f× | %.2f× | %s / %s |%n",
        label,
        hits,
        Latencies.ms(arkiv.percentileMs(0.5)),
        Latencies.ms(arkiv.percentileMs(0.99)),
        Latencies.ms(baseline.percentileMs(0.5)),
        Latencies.ms(baseline.percentileMs(0.99)),
        arkiv.percentileMs(0.5) / baseline.percentileMs(0.5),
        Latencies.ms(clerk.percentileMs(0.5)),
        Latencies.ms(clerk.percentileMs(0.99)),
        clerk.percentileMs(0.5) / arkiv.percentileMs(0.5),
        clerk.percentileMs(0.5) / clerkBaseline.percentileMs(0.5),
        Latencies.ms(oneThread.percentileMs(0.5)),
        Latencies.ms(oneThread.percentileMs(0.99)));
  }

  /** A user whose hash has bcrypt's default cost (10), as the users file of ./scripts/run has. */
  private static void addProductionUser(Path usersFile) throws IOException {
    String hash = new BCryptPasswordEncoder(10).encode(PRODUCTION_USER);
    Files.writeString(
        usersFile,
        "  - username: "
            + PRODUCTION_USER
            + "\n    password: \"{bcrypt}"
            + hash
            + "\"\n    roles: [AUDITOR]\n    departments: [ACCOUNTING, PAYROLL]\n",
        StandardOpenOption.APPEND);
  }

  /**
   * Writes each record as filing and extraction leave it: the original, metadata version 1 (filed,
   * extraction pending), the extracted text, and version 2 (text extracted). No fsync and no dedup
   * entry: nothing here is read by search. The same text goes into the baseline index.
   */
  double[] fill(Path objects, Path baselineDir) throws IOException {
    JsonMapper json = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
    MessageDigest sha256;
    try {
      sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    long storeNanos = 0;
    long baselineNanos = 0;
    long started = System.nanoTime();
    Instant latest = Instant.now().minusSeconds(3600);
    try (FSDirectory directory = FSDirectory.open(baselineDir);
        IndexWriter writer =
            new IndexWriter(
                directory, new IndexWriterConfig(new StandardAnalyzer()).setRAMBufferSizeMB(64))) {
      for (int i = 0; i < records; i++) {
        long t0 = System.nanoTime();
        Corpus.Content content = corpus.content(OFFSET + i, 150, 600);
        if (i % 1000 == 7) {
          needles.add(content.ref());
          needleTexts.put(content.ref(), content.text());
        }
        RecordMetadata[] versions = versions(i, content, latest, sha256);
        RecordMetadata filed = versions[0];
        RecordMetadata extracted = versions[1];
        RecordId id = filed.id();
        byte[] original = content.text().getBytes(StandardCharsets.UTF_8);
        Path folder = objects.resolve("records").resolve(id.value());
        Files.createDirectories(folder.resolve("meta"));
        Files.write(folder.resolve("original"), original);
        Files.write(folder.resolve("meta/000001.json"), json.writeValueAsBytes(filed));
        Files.write(folder.resolve("text.txt"), original);
        Files.write(folder.resolve("meta/000002.json"), json.writeValueAsBytes(extracted));
        long t1 = System.nanoTime();
        storeNanos += t1 - t0;

        Document doc = new Document();
        doc.add(new StringField("id", id.value(), Field.Store.YES));
        doc.add(new TextField("title", content.title(), Field.Store.NO));
        doc.add(new TextField("text", content.text(), Field.Store.NO));
        doc.add(new StringField("recordClass", content.recordClass(), Field.Store.NO));
        doc.add(new NumericDocValuesField("documentDate", content.documentDate().toEpochDay()));
        writer.addDocument(doc);
        baselineNanos += System.nanoTime() - t1;
        if ((i + 1) % 20_000 == 0) {
          System.out.printf(
              "Wrote %d of %d records (%.0f s)%n",
              i + 1, records, (System.nanoTime() - started) / 1e9);
        }
      }
      long t2 = System.nanoTime();
      writer.commit();
      baselineNanos += System.nanoTime() - t2;
    }
    return new double[] {storeNanos / 1e9, baselineNanos / 1e9};
  }

  /**
   * Record {@code i} as filing and extraction leave it: metadata version 1 (filed, extraction
   * pending) and version 2 (text extracted), as the service's own {@link RecordMetadata}.
   */
  static RecordMetadata[] versions(
      int i, Corpus.Content content, Instant latest, MessageDigest sha256) {
    Random random = new Random(i);
    Instant filedAt =
        content
            .documentDate()
            .atTime(8, 0)
            .toInstant(ZoneOffset.UTC)
            .plusSeconds(random.nextInt(20 * 24 * 3600));
    if (filedAt.isAfter(latest)) {
      filedAt = latest.minusSeconds(random.nextInt(30 * 24 * 3600));
    }
    Instant extractedAt = filedAt.plusSeconds(2);
    RecordId id = RecordId.newId(Clock.fixed(filedAt, ZoneOffset.UTC));
    byte[] original = content.text().getBytes(StandardCharsets.UTF_8);
    String fileName = content.title().toLowerCase(Locale.ROOT).replace(' ', '-') + ".txt";
    RecordMetadata filed =
        new RecordMetadata(
            RecordMetadata.SCHEMA_VERSION,
            id,
            1,
            content.recordClass(),
            content.title(),
            fileName,
            "text/plain",
            original.length,
            HexFormat.of().formatHex(sha256.digest(original)),
            content.department(),
            content.documentDate(),
            content.fiscalYearEnd(),
            new BusinessKeys(content.customerId(), null, null, null, null),
            List.of(),
            filedAt,
            RunningArkiv.CLERK,
            Extraction.pending(),
            filedAt,
            RunningArkiv.CLERK,
            "filed",
            null);
    RecordMetadata extracted =
        filed.withExtraction(
            new Extraction(
                ExtractionStatus.DONE,
                null,
                content.code(),
                content.text().length(),
                false,
                extractedAt),
            extractedAt,
            "arkiv-extraction",
            "text extracted");
    return new RecordMetadata[] {filed, extracted};
  }

  void awaitIndexed(ArkivClient client, long restarted) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(30);
    long lastReport = System.nanoTime();
    while (true) {
      ArkivClient.Response response = client.search(RunningArkiv.AUDITOR, "size", "1");
      long total = response.status() == 200 ? response.json().get("total").asLong() : -1;
      if (total >= records) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("Only " + total + " records indexed after 30 minutes");
      }
      if (System.nanoTime() - lastReport > TimeUnit.SECONDS.toNanos(30)) {
        System.out.printf(
            "Index catch-up: %d of %d records searchable after %.0f s%n",
            total, records, (System.nanoTime() - restarted) / 1e9);
        lastReport = System.nanoTime();
      }
      Thread.sleep(1000);
    }
  }

  /** The fixed query set, by type; each type cycles through its queries. */
  Map<String, List<Spec>> specs() {
    List<String> sv = corpus.contentByRank(Corpus.Language.SV);
    List<String> en = corpus.contentByRank(Corpus.Language.EN);
    List<String> classes = Corpus.RECORD_CLASSES;
    Map<String, List<Spec>> specs = new LinkedHashMap<>();

    List<Spec> frequent = new ArrayList<>();
    for (int rank = 0; rank < 10; rank++) {
      frequent.add(new Spec("one word, frequent", sv.get(rank), null, false));
      frequent.add(new Spec("one word, frequent", en.get(rank), null, false));
    }
    specs.put("one word, frequent", frequent);

    List<Spec> rare = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      rare.add(new Spec("one word, less frequent", sv.get(sv.size() - 1 - 3 * i), null, false));
    }
    for (int i = 0; i < 8; i++) {
      rare.add(new Spec("one word, less frequent", en.get(en.size() - 1 - 3 * i), null, false));
    }
    specs.put("one word, less frequent", rare);

    List<Spec> needle = new ArrayList<>();
    for (int i = 0; i < Math.min(20, needles.size()); i++) {
      needle.add(new Spec("reference number (1 hit)", needles.get(i), null, false));
    }
    specs.put("reference number (1 hit)", needle);

    List<Spec> two = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      two.add(new Spec("two words (AND)", sv.get(5 + i) + " " + sv.get(40 + 7 * i), null, false));
      two.add(new Spec("two words (AND)", en.get(5 + i) + " " + en.get(30 + 5 * i), null, false));
    }
    specs.put("two words (AND)", two);

    List<Spec> phrase = new ArrayList<>();
    for (Corpus.Language language : Corpus.Language.values()) {
      for (String words : corpus.phrases(language)) {
        phrase.add(new Spec("quoted phrase", "\"" + words + "\"", null, false));
      }
    }
    specs.put("quoted phrase", phrase);

    List<Spec> prefix = new ArrayList<>();
    for (String start : corpus.prefixes()) {
      prefix.add(new Spec("prefix (word*)", start + "*", null, false));
    }
    specs.put("prefix (word*)", prefix);

    List<Spec> filtered = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      List<String> words = i % 2 == 0 ? sv : en;
      filtered.add(
          new Spec(
              "word + recordClass filter",
              words.get(10 + i),
              classes.get(i % classes.size()),
              false));
    }
    specs.put("word + recordClass filter", filtered);

    List<Spec> sorted = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      List<String> words = i % 2 == 0 ? sv : en;
      sorted.add(new Spec("word, sorted by documentDate", words.get(20 + i), null, true));
    }
    specs.put("word, sorted by documentDate", sorted);

    List<Spec> browse = new ArrayList<>();
    for (String recordClass : classes) {
      browse.add(new Spec("recordClass only, newest first", null, recordClass, true));
    }
    specs.put("recordClass only, newest first", browse);

    // The frequent words again with one hit per page: what 19 fewer hits and snippets save.
    List<Spec> single = new ArrayList<>();
    for (Spec spec : frequent) {
      single.add(new Spec("one word, frequent, size=1", spec.q(), null, false, 1));
    }
    specs.put("one word, frequent, size=1", single);
    return specs;
  }

  static Map<String, String> parameters(Spec spec) {
    Map<String, String> parameters = new LinkedHashMap<>();
    if (spec.q() != null) {
      parameters.put("q", spec.q());
    }
    if (spec.recordClass() != null) {
      parameters.put("recordClass", spec.recordClass());
    }
    if (spec.byDate()) {
      parameters.put("sort", "documentDate");
    }
    if (spec.size() != 20) {
      parameters.put("size", Integer.toString(spec.size()));
    }
    return parameters;
  }

  /** Who searches how: the unscoped auditor or the scoped clerk, over HTTP or in the baseline. */
  enum Route {
    ARKIV_AUDITOR,
    ARKIV_CLERK,
    BASELINE_AUDITOR,
    BASELINE_CLERK,
    /** The auditor's baseline on one thread: what searching slices side by side gives. */
    BASELINE_ONE_THREAD
  }

  /**
   * Every query five ways, back to back, the order rotating per round so that a noisy moment on the
   * shared machine falls on all of them alike: over HTTP as the auditor (no scope) and as the clerk
   * (scoped to two departments), the same two in the fair baseline, and the auditor's baseline on
   * one thread. Each baseline total is checked against the API's.
   */
  private int measure(
      ArkivClient client,
      SearchBaseline baseline,
      Map<String, List<Spec>> specs,
      Map<Route, Map<String, Latencies>> latencies,
      Map<Route, Map<String, Double>> meanHits,
      int[] totalsDiffering)
      throws Exception {
    int errors = 0;
    // Warm-up, not counted: every query twice each way, and the floor request.
    for (int round = 0; round < 2; round++) {
      for (List<Spec> list : specs.values()) {
        for (Spec spec : list) {
          for (Route path : Route.values()) {
            once(client, baseline, path, spec);
          }
        }
      }
      for (int i = 0; i < 20; i++) {
        client.get("/api/file-plan", RunningArkiv.AUDITOR);
      }
    }
    Map<Route, Map<String, Long>> hits = new LinkedHashMap<>();
    for (Route path : Route.values()) {
      Map<String, Latencies> byType = new LinkedHashMap<>();
      Map<String, Long> hitsByType = new LinkedHashMap<>();
      for (String type : specs.keySet()) {
        byType.put(type, new Latencies());
        hitsByType.put(type, 0L);
      }
      latencies.put(path, byType);
      hits.put(path, hitsByType);
    }
    latencies.get(Route.ARKIV_AUDITOR).put(HTTP_FLOOR, new Latencies());
    Route[] paths = Route.values();
    for (int round = 0; round < queriesPerType; round++) {
      for (Map.Entry<String, List<Spec>> entry : specs.entrySet()) {
        Spec spec = entry.getValue().get(round % entry.getValue().size());
        long[] totals = new long[paths.length];
        for (int p = 0; p < paths.length; p++) {
          Route path = paths[(p + round) % paths.length];
          long started = System.nanoTime();
          long total = once(client, baseline, path, spec);
          latencies.get(path).get(entry.getKey()).add(System.nanoTime() - started);
          totals[path.ordinal()] = total;
          if (total < 0) {
            if (errors++ == 0) {
              System.out.println("Search " + spec + " as " + path + " failed");
            }
            continue;
          }
          hits.get(path).merge(entry.getKey(), total, Long::sum);
        }
        if (totals[Route.ARKIV_AUDITOR.ordinal()] != totals[Route.BASELINE_AUDITOR.ordinal()]
            || totals[Route.ARKIV_CLERK.ordinal()] != totals[Route.BASELINE_CLERK.ordinal()]) {
          if (totalsDiffering[0]++ == 0) {
            System.out.println(
                "Baseline and API totals differ for " + spec + ": " + Arrays.toString(totals));
          }
        }
      }
      long started = System.nanoTime();
      ArkivClient.Response floor = client.get("/api/file-plan", RunningArkiv.AUDITOR);
      latencies.get(Route.ARKIV_AUDITOR).get(HTTP_FLOOR).add(System.nanoTime() - started);
      if (floor.status() != 200) {
        errors++;
      }
    }
    hits.forEach(
        (path, byType) -> {
          Map<String, Double> means = new LinkedHashMap<>();
          byType.forEach((type, sum) -> means.put(type, sum / (double) queriesPerType));
          meanHits.put(path, means);
        });
    return errors;
  }

  /** One search; its total, or -1 when the API did not answer 200. */
  private static long once(ArkivClient client, SearchBaseline baseline, Route path, Spec spec)
      throws Exception {
    return switch (path) {
      case ARKIV_AUDITOR, ARKIV_CLERK -> {
        String user = path == Route.ARKIV_AUDITOR ? RunningArkiv.AUDITOR : RunningArkiv.CLERK;
        ArkivClient.Response response = client.search(user, parameters(spec));
        yield response.status() == 200 ? response.json().get("total").asLong() : -1;
      }
      case BASELINE_AUDITOR, BASELINE_CLERK, BASELINE_ONE_THREAD ->
          baseline
              .search(
                  spec.q(),
                  spec.recordClass(),
                  spec.byDate(),
                  spec.size(),
                  path == Route.BASELINE_CLERK ? CLERK_DEPARTMENTS : null,
                  path == Route.BASELINE_ONE_THREAD)
              .total();
    };
  }

  /**
   * Every request over HTTP Basic checks the password again; a users file written by ./scripts/run
   * holds bcrypt hashes of cost 10, while the test users have cost 4. Same requests, both users.
   */
  private Map<String, Latencies> measureProductionHashing(ArkivClient client) {
    Map<String, Latencies> latencies = new LinkedHashMap<>();
    String[] users = {RunningArkiv.AUDITOR, PRODUCTION_USER};
    String[] labels = {"test user (bcrypt cost 4)", "production-like user (bcrypt cost 10)"};
    for (String label : labels) {
      latencies.put("file plan, " + label, new Latencies());
      latencies.put("reference search, " + label, new Latencies());
    }
    for (int round = 0; round < 10; round++) {
      for (String user : users) {
        client.get("/api/file-plan", user);
      }
    }
    for (int round = 0; round < 50; round++) {
      for (int u = 0; u < users.length; u++) {
        long started = System.nanoTime();
        ArkivClient.Response plan = client.get("/api/file-plan", users[u]);
        latencies.get("file plan, " + labels[u]).add(System.nanoTime() - started);
        String needle = needles.get(round % needles.size());
        started = System.nanoTime();
        ArkivClient.Response search = client.search(users[u], "q", needle);
        latencies.get("reference search, " + labels[u]).add(System.nanoTime() - started);
        if (plan.status() != 200 || search.status() != 200) {
          throw new IllegalStateException(
              "User " + users[u] + " answered " + plan.status() + "/" + search.status());
        }
      }
    }
    return latencies;
  }

  static LocalDate unused() {
    return null;
  }
}
