package se.arkiv.benchmark;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
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
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import se.arkiv.testing.ArkivClient;
import se.arkiv.testing.RunningArkiv;
import se.arkiv.testing.TestDocuments;
import tools.jackson.databind.JsonNode;

/**
 * The archive at scale (issue 13), over a generated archive ({@code scripts/generate-archive}) and
 * the service as its own process with a 1 GiB heap, as an operator runs it:
 *
 * <ol>
 *   <li>the index rebuilt from the store (the index folder starts empty): time, rate, heap peak,
 *       the progress the health endpoint reported on the way;
 *   <li>a restart with the index intact: time to ready;
 *   <li>search over HTTP, each query type with 20 hits, snippets and facets, as an auditor and as a
 *       clerk scoped to two departments;
 *   <li>a dry disposition run over one class;
 *   <li>the heap after a full GC while serving; index bytes per record;
 *   <li>a soak: clients filing (born-digital and a few scans) and searching together for some
 *       minutes, per minute p99 of each and the heap after GC, then every acknowledged filing
 *       looked for.
 * </ol>
 *
 * Arguments: jar, root (holding {@code data/}), records, soak minutes, soak clients, queries per
 * type, report file.
 */
public final class ScaleBenchmark {

  private static final String HEAP = "1g";
  private static final int HITS = ScaleSearch.HITS;
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("d MMM yyyy HH:mm 'UTC'", Locale.ENGLISH);

  private final Path jar;
  private final Path root;
  private final long records;
  private final Path out;
  private final StringBuilder report = new StringBuilder();

  private ScaleBenchmark(Path jar, Path root, long records, Path out) {
    this.jar = jar;
    this.root = root;
    this.records = records;
    this.out = out;
  }

  public static void main(String[] args) throws Exception {
    Path jar = Path.of(args[0]);
    Path root = Path.of(args[1]);
    long records = Long.parseLong(args[2]);
    int soakMinutes = Integer.parseInt(args[3]);
    int clients = Integer.parseInt(args[4]);
    int queries = Integer.parseInt(args[5]);
    Path out = Path.of(args[6]);
    boolean rebuild = args.length < 8 || !args[7].equals("keep-index");
    new ScaleBenchmark(jar, root, records, out).run(soakMinutes, clients, queries, rebuild);
  }

  /**
   * With {@code rebuild} false the index folder is kept and the rebuild not measured (a rebuild
   * measured by hand, from the service's log, or a second look at the same archive).
   */
  private void run(int soakMinutes, int clients, int queries, boolean rebuild) throws Exception {
    Files.copy(
        RunningArkiv.newRoot().resolve("users.yaml"),
        root.resolve("users.yaml"),
        StandardCopyOption.REPLACE_EXISTING);
    if (rebuild) {
      deleteRecursively(root.resolve("index"));
    }
    report
        .append("### Scale: ")
        .append(String.format(Locale.ROOT, "%,d", records))
        .append(" records (")
        .append(ZonedDateTime.now(ZoneOffset.UTC).format(STAMP))
        .append(")\n\n")
        .append(BenchmarkSections.machine())
        .append("\n\n| figure | result |\n| --- | --- |\n");
    if (rebuild) {
      rebuild();
    }
    try (ServiceProcess service = restart()) {
      search(service, queries);
      dryDisposition(service);
      row("heap after a full GC, serving (MiB)", Long.toString(heapAfterGc(service)));
      long indexBytes = size(root.resolve("index"));
      row(
          "index size / bytes per record",
          String.format(Locale.ROOT, "%,d MB / %,d", indexBytes / 1_000_000, indexBytes / records));
      report.append('\n');
      if (soakMinutes > 0) {
        new Soak(service, clients, soakMinutes).run();
      }
    }
    report.append("\nLoad average at the end: ").append(loadAverage()).append('\n');
    System.out.println(report);
    save();
  }

