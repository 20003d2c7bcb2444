package se.arkiv.benchmark;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.FSDirectory;
import org.apache.tika.exception.TikaException;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.parser.AutoDetectParser;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.Parser;
import org.apache.tika.parser.ocr.TesseractOCRConfig;
import org.apache.tika.sax.BodyContentHandler;
import org.xml.sax.SAXException;
import se.arkiv.testing.ArkivClient;
import se.arkiv.testing.RunningArkiv;

/**
 * Filing throughput: the same documents filed through the HTTP API of a running Arkiv (until every
 * record is extracted and searchable) and through bare Tika plus Lucene in this process.
 */
final class FilingBenchmark {

  /** One measured way of getting the documents into a searchable index. */
  record Outcome(
      String name,
      int documents,
      long bytes,
      double seconds,
      double acknowledgedSeconds,
      int failed,
      Latencies acknowledgements,
      long indexBytes,
      long storeBytes,
      double jitSeconds) {

    double documentsPerSecond() {
      return documents / seconds;
    }

    /** Megabytes (10^6 bytes) of original documents per second. */
    double megabytesPerSecond() {
      return bytes / 1e6 / seconds;
    }
  }

  private static final int MAX_CHARACTERS = 5_000_000; // the service's default limit
  private static final String RUN_TAG = "bench-run";

  /** The departments RunningArkiv gives its clerk, who may file for those only. */
  private static final List<String> CLERK_DEPARTMENTS = List.of("ACCOUNTING", "PAYROLL");

  private static final String WARMUP_TAG = "bench-warmup";

  private final List<Corpus.Document> warmup;
  private final List<Corpus.Document> documents;
  private final int clients;
  private final Path serviceJar;

  FilingBenchmark(List<Corpus.Document> warmup, List<Corpus.Document> documents, int clients) {
    this(warmup, documents, clients, null);
  }

  /**
   * @param serviceJar run the service from this jar in its own JVM, as an operator does, rather
   *     than in this one as the tests start it (null)
   */
  FilingBenchmark(
      List<Corpus.Document> warmup, List<Corpus.Document> documents, int clients, Path serviceJar) {
    this.warmup = warmup;
    this.documents = documents;
    this.clients = clients;
    this.serviceJar = serviceJar;
  }

  /** The service under test, in this JVM or in its own. */
  private interface Service extends AutoCloseable {
    ArkivClient client();

    Path indexDir();

    Path objectsDir();

    /** Seconds its JVM's JIT compilers have spent so far. */
    double jitSeconds() throws IOException;
  }

  private Service start(Map<String, Object> properties) throws Exception {
    if (serviceJar == null) {
      RunningArkiv arkiv = RunningArkiv.start(properties);
      return new Service() {
        public ArkivClient client() {
          return arkiv.client();
        }

        public Path indexDir() {
          return arkiv.indexDir();
        }

        public Path objectsDir() {
          return arkiv.objectsDir();
        }

        public double jitSeconds() {
          return ManagementFactory.getCompilationMXBean().getTotalCompilationTime() / 1e3;
        }

        public void close() throws IOException {
          arkiv.close();
        }
      };
    }
    Path root = RunningArkiv.newRoot();
    List<String> arguments = new ArrayList<>();
    // ServiceProcess sets the log levels itself; given twice, Spring would read "INFO,INFO".
    properties.forEach(
        (key, value) -> {
          if (!key.startsWith("logging.level.")) {
            arguments.add("--" + key + "=" + value);
          }
        });
    ServiceProcess process =
        ServiceProcess.start(
            serviceJar, root, ImportBenchmark.HEAP, arguments, "/actuator/health/readiness");
    return new Service() {
      public ArkivClient client() {
        return process.client();
      }

      public Path indexDir() {
        return root.resolve("index");
      }

      public Path objectsDir() {
        return root.resolve("data").resolve("objects");
      }

      public double jitSeconds() throws IOException {
        return compiledSeconds(process.process.pid());
      }

      public void close() throws Exception {
        process.close();
        ArkivBenchmark.delete(root);
      }
    };
  }

