package se.arkiv.benchmark;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.FSDirectory;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import se.arkiv.record.BusinessKeys;
import se.arkiv.record.Extraction;
import se.arkiv.record.ExtractionStatus;
import se.arkiv.record.RecordId;
import se.arkiv.record.RecordMetadata;
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

  /** Latencies per query type, for Arkiv over HTTP and for plain Lucene. */
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
      List<String> types,
      Map<String, Latencies> arkiv,
      Map<String, Latencies> lucene,
      Map<String, Double> meanHits,
      Map<String, Latencies> productionHashing,
      int errors,
      long heapUsedAfterGc,
      String cpuDuringCatchUp,
      String cpuDuringQueries,
      UiPages.Outcome ui) {}

  static final String HTTP_FLOOR = "no search: GET /api/file-plan";
  private static final String PRODUCTION_USER = "prod";
  private static final int OFFSET = 10_000_000; // record indexes apart from the filed documents

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
      Map<String, Latencies> arkivLatencies = new LinkedHashMap<>();
      Map<String, Double> meanHits = new LinkedHashMap<>();
      CpuMeter queryCpu = CpuMeter.start();
      int errors = measureArkiv(client, specs, arkivLatencies, meanHits);
      Map<String, Latencies> luceneLatencies = measureLucene(baselineDir, specs);
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
          types,
          arkivLatencies,
          luceneLatencies,
          meanHits,
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
    } catch (java.security.NoSuchAlgorithmException e) {
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
        String fileName =
            content.title().toLowerCase(java.util.Locale.ROOT).replace(' ', '-') + ".txt";
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
        Path folder = objects.resolve("records").resolve(id.value());
        Files.createDirectories(folder.resolve("meta"));
        Files.write(folder.resolve("original"), original);
        Files.write(folder.resolve("meta/000001.json"), json.writeValueAsBytes(filed));
        Files.write(folder.resolve("text.txt"), original);
        Files.write(folder.resolve("meta/000002.json"), json.writeValueAsBytes(extracted));
        long t1 = System.nanoTime();
        storeNanos += t1 - t0;

        org.apache.lucene.document.Document doc = new org.apache.lucene.document.Document();
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

  private int measureArkiv(
      ArkivClient client,
      Map<String, List<Spec>> specs,
      Map<String, Latencies> latencies,
      Map<String, Double> meanHits) {
    int errors = 0;
    // Warm-up, not counted: every query twice, and the floor request.
    for (int round = 0; round < 2; round++) {
      for (List<Spec> list : specs.values()) {
        for (Spec spec : list) {
          client.search(RunningArkiv.AUDITOR, parameters(spec));
        }
      }
      for (int i = 0; i < 20; i++) {
        client.get("/api/file-plan", RunningArkiv.AUDITOR);
      }
    }
    Map<String, Long> hits = new LinkedHashMap<>();
    for (String type : specs.keySet()) {
      latencies.put(type, new Latencies());
      hits.put(type, 0L);
    }
    latencies.put(HTTP_FLOOR, new Latencies());
    for (int round = 0; round < queriesPerType; round++) {
      for (Map.Entry<String, List<Spec>> entry : specs.entrySet()) {
        Spec spec = entry.getValue().get(round % entry.getValue().size());
        long started = System.nanoTime();
        ArkivClient.Response response = client.search(RunningArkiv.AUDITOR, parameters(spec));
        latencies.get(entry.getKey()).add(System.nanoTime() - started);
        if (response.status() != 200) {
          if (errors++ == 0) {
            System.out.println("Search " + spec + " answered " + response.text());
          }
          continue;
        }
        hits.merge(entry.getKey(), response.json().get("total").asLong(), Long::sum);
      }
      long started = System.nanoTime();
      ArkivClient.Response floor = client.get("/api/file-plan", RunningArkiv.AUDITOR);
      latencies.get(HTTP_FLOOR).add(System.nanoTime() - started);
      if (floor.status() != 200) {
        errors++;
      }
    }
    hits.forEach((type, sum) -> meanHits.put(type, sum / (double) queriesPerType));
    return errors;
  }

  /** The same queries on a plain IndexSearcher: one text field, top hits, ids loaded, no more. */
  private Map<String, Latencies> measureLucene(Path dir, Map<String, List<Spec>> specs)
      throws Exception {
    Map<String, Latencies> latencies = new LinkedHashMap<>();
    try (FSDirectory directory = FSDirectory.open(dir);
        DirectoryReader reader = DirectoryReader.open(directory)) {
      IndexSearcher searcher = new IndexSearcher(reader);
      QueryParser parser = new QueryParser("text", new StandardAnalyzer());
      parser.setDefaultOperator(QueryParser.Operator.AND);
      for (int round = 0; round < 2; round++) {
        for (List<Spec> list : specs.values()) {
          for (Spec spec : list) {
            search(searcher, parser, spec);
          }
        }
      }
      for (String type : specs.keySet()) {
        latencies.put(type, new Latencies());
      }
      for (int round = 0; round < queriesPerType; round++) {
        for (Map.Entry<String, List<Spec>> entry : specs.entrySet()) {
          Spec spec = entry.getValue().get(round % entry.getValue().size());
          long started = System.nanoTime();
          search(searcher, parser, spec);
          latencies.get(entry.getKey()).add(System.nanoTime() - started);
        }
      }
    }
    return latencies;
  }

  private static int search(IndexSearcher searcher, QueryParser parser, Spec spec)
      throws Exception {
    Query q = spec.q() == null ? new MatchAllDocsQuery() : parser.parse(spec.q());
    Query query = q;
    if (spec.recordClass() != null) {
      query =
          new BooleanQuery.Builder()
              .add(q, BooleanClause.Occur.MUST)
              .add(
                  new TermQuery(new Term("recordClass", spec.recordClass())),
                  BooleanClause.Occur.FILTER)
              .build();
    }
    TopDocs top =
        spec.byDate()
            ? searcher.search(
                query,
                spec.size(),
                new Sort(new SortField("documentDate", SortField.Type.LONG, true)))
            : searcher.search(query, spec.size());
    int found = 0;
    for (ScoreDoc hit : top.scoreDocs) {
      if (searcher.storedFields().document(hit.doc).get("id") != null) {
        found++;
      }
    }
    return found;
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