  /** After every figure, so a run stopped halfway keeps what it measured. */
  private void save() throws IOException {
    Files.createDirectories(out.toAbsolutePath().getParent());
    Files.writeString(out, report);
  }

  /** From an empty index folder to every record searchable, with the progress health reported. */
  private void rebuild() throws Exception {
    long started = System.nanoTime();
    try (ServiceProcess service =
        ServiceProcess.start(jar, root, HEAP, List.of(), "/actuator/health/liveness")) {
      double up = seconds(started);
      ArkivClient client = service.client();
      List<String> seen = new ArrayList<>();
      long lastSample = 0;
      while (true) {
        JsonNode index = client.get("/actuator/health", RunningArkiv.ADMIN).json();
        JsonNode details = index.path("components").path("index").path("details");
        JsonNode rebuild = details.path("rebuild");
        if (!rebuild.isMissingNode() && System.nanoTime() - lastSample > 60_000_000_000L) {
          lastSample = System.nanoTime();
          seen.add(
              String.format(
                  Locale.ROOT,
                  "%,d of %,d at %,d records/s, %s s left",
                  rebuild.path("compared").asLong(),
                  rebuild.path("total").asLong(),
                  rebuild.path("recordsPerSecond").asLong(),
                  rebuild.path("secondsLeft").asText("?")));
        }
        if (details.path("comparedWithStore").asBoolean()
            && details.path("documents").asLong() >= records) {
          break;
        }
        if (!service.process.isAlive()) {
          throw new IllegalStateException("The service ended during the rebuild");
        }
        Thread.sleep(2000);
      }
      double took = seconds(started) - up;
      row("service up (liveness) with an empty index, s", String.format(Locale.ROOT, "%.1f", up));
      row(
          "rebuild of the whole index from the store",
          String.format(
              Locale.ROOT,
              "%.0f s (%.1f min), **%,.0f records/s**, heap peak %,d MiB of %s",
              took,
              took / 60,
              records / took,
              service.heap.peakMegabytes(),
              HEAP));
      row("rebuild progress on /actuator/health, once a minute", String.join("; ", seen));
    }
  }

  private ServiceProcess restart() throws Exception {
    long started = System.nanoTime();
    ServiceProcess service =
        ServiceProcess.start(jar, root, HEAP, List.of(), "/actuator/health/readiness");
    row(
        "start-up to ready (readiness 200) with the index intact, s",
        String.format(Locale.ROOT, "**%.1f**", seconds(started)));
    return service;
  }

  private void search(ServiceProcess service, int queries) {
    report.append('\n').append(ScaleSearch.measure(service.client(), queries).table()).append('\n');
    report.append("| figure | result |\n| --- | --- |\n");
    saveQuietly();
  }

  private void dryDisposition(ServiceProcess service) {
    ArkivClient client = service.client();
    long started = System.nanoTime();
    ArkivClient.Response run;
    try {
      run =
          client.post(
              "/api/disposition/runs",
              RunningArkiv.MANAGER,
              "{\"dryRun\":true,\"recordClass\":\"CORRESPONDENCE\"}");
    } catch (RuntimeException e) {
      // The client gives up after a minute: a figure of its own, over the goal of 60 s.
      row(
          "dry disposition run over one class (CORRESPONDENCE)",
          String.format(Locale.ROOT, "no answer in %.0f s (%s)", seconds(started), e));
      return;
    }
    double took = seconds(started);
    if (run.status() != 201) {
      throw new IllegalStateException("Dry run: " + run.status() + " " + run.text());
    }
    row(
        "dry disposition run over one class (CORRESPONDENCE)",
        String.format(
            Locale.ROOT,
            "**%.1f s**: %,d candidates, %,d excluded",
            took,
            run.json().path("candidates").size(),
            run.json().path("excluded").size()));
  }