  /** The "Time" column of {@code jstat -compiler}: seconds the process's JIT has compiled. */
  private static double compiledSeconds(long pid) throws IOException {
    Path tool = Path.of(System.getProperty("java.home"), "bin", "jstat");
    Process jstat = new ProcessBuilder(tool.toString(), "-compiler", Long.toString(pid)).start();
    List<String> lines =
        new String(jstat.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    if (lines.size() < 2) {
      return Double.NaN;
    }
    List<String> header = List.of(lines.get(0).strip().split("\\s+"));
    List<String> cells = List.of(lines.get(1).strip().split("\\s+"));
    int time = header.indexOf("Time");
    return time < 0 || time >= cells.size() ? Double.NaN : Double.parseDouble(cells.get(time));
  }

  static long bytes(List<Corpus.Document> documents) {
    return documents.stream().mapToLong(d -> d.bytes().length).sum();
  }

  /**
   * Files the documents with {@code clients} concurrent HTTP clients into a fresh service and waits
   * until the search index shows every one of them with extraction DONE or FAILED.
   */
  Outcome arkiv(String name, Map<String, Object> extraProperties) throws Exception {
    Map<String, Object> properties = new LinkedHashMap<>(ArkivBenchmark.QUIET);
    properties.putAll(extraProperties);
    try (Service arkiv = start(properties)) {
      ArkivClient client = arkiv.client();
      fileAll(client, warmup, WARMUP_TAG);
      awaitSettled(client, WARMUP_TAG, warmup.size());

      double jitBefore = arkiv.jitSeconds();
      long started = System.nanoTime();
      Latencies acknowledgements = fileAll(client, documents, RUN_TAG);
      double acknowledged = (System.nanoTime() - started) / 1e9;
      awaitSettled(client, RUN_TAG, documents.size());
      double seconds = (System.nanoTime() - started) / 1e9;
      double jit = arkiv.jitSeconds() - jitBefore;

      int failed = (int) total(client, "extractionStatus:FAILED", RUN_TAG);
      // Every document carries a reference no other has: each must now be found by it.
      for (int i = 0; i < documents.size(); i += Math.max(1, documents.size() / 25)) {
        String ref = documents.get(i).content().ref();
        long hits = total(client, ref, RUN_TAG);
        if (hits != 1) {
          throw new IllegalStateException("Reference " + ref + " found " + hits + " times");
        }
      }
      return new Outcome(
          name,
          documents.size(),
          bytes(documents),
          seconds,
          acknowledged,
          failed,
          acknowledgements,
          ArkivBenchmark.folderSize(arkiv.indexDir()),
          ArkivBenchmark.folderSize(arkiv.objectsDir()),
          jit);
    }
  }

  private Latencies fileAll(ArkivClient client, List<Corpus.Document> batch, String tag)
      throws Exception {
    Latencies latencies = new Latencies();
    AtomicInteger next = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    try {
      List<Future<?>> workers = new ArrayList<>();
      for (int c = 0; c < clients; c++) {
        workers.add(
            pool.submit(
                () -> {
                  for (int i = next.getAndIncrement();
                      i < batch.size();
                      i = next.getAndIncrement()) {
                    Corpus.Document document = batch.get(i);
                    long started = System.nanoTime();
                    ArkivClient.Response response =
                        client.file(
                            RunningArkiv.CLERK,
                            document.fileName(),
                            document.bytes(),
                            document.metadataJson(tag, CLERK_DEPARTMENTS));
                    latencies.add(System.nanoTime() - started);
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
      // As often as the test setup refreshes the index (200 ms): finer polling costs the service.
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

  /**
   * The practical ceiling: Tika's AutoDetectParser with a BodyContentHandler on each document (as
   * the service configures it: embedded documents, no OCR, the same character limit), then one
   * Lucene addDocument of the text into a fresh FSDirectory index, committed at the end.
   */
  Outcome baseline(String name, int threads) throws Exception {
    AutoDetectParser parser = new AutoDetectParser();
    Path warmDir = Files.createTempDirectory("arkiv-bench-baseline-warm-");
    try {
      // A long warm-up is for the service's JVM; the bare parse settles within a thousand.
      parseAndIndex(parser, warmup.subList(0, Math.min(warmup.size(), 1_000)), warmDir, threads);
    } finally {
      ArkivBenchmark.delete(warmDir);
    }
    Path dir = Files.createTempDirectory("arkiv-bench-baseline-");
    try {
      long started = System.nanoTime();
      int failed = parseAndIndex(parser, documents, dir, threads);
      double seconds = (System.nanoTime() - started) / 1e9;
      return new Outcome(
          name,
          documents.size(),
          bytes(documents),
          seconds,
          Double.NaN,
          failed,
          new Latencies(),
          ArkivBenchmark.folderSize(dir),
          0,
          Double.NaN);
    } finally {
      ArkivBenchmark.delete(dir);
    }
  }

  private static int parseAndIndex(
      AutoDetectParser parser, List<Corpus.Document> batch, Path dir, int threads)
      throws Exception {
    AtomicInteger next = new AtomicInteger();
    AtomicLong failed = new AtomicLong();
    try (FSDirectory directory = FSDirectory.open(dir);
        IndexWriter writer =
            new IndexWriter(
                directory, new IndexWriterConfig(new StandardAnalyzer()).setRAMBufferSizeMB(64))) {
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      try {
        List<Future<?>> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
          workers.add(
              pool.submit(
                  () -> {
                    for (int i = next.getAndIncrement();
                        i < batch.size();
                        i = next.getAndIncrement()) {
                      Corpus.Document document = batch.get(i);
                      String text = parse(parser, document);
                      if (text == null) {
                        failed.incrementAndGet();
                        text = "";
                      }
                      Document doc = new Document();
                      doc.add(new StringField("id", document.content().ref(), Field.Store.YES));
                      doc.add(new TextField("text", text, Field.Store.NO));
                      writer.addDocument(doc);
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
      writer.commit();
    }
    return (int) failed.get();
  }

  private static String parse(AutoDetectParser parser, Corpus.Document document) {
    BodyContentHandler handler = new BodyContentHandler(MAX_CHARACTERS);
    Metadata metadata = new Metadata();
    metadata.set(TikaCoreProperties.RESOURCE_NAME_KEY, document.fileName());
    ParseContext context = new ParseContext();
    context.set(Parser.class, parser);
    TesseractOCRConfig ocr = new TesseractOCRConfig();
    ocr.setSkipOcr(true);
    context.set(TesseractOCRConfig.class, ocr);
    try (InputStream in = TikaInputStream.get(document.bytes())) {
      parser.parse(in, handler, metadata, context);
      return handler.toString().strip();
    } catch (IOException | SAXException | TikaException e) {
      return null;
    }
  }
}
