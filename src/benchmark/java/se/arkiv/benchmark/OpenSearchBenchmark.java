package se.arkiv.benchmark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import se.arkiv.testing.ArkivClient;
import se.arkiv.testing.RunningArkiv;
import se.arkiv.testing.S3ProxyServer;
import tools.jackson.databind.JsonNode;

/**
 * The OpenSearch engine and two Arkiv nodes beside the embedded index (issue 15), in one run, each
 * Arkiv node its own process with a 1 GiB heap ({@link ServiceProcess}), over a generated archive:
 *
 * <ol>
 *   <li>embedded Lucene on the filesystem store: the index rebuilt from the store (the baseline of
 *       the fill rate), search ({@link ScaleSearch}, the query mix of {@link ScaleBenchmark}),
 *       filing throughput;
 *   <li>OpenSearch (the cluster given) on the same filesystem store, the embedded index kept
 *       intact: the OpenSearch index filled from the store at start-up (the node's own log line),
 *       the same search, the same filing;
 *   <li>S3Proxy plus OpenSearch, an empty bucket but the OpenSearch index of stage 2: filing
 *       through one node ({@code arkiv.node.id=a}), then through two ({@code a} and {@code b}) with
 *       the same clients shared between them; the same search on node b, and {@code clients}
 *       auditors searching at once through node a alone and then through both.
 * </ol>
 *
 * Filing: {@code clients} HTTP clients file {@code docs} documents of {@link Corpus} after {@code
 * warmup} not counted; acknowledged is first upload to last 201, searchable is until node a's
 * search shows every one of them with extraction DONE or FAILED. Each step files other documents
 * (the store deduplicates), drawn alike from the same corpus.
 *
 * <p>Arguments: jar, root (holding {@code data/}), records, queries per type and user, docs,
 * warm-up docs, clients, OpenSearch URLs (comma-separated), report file.
 */
public final class OpenSearchBenchmark {

  private static final String HEAP = "1g";
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("d MMM yyyy HH:mm 'UTC'", Locale.ENGLISH);
  private static final Pattern FILLED =
      Pattern.compile("OpenSearch index (rebuilt|refilled in place) from the store in (\\d+) ms");
  private static final List<String> CLERK_DEPARTMENTS = List.of("ACCOUNTING", "PAYROLL");

  private final Path jar;
  private final Path root;
  private final long records;
  private final int queries;
  private final int docs;
  private final int warmup;
  private final int clients;
  private final String urls;
  private final Path out;
  private final Corpus corpus = new Corpus(15);
  private final StringBuilder report = new StringBuilder();
  private final LoadSampler load = new LoadSampler();
  private int batch;

  /**
   * Documents no earlier run filed into the same store (that would answer 200 with the record it
   * has, not 201): a range of 100,000 for each minute of the clock, 10,000 for each batch.
   */
  private final int firstDocument = (int) (System.currentTimeMillis() / 60_000 % 20_000) * 100_000;

  private OpenSearchBenchmark(String[] args) {
    jar = Path.of(args[0]);
    root = Path.of(args[1]);
    records = Long.parseLong(args[2]);
    queries = Integer.parseInt(args[3]);
    docs = Integer.parseInt(args[4]);
    warmup = Integer.parseInt(args[5]);
    clients = Integer.parseInt(args[6]);
    urls = args[7];
    out = Path.of(args[8]);
  }