  /** The heap in use right after a full GC the benchmark asks for (jcmd), in MiB. */
  static long heapAfterGc(ServiceProcess service) throws Exception {
    Path bin = Path.of(System.getProperty("java.home"), "bin");
    String pid = Long.toString(service.process.pid());
    new ProcessBuilder(bin.resolve("jcmd").toString(), pid, "GC.run")
        .redirectErrorStream(true)
        .start()
        .waitFor(60, TimeUnit.SECONDS);
    Process jstat = new ProcessBuilder(bin.resolve("jstat").toString(), "-gc", pid).start();
    try (BufferedReader in =
        new BufferedReader(new InputStreamReader(jstat.getInputStream(), StandardCharsets.UTF_8))) {
      List<String> header = List.of(in.readLine().strip().split("\\s+"));
      List<String> cells = List.of(in.readLine().strip().split("\\s+"));
      return (long) HeapSampler.usedKb(header, cells) / 1024;
    }
  }

  /** Clients filing and searching at once; every acknowledged filing is looked for at the end. */
  private final class Soak {
    private final ServiceProcess service;
    private final int clients;
    private final int minutes;
    private final Map<Integer, Latencies> searches = new ConcurrentHashMap<>();
    private final Map<Integer, Latencies> uploads = new ConcurrentHashMap<>();
    private final Map<Integer, Long> heap = new ConcurrentHashMap<>();
    private final AtomicLong errors = new AtomicLong();
    private final Set<String> filedTokens = ConcurrentHashMap.newKeySet();
    private final AtomicLong scans = new AtomicLong();

    Soak(ServiceProcess service, int clients, int minutes) {
      this.service = service;
      this.clients = clients;
      this.minutes = minutes;
    }

    void run() throws Exception {
      ArkivClient client = service.client();
      List<String> queries =
          ScaleQueries.of(client).values().stream().flatMap(List::stream).toList();
      long started = System.nanoTime();
      long end = started + TimeUnit.MINUTES.toNanos(minutes);
      ExecutorService pool = Executors.newFixedThreadPool(clients);
      List<Future<?>> running = new ArrayList<>();
      for (int c = 0; c < clients; c++) {
        int number = c;
        running.add(pool.submit(() -> client(client, queries, number, started, end)));
      }
      for (int minute = 0; minute < minutes; minute++) {
        long due = started + TimeUnit.MINUTES.toNanos(minute + 1);
        Thread.sleep(Math.max(0, (due - System.nanoTime()) / 1_000_000));
        heap.put(minute, heapAfterGc(service));
      }
      for (Future<?> f : running) {
        f.get();
      }
      pool.shutdown();
      report.append(
          String.format(
              Locale.ROOT,
              "Soak: %d clients (a quarter filing, the rest searching) for %d minute(s); %,d filings"
                  + " acknowledged (%,d of them scans), %d errors.%n%n",
              clients,
              minutes,
              filedTokens.size(),
              scans.get(),
              errors.get()));
      report.append(
          "| minute | searches | search p50 / p99 (ms) | uploads | upload p50 / p99 (ms) | heap after GC (MiB) |\n"
              + "| ---: | ---: | ---: | ---: | ---: | ---: |\n");
      for (int minute = 0; minute < minutes; minute++) {
        Latencies s = searches.getOrDefault(minute, new Latencies());
        Latencies u = uploads.getOrDefault(minute, new Latencies());
        report.append(
            String.format(
                Locale.ROOT,
                "| %d | %,d | %s / %s | %,d | %s / %s | %,d |%n",
                minute + 1,
                s.count(),
                Latencies.ms(s.percentileMs(0.50)),
                Latencies.ms(s.percentileMs(0.99)),
                u.count(),
                Latencies.ms(u.percentileMs(0.50)),
                Latencies.ms(u.percentileMs(0.99)),
                heap.getOrDefault(minute, -1L)));
      }
      long missing = missing(client);
      report.append(
          String.format(
              Locale.ROOT,
              "%nEvery acknowledged filing looked for by its own word once extraction drained:"
                  + " **%,d of %,d missing**.%n",
              missing,
              filedTokens.size()));
      saveQuietly();
    }

    private Object client(
        ArkivClient client, List<String> queries, int number, long started, long end) {
      Random random = new Random(number);
      boolean filer = number % 4 == 0;
      int n = 0;
      while (System.nanoTime() < end) {
        int minute = (int) ((System.nanoTime() - started) / 60_000_000_000L);
        try {
          if (filer) {
            file(client, random, number, n++, minute);
          } else {
            String query = queries.get(random.nextInt(queries.size()));
            long t = System.nanoTime();
            ArkivClient.Response r =
                client.get(
                    "/api/search?size=" + HITS + "&" + query,
                    random.nextBoolean() ? RunningArkiv.AUDITOR : RunningArkiv.CLERK);
            searches.computeIfAbsent(minute, m -> new Latencies()).add(System.nanoTime() - t);
            if (r.status() != 200) {
              errors.incrementAndGet();
            }
          }
        } catch (RuntimeException e) {
          errors.incrementAndGet();
        }
      }
      return null;
    }

    private void file(ArkivClient client, Random random, int number, int n, int minute) {
      String token = "soak" + number + "x" + n + "q" + Long.toString(random.nextLong() >>> 1, 36);
      boolean scan = n % 10 == 9;
      byte[] bytes;
      String name;
      if (scan) {
        bytes =
            TestDocuments.image(
                TestDocuments.scan(0, "Kvitto " + token, "Belopp 1 250 kr", "Attest ekonomi"),
                "png");
        name = token + ".png";
      } else if (n % 2 == 0) {
        bytes = TestDocuments.pdf("Faktura " + token, "Leverantörsfaktura för kontorsmaterial");
        name = token + ".pdf";
      } else {
        bytes = TestDocuments.docx("Kundbrev " + token, "Svar på förfrågan om kontoutdrag");
        name = token + ".docx";
      }
      String metadata =
          "{\"recordClass\":\"ACC-VOUCHER\",\"department\":\"ACCOUNTING\",\"title\":\"Soak "
              + token
              + "\",\"documentDate\":\"2026-11-30\",\"fiscalYearEnd\":\"2026-12-31\"}";
      long t = System.nanoTime();
      ArkivClient.Response r = client.file(RunningArkiv.CLERK, name, bytes, metadata);
      uploads.computeIfAbsent(minute, m -> new Latencies()).add(System.nanoTime() - t);
      if (r.status() == 201) {
        filedTokens.add(token);
        if (scan) {
          scans.incrementAndGet();
        }
      } else {
        errors.incrementAndGet();
      }
    }

    /** Waits for extraction to drain, then asks for each token, 50 to a query. */
    private long missing(ArkivClient client) throws InterruptedException {
      List<String> tokens = new ArrayList<>(filedTokens);
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(15);
      long missing;
      do {
        missing = 0;
        for (int i = 0; i < tokens.size(); i += 50) {
          List<String> batch = tokens.subList(i, Math.min(tokens.size(), i + 50));
          String q = URLEncoder.encode(String.join(" OR ", batch), StandardCharsets.UTF_8);
          long found =
              client
                  .get("/api/search?size=1&q=" + q, RunningArkiv.AUDITOR)
                  .json()
                  .path("total")
                  .asLong();
          missing += batch.size() - found;
        }
        if (missing > 0) {
          Thread.sleep(5000);
        }
      } while (missing > 0 && System.nanoTime() < deadline);
      return missing;
    }
  }

  private void row(String figure, String result) {
    report.append("| ").append(figure).append(" | ").append(result).append(" |\n");
    System.out.println(figure + ": " + result);
    saveQuietly();
  }

  private void saveQuietly() {
    try {
      save();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static double seconds(long since) {
    return (System.nanoTime() - since) / 1e9;
  }

  private static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).strip().substring(0, 14);
    } catch (IOException e) {
      return "?";
    }
  }

  static long size(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
    }
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
}