  public static void main(String[] args) throws Exception {
    // The corpus draws PDFs with PDFBox, which warns of every fallback font.
    ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("org.apache.pdfbox"))
        .setLevel(ch.qos.logback.classic.Level.ERROR);
    new OpenSearchBenchmark(args).run();
  }

  private void run() throws Exception {
    Files.copy(
        RunningArkiv.newRoot().resolve("users.yaml"),
        root.resolve("users.yaml"),
        StandardCopyOption.REPLACE_EXISTING);
    deleteRecursively(root.resolve("index"));
    Thread sampler = new Thread(load, "load-sampler");
    sampler.setDaemon(true);
    sampler.start();
    report
        .append("Run started ")
        .append(ZonedDateTime.now(ZoneOffset.UTC).format(STAMP))
        .append(": ")
        .append(machine())
        .append("\n\n");
    String stamp = Long.toString(System.currentTimeMillis(), 36);

    // 1. Embedded Lucene, filesystem store.
    load.stage("lucene, filesystem");
    Latencies luceneAuditor;
    // Drawn once, on the embedded index, and asked of both engines.
    java.util.Map<String, List<String>> types;
    Filing luceneFiling;
    double luceneRate;
    try (ServiceProcess lucene =
        ServiceProcess.start(jar, root, HEAP, List.of(), "/actuator/health/liveness")) {
      luceneRate = awaitLuceneRebuild(lucene);
      section("Embedded Lucene, filesystem store: search");
      types = ScaleQueries.of(lucene.client());
      ScaleSearch.Result search = ScaleSearch.measure(lucene.client(), queries, types);
      report.append(search.table()).append('\n');
      luceneAuditor = search.auditor();
      saveQuietly();
      luceneFiling = file(List.of(lucene), "lucene-fs");
    }
    line("load average, lucene stage: " + load.summary("lucene, filesystem"));

    // 2. OpenSearch, the same filesystem store, the embedded index intact.
    load.stage("opensearch, filesystem");
    Latencies osAuditor;
    Filing osFiling;
    double osRate;
    long osRecords;
    List<String> os =
        List.of(
            "--arkiv.search.engine=opensearch",
            "--arkiv.search.opensearch.urls=" + urls,
            "--arkiv.search.opensearch.alias=osbench-fs-" + stamp);
    long logFrom = size(root.resolve("service.log"));
    long began = System.nanoTime();
    try (ServiceProcess node =
        ServiceProcess.start(jar, root, HEAP, os, "/actuator/health/liveness")) {
      double up = seconds(began);
      long fillMs = awaitFilled(node, root.resolve("service.log"), logFrom);
      osRecords = count(node.client());
      osRate = osRecords / (fillMs / 1000.0);
      line(
          String.format(
              Locale.ROOT,
              "OpenSearch filled from the filesystem store: %,d records in %.1f s (the node's log),"
                  + " %,.0f records/s; node up (liveness) after %.1f s",
              osRecords,
              fillMs / 1000.0,
              osRate,
              up));
      section("OpenSearch (2 nodes), filesystem store: search");
      ScaleSearch.Result search = ScaleSearch.measure(node.client(), queries, types);
      report.append(search.table()).append('\n');
      osAuditor = search.auditor();
      saveQuietly();
      osFiling = file(List.of(node), "opensearch-fs");
    }
    line("load average, opensearch stage: " + load.summary("opensearch, filesystem"));

    // 3. S3Proxy and OpenSearch: one node, then two.
    load.stage("s3proxy + opensearch");
    Filing oneNode;
    Filing twoNodes;
    Latencies nodeB;
    SearchLoad oneNodeSearch;
    SearchLoad twoNodeSearch;
    try (S3ProxyServer s3 = S3ProxyServer.start("arkiv")) {
      List<String> shared =
          List.of(
              "--arkiv.storage.type=s3",
              "--arkiv.storage.s3.endpoint=" + s3.endpoint(),
              "--arkiv.storage.s3.bucket=arkiv",
              "--arkiv.storage.s3.access-key=" + S3ProxyServer.ACCESS_KEY,
              "--arkiv.storage.s3.secret-key=" + S3ProxyServer.SECRET_KEY,
              "--arkiv.search.engine=opensearch",
              "--arkiv.search.opensearch.urls=" + urls,
              // The index stage 2 filled: the nodes search 100,000 records although the bucket
              // holds only what they file; a search answers from the index alone.
              "--arkiv.search.opensearch.alias=osbench-fs-" + stamp);
      Path rootA = RunningArkiv.newRoot();
      Path rootB = RunningArkiv.newRoot();
      try (ServiceProcess a = startNode(rootA, shared, "a")) {
        oneNode = file(List.of(a), "s3-one-node");
        try (ServiceProcess b = startNode(rootB, shared, "b")) {
          twoNodes = file(List.of(a, b), "s3-two-nodes");
          section("Two Arkiv nodes on S3Proxy, the OpenSearch index of stage 2: search on node b");
          ScaleSearch.Result search = ScaleSearch.measure(b.client(), queries, types);
          report.append(search.table()).append('\n');
          nodeB = search.auditor();
          saveQuietly();
          oneNodeSearch = searchLoad(List.of(a), types, "through node a");
          twoNodeSearch = searchLoad(List.of(a, b), types, "through nodes a and b");
        }
      }
    }
    line("load average, s3proxy stage: " + load.summary("s3proxy + opensearch"));

    section("Ratios, each against its baseline in this run");
    report.append("| figure | baseline | measured | ratio |\n| --- | --- | --- | ---: |\n");
    ratio(
        "search p50, auditor, all types (ms)",
        "Lucene",
        luceneAuditor.percentileMs(0.5),
        "OpenSearch",
        osAuditor.percentileMs(0.5));
    ratio(
        "search p99, auditor, all types (ms)",
        "Lucene",
        luceneAuditor.percentileMs(0.99),
        "OpenSearch",
        osAuditor.percentileMs(0.99));
    ratio(
        "index filled from the filesystem store (records/s)",
        "Lucene rebuild",
        luceneRate,
        "OpenSearch fill",
        osRate);
    ratio(
        "filing, filesystem store, acknowledged (docs/s)",
        "Lucene",
        luceneFiling.acknowledged(),
        "OpenSearch",
        osFiling.acknowledged());
    ratio(
        "filing, filesystem store, searchable (docs/s)",
        "Lucene",
        luceneFiling.searchable(),
        "OpenSearch",
        osFiling.searchable());
    ratio(
        "filing, S3Proxy + OpenSearch, acknowledged (docs/s)",
        "1 node",
        oneNode.acknowledged(),
        "2 nodes",
        twoNodes.acknowledged());
    ratio(
        "filing, S3Proxy + OpenSearch, searchable (docs/s)",
        "1 node",
        oneNode.searchable(),
        "2 nodes",
        twoNodes.searchable());
    ratio(
        "search p50, auditor, all types (ms)",
        "OpenSearch, one node",
        osAuditor.percentileMs(0.5),
        "node b of two",
        nodeB.percentileMs(0.5));
    ratio(
        "search, " + clients + " clients (queries/s)",
        "1 node",
        oneNodeSearch.perSecond(),
        "2 nodes",
        twoNodeSearch.perSecond());
    section("The queries (the same for both engines, phrases and keys drawn from Lucene's hits)");
    types.forEach(
        (type, list) ->
            report
                .append("- ")
                .append(type)
                .append(": `")
                .append(
                    String.join(
                        "`, `",
                        list.stream()
                            .map(q -> java.net.URLDecoder.decode(q, StandardCharsets.UTF_8))
                            .toList()))
                .append("`\n"));
    report.append("\nLoad average at the end: ").append(LoadSampler.now()).append('\n');
    System.out.println(report);
    save();
  }

  private ServiceProcess startNode(Path nodeRoot, List<String> shared, String id) throws Exception {
    List<String> args = new ArrayList<>(shared);
    args.add("--arkiv.node.id=" + id);
    Path log = nodeRoot.resolve("service.log");
    long began = System.nanoTime();
    ServiceProcess node =
        ServiceProcess.start(jar, nodeRoot, HEAP, args, "/actuator/health/liveness");
    long fillMs = awaitFilled(node, log, 0);
    line(
        String.format(
            Locale.ROOT,
            "node %s on S3Proxy up and its OpenSearch index refilled after %.1f s (refill %d ms)",
            id,
            seconds(began),
            fillMs));
    return node;
  }

  /** From an empty index folder until the health endpoint shows every record indexed. */
  private double awaitLuceneRebuild(ServiceProcess service) throws Exception {
    long started = System.nanoTime();
    ArkivClient client = service.client();
    long indexed;
    while (true) {
      JsonNode details =
          client
              .get("/actuator/health", RunningArkiv.ADMIN)
              .json()
              .path("components")
              .path("index")
              .path("details");
      if (details.path("comparedWithStore").asBoolean()
          && details.path("documents").asLong() >= records) {
        indexed = details.path("documents").asLong(); // the records filed by an earlier run too
        break;
      }
      if (!service.process.isAlive()) {
        throw new IllegalStateException("The service ended during the rebuild");
      }
      Thread.sleep(1000);
    }
    double took = seconds(started);
    double rate = indexed / took;
    line(
        String.format(
            Locale.ROOT,
            "Lucene rebuilt from the filesystem store (after liveness, health polled each second):"
                + " %,d records in %.1f s, %,.0f records/s, heap peak %,d MiB of %s",
            indexed,
            took,
            rate,
            service.heap.peakMegabytes(),
            HEAP));
    return rate;
  }

  /** Waits for the node's log line that the OpenSearch index is filled; its milliseconds. */
  private static long awaitFilled(ServiceProcess node, Path log, long from) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(30);
    while (System.nanoTime() < deadline) {
      if (!node.process.isAlive()) {
        throw new IllegalStateException("The node ended; see " + log);
      }
      String text = tail(log, from);
      Matcher m = FILLED.matcher(text);
      if (m.find()) {
        return Long.parseLong(m.group(2));
      }
      if (text.contains("Rebuilding the OpenSearch index from the store failed")) {
        throw new IllegalStateException("The OpenSearch fill failed; see " + log);
      }
      Thread.sleep(500);
    }
    throw new IllegalStateException("The OpenSearch index was not filled in 30 minutes");
  }

  /** Records the search port knows of: an id query, as the auditor, who sees everything. */
  private static long count(ArkivClient client) {
    return client.search(RunningArkiv.AUDITOR, "size", "1").json().path("total").asLong();
  }

  record Filing(
      int documents, double acknowledgedSeconds, double searchableSeconds, Latencies uploads) {
    double acknowledged() {
      return documents / acknowledgedSeconds;
    }

    double searchable() {
      return documents / searchableSeconds;
    }
  }

  /** Warm-up, then the measured batch, the clients shared round-robin between the nodes. */
  private Filing file(List<ServiceProcess> nodes, String name) throws Exception {
    List<ArkivClient> targets = nodes.stream().map(ServiceProcess::client).toList();
    ArkivClient checker = targets.get(0);
    String warmTag = "osbench-warm-" + name;
    String tag = "osbench-" + name;
    fileAll(targets, documents(warmup), warmTag);
    awaitSettled(checker, warmTag, warmup);
    List<Corpus.Document> batchDocs = documents(docs);
    long started = System.nanoTime();
    Latencies uploads = fileAll(targets, batchDocs, tag);
    double acknowledged = seconds(started);
    awaitSettled(checker, tag, docs);
    double searchable = seconds(started);
    long failed = total(checker, "extractionStatus:FAILED", tag);
    Filing filing = new Filing(docs, acknowledged, searchable, uploads);
    line(
        String.format(
            Locale.ROOT,
            "filing %s (%d node(s), %d clients, %d docs after %d warm-up): acknowledged in %.1f s,"
                + " **%.1f docs/s** (upload p50 / p99 %s / %s ms); searchable in %.1f s,"
                + " **%.1f docs/s**; %d failed extraction",
            name,
            nodes.size(),
            clients,
            docs,
            warmup,
            acknowledged,
            filing.acknowledged(),
            Latencies.ms(uploads.percentileMs(0.5)),
            Latencies.ms(uploads.percentileMs(0.99)),
            searchable,
            filing.searchable(),
            failed));
    return filing;
  }

  record SearchLoad(int queries, double seconds, Latencies latencies) {
    double perSecond() {
      return queries / seconds;
    }
  }

  /**
   * {@code clients} auditors searching at once, shared round-robin between the nodes, each asking
   * every query of every type three times in its own order (20 hits, snippets, facets): what the
   * nodes answer together, after a pass not counted.
   */
  private SearchLoad searchLoad(
      List<ServiceProcess> nodes, java.util.Map<String, List<String>> types, String name)
      throws Exception {
    List<String> all = types.values().stream().flatMap(List::stream).toList();
    List<ArkivClient> targets = nodes.stream().map(ServiceProcess::client).toList();
    searchAtOnce(targets, all, 1, new Latencies()); // warm-up
    Latencies latencies = new Latencies();
    double seconds = searchAtOnce(targets, all, 3, latencies);
    SearchLoad load = new SearchLoad(latencies.count(), seconds, latencies);
    line(
        String.format(
            Locale.ROOT,
            "search %s, %d auditors at once, %d queries: **%.1f queries/s**, p50 / p99 %s / %s ms",
            name,
            clients,
            load.queries(),
            load.perSecond(),
            Latencies.ms(latencies.percentileMs(0.5)),
            Latencies.ms(latencies.percentileMs(0.99))));
    return load;
  }

  /** Seconds until every client has asked every query {@code passes} times. */
  private double searchAtOnce(
      List<ArkivClient> targets, List<String> all, int passes, Latencies latencies)
      throws Exception {
    long started = System.nanoTime();
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    try {
      List<Future<?>> workers = new ArrayList<>();
      for (int c = 0; c < clients; c++) {
        ArkivClient client = targets.get(c % targets.size());
        int offset = c;
        workers.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < all.size() * passes; i++) {
                    String query = all.get((i + offset) % all.size());
                    long t = System.nanoTime();
                    ArkivClient.Response response =
                        client.get(
                            "/api/search?size=" + ScaleSearch.HITS + "&" + query,
                            RunningArkiv.AUDITOR);
                    latencies.add(System.nanoTime() - t);
                    if (response.status() != 200) {
                      throw new IllegalStateException(query + ": " + response.status());
                    }
                  }
                  return null;
                }));
      }
      for (Future<?> worker : workers) {
        worker.get();
      }
    } finally {
      pool.shutdownNow();
    }
    return seconds(started);
  }

  private List<Corpus.Document> documents(int n) {
    int first = firstDocument + 10_000 * batch++;
    List<Corpus.Document> list = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      list.add(corpus.document(first + i));
    }
    return list;
  }

  private Latencies fileAll(List<ArkivClient> targets, List<Corpus.Document> batch, String tag)
      throws Exception {
    Latencies latencies = new Latencies();
    AtomicInteger next = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    try {
      List<Future<?>> workers = new ArrayList<>();
      for (int c = 0; c < clients; c++) {
        ArkivClient client = targets.get(c % targets.size());
        workers.add(
            pool.submit(
                () -> {
                  for (int i = next.getAndIncrement();
                      i < batch.size();
                      i = next.getAndIncrement()) {
                    Corpus.Document document = batch.get(i);
                    long t = System.nanoTime();
                    ArkivClient.Response response =
                        client.file(
                            RunningArkiv.CLERK,
                            document.fileName(),
                            document.bytes(),
                            document.metadataJson(tag, CLERK_DEPARTMENTS));
                    latencies.add(System.nanoTime() - t);
                    if (response.status() != 201) {
                      throw new IllegalStateException(
                          "Filing "
                              + document.fileName()
                              + ": "
                              + response.status()
                              + " "
                              + response.text());
                    }
                  }
                  return null;
                }));
      }
      for (Future<?> worker : workers) {
        worker.get();
      }
    } finally {
      pool.shutdownNow();
    }
    return latencies;
  }

  private static void awaitSettled(ArkivClient client, String tag, int expected)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Math.max(300, expected * 2L));
    while (total(client, "extractionStatus:DONE OR extractionStatus:FAILED", tag) < expected) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("Records of " + tag + " not extracted and indexed in time");
      }
      Thread.sleep(200);
    }
  }

  private static long total(ArkivClient client, String q, String tag) {
    ArkivClient.Response response =
        client.search(RunningArkiv.AUDITOR, "q", q, "tag", tag, "size", "1");
    if (response.status() != 200) {
      throw new IllegalStateException("Search " + q + ": " + response.status() + response.text());
    }
    return response.json().get("total").asLong();
  }

  private void ratio(String figure, String baseName, double base, String name, double value) {
    report.append(
        String.format(
            Locale.ROOT,
            "| %s | %s %s | %s %s | **%.2f** |%n",
            figure,
            baseName,
            Latencies.ms(base),
            name,
            Latencies.ms(value),
            value / base));
  }

  private void section(String title) {
    report.append("\n**").append(title).append("**\n\n");
    System.out.println(title);
  }

  private void line(String text) {
    report.append("- ").append(text).append('\n');
    System.out.println(text);
    saveQuietly();
  }

  private void save() throws IOException {
    Files.createDirectories(out.toAbsolutePath().getParent());
    Files.writeString(out, report);
  }

  private void saveQuietly() {
    try {
      save();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String tail(Path log, long from) throws IOException {
    byte[] all = Files.readAllBytes(log);
    int start = (int) Math.min(from, all.length);
    return new String(all, start, all.length - start, StandardCharsets.UTF_8);
  }

  private static long size(Path file) throws IOException {
    return Files.exists(file) ? Files.size(file) : 0;
  }

  private static double seconds(long since) {
    return (System.nanoTime() - since) / 1e9;
  }

  private static String machine() throws IOException {
    return String.format(
        Locale.ROOT,
        "%d cores, %s, Java %s (%s), load average %s.",
        Runtime.getRuntime().availableProcessors(),
        Files.readAllLines(Path.of("/proc/meminfo")).get(0).replaceAll("\\s+", " "),
        System.getProperty("java.version"),
        System.getProperty("java.vm.name"),
        LoadSampler.now());
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(file);
      }
    }
  }

  /** The one-minute load average every 5 s, its lowest and highest per stage. */
  private static final class LoadSampler implements Runnable {
    private final java.util.Map<String, double[]> stages =
        new java.util.concurrent.ConcurrentHashMap<>();
    private volatile String stage = "start";

    void stage(String name) {
      stage = name;
    }

    String summary(String name) {
      double[] s = stages.get(name);
      return s == null
          ? "?"
          : String.format(Locale.ROOT, "%.2f to %.2f (one-minute, sampled every 5 s)", s[0], s[1]);
    }

    static String now() {
      try {
        String[] fields = Files.readString(Path.of("/proc/loadavg")).strip().split(" ");
        return fields[0] + " " + fields[1] + " " + fields[2];
      } catch (IOException e) {
        return "?";
      }
    }

    @Override
    public void run() {
      while (true) {
        try {
          double one = Double.parseDouble(now().split(" ")[0]);
          stages.merge(
              stage,
              new double[] {one, one},
              (a, b) -> new double[] {Math.min(a[0], b[0]), Math.max(a[1], b[1])});
          Thread.sleep(5000);
        } catch (InterruptedException e) {
          return;
        } catch (RuntimeException e) {
          // a sample missed
        }
      }
    }
  }
}
