package se.arkiv.benchmark;

import io.minio.MinioAsyncClient;
import io.minio.PutObjectArgs;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import se.arkiv.ArkivApplication;
import se.arkiv.fixity.FixityReport;
import se.arkiv.fixity.FixityRun;
import se.arkiv.fixity.FixityRuns;
import se.arkiv.record.Extraction;
import se.arkiv.record.ExtractionStatus;
import se.arkiv.record.RecordId;
import se.arkiv.record.RecordMetadata;
import se.arkiv.testing.CephRgwServer;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Fixity over N records on the filesystem store beside {@code sha256sum} of the same original files
 * in the same run ({@code ./scripts/benchmark-fixity}). The records are written straight into the
 * store's layout (original, text, one metadata version with extraction done), which is what the
 * filesystem store would hold, without its fsyncs: making 100,000 records through the service would
 * take longer than the benchmark. Then the service starts on that folder with its background sweeps
 * held off, so the timed run competes with nothing of Arkiv's own.
 *
 * <p>Arguments: records, parallelism, rounds, report file, the docs file whose fixity section is
 * replaced (or "-").
 */
public final class FixityBenchmark {

  private static final String BEGIN = "<!-- fixity-benchmark:begin -->";
  private static final String END = "<!-- fixity-benchmark:end -->";
  private static final String CEPH_BEGIN = "<!-- fixity-benchmark-ceph:begin -->";
  private static final String CEPH_END = "<!-- fixity-benchmark-ceph:end -->";
  private static final int MIN_SIZE = 8 * 1024;
  private static final int MAX_SIZE = 88 * 1024;

  private FixityBenchmark() {}

  public static void main(String[] args) throws Exception {
    int records = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    int parallelism = args.length > 1 ? Integer.parseInt(args[1]) : 2;
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 2;
    Path out = Path.of(args.length > 3 ? args[3] : "target/benchmark/fixity.md");
    String docs = args.length > 4 ? args[4] : "docs/benchmarks.md";
    boolean onCeph = args.length > 5 && args[5].equals("ceph");
    Path root = Files.createTempDirectory("arkiv-fixity-bench-");
    // On the filesystem store these are the store's own files; on Ceph, local copies of the
    // originals for sha256sum.
    Path objects = root.resolve("data/objects");
    List<double[]> fixity = new ArrayList<>();
    List<double[]> bare = new ArrayList<>();
    List<double[]> bareParallel = new ArrayList<>();
    CephRgwServer ceph = onCeph ? CephRgwServer.start("arkiv") : null;
    long bytes;
    ConfigurableApplicationContext context = null;
    try {
      long made = System.nanoTime();
      if (onCeph) {
        context = start(root, parallelism, ceph);
        System.out.printf("Making %,d records in Ceph RGW...%n", records);
        bytes = makeInBucket(ceph.client(), objects, records);
      } else {
        System.out.printf("Making %,d records in %s...%n", records, objects);
        bytes = make(objects, records);
        context = start(root, parallelism, null);
      }
      System.out.printf(
          "Made %,d records (%,d MB of originals) in %.0f s%n",
          records, bytes / 1_000_000, (System.nanoTime() - made) / 1e9);
      FixityRuns runs = context.getBean(FixityRuns.class);
      // Rounds interleave the two, so a noisy minute on a shared machine hits both.
      for (int round = 1; round <= rounds; round++) {
        System.out.printf("Round %d of %d: sha256sum...%n", round, rounds);
        bare.add(sha256sum(objects, 1, records, bytes));
        bareParallel.add(sha256sum(objects, parallelism, records, bytes));
        System.out.printf("Round %d of %d: fixity run...%n", round, rounds);
        fixity.add(fixity(runs, records));
      }
    } finally {
      if (context != null) {
        context.close();
      }
      if (ceph != null) {
        ceph.close();
      }
    }
    String report = report(records, bytes, parallelism, fixity, bare, bareParallel, onCeph);
    System.out.println(report);
    Files.createDirectories(out.toAbsolutePath().getParent());
    Files.writeString(out, report);
    if (!docs.equals("-")) {
      BenchmarkSections.replace(
          Path.of(docs), report, onCeph ? CEPH_BEGIN : BEGIN, onCeph ? CEPH_END : END);
      System.out.println("Updated the fixity section of " + docs);
    }
    // Last: removing a hundred thousand folders takes a while, and the report is written.
    deleteTree(root);
  }

  private static long make(Path objects, int count) throws Exception {
    JsonMapper json = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
    SplittableRandom random = new SplittableRandom(20261201);
    byte[] pool = new byte[MAX_SIZE * 16];
    random.nextBytes(pool);
    MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
    Clock clock = Clock.fixed(Instant.parse("2026-01-02T08:00:00Z"), ZoneOffset.UTC);
    long bytes = 0;
    for (int i = 0; i < count; i++) {
      RecordId id = RecordId.newId(Clock.offset(clock, Duration.ofMillis(i)));
      byte[] original = original(pool, random, i);
      String text = text(i);
      Path folder = objects.resolve("records").resolve(id.value());
      Files.createDirectories(folder.resolve("meta"));
      Files.write(folder.resolve("original"), original);
      Files.writeString(folder.resolve("text.txt"), text);
      Files.write(
          folder.resolve("meta/000001.json"),
          json.writeValueAsBytes(metadata(id, i, original, sha256, text, null)));
      bytes += original.length;
    }
    return bytes;
  }

  /**
   * Records written straight into the bucket in the store's layout, by eight threads with a plain
   * SDK client: the service's own write protocol (conditional create, lock read-back, retention on
   * every object) costs about a dozen requests a record, which at 10,000 records would take longer
   * than the benchmark. Each original keeps the version id its PUT answered, in its metadata, as
   * filing does; each is also written to {@code local} for sha256sum.
   */
  private static long makeInBucket(MinioAsyncClient s3, Path local, int count) throws Exception {
    SplittableRandom seeds = new SplittableRandom(20261201);
    byte[] pool = new byte[MAX_SIZE * 16];
    seeds.nextBytes(pool);
    JsonMapper json = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
    AtomicLong bytes = new AtomicLong();
    int threads = 8;
    ExecutorService pool8 = Executors.newFixedThreadPool(threads);
    List<Future<?>> done = new ArrayList<>();
    Clock clock = Clock.fixed(Instant.parse("2026-01-02T08:00:00Z"), ZoneOffset.UTC);
    for (int t = 0; t < threads; t++) {
      int thread = t;
      SplittableRandom random = seeds.split();
      done.add(
          pool8.submit(
              () -> {
                MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
                for (int i = thread; i < count; i += threads) {
                  RecordId id = RecordId.newId(Clock.offset(clock, Duration.ofMillis(i)));
                  byte[] original = original(pool, random, i);
                  Path file = local.resolve("records").resolve(id.value()).resolve("original");
                  Files.createDirectories(file.getParent());
                  Files.write(file, original);
                  String prefix = "records/" + id + "/";
                  String versionId = put(s3, prefix + "original", original);
                  String text = text(i);
                  put(s3, prefix + "text.txt", text.getBytes(StandardCharsets.UTF_8));
                  put(
                      s3,
                      prefix + "meta/000001.json",
                      json.writeValueAsBytes(metadata(id, i, original, sha256, text, versionId)));
                  bytes.addAndGet(original.length);
                }
                return null;
              }));
    }
    for (Future<?> f : done) {
      f.get();
    }
    pool8.shutdown();
    return bytes.get();
  }

  /** A PUT with the Content-MD5 a bucket with Object Lock requires; answers the version id. */
  private static String put(MinioAsyncClient s3, String key, byte[] content) throws Exception {
    String md5 =
        Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5").digest(content));
    return s3.putObject(
            PutObjectArgs.builder().bucket("arkiv").object(key).stream(
                    new ByteArrayInputStream(content), content.length, -1)
                .headers(Map.of("Content-MD5", md5))
                .build())
        .get()
        .versionId();
  }

  private static byte[] original(byte[] pool, SplittableRandom random, int i) {
    int size = MIN_SIZE + random.nextInt(MAX_SIZE - MIN_SIZE);
    byte[] original = new byte[size];
    System.arraycopy(pool, random.nextInt(pool.length - size), original, 0, size);
    // Every original different, as filed scans are.
    byte[] stamp = ("record " + i + "\n").getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(stamp, 0, original, 0, stamp.length);
    return original;
  }

  private static String text(int i) {
    return "Verifikation " + i + ", leverantörsfaktura, belopp " + (i * 37 % 100_000);
  }

  private static RecordMetadata metadata(
      RecordId id, int i, byte[] original, MessageDigest sha256, String text, String versionId) {
    Instant at = Instant.parse("2026-01-02T08:00:00Z");
    return new RecordMetadata(
        RecordMetadata.SCHEMA_VERSION,
        id,
        1,
        "CORRESPONDENCE",
        "Verifikation " + i,
        "verifikation-" + i + ".bin",
        "application/octet-stream",
        original.length,
        HexFormat.of().formatHex(sha256.digest(original)),
        null,
        LocalDate.of(2026, 1, 2),
        null,
        null,
        null,
        at,
        "benchmark",
        new Extraction(ExtractionStatus.DONE, null, "sv", text.length(), false, at),
        at,
        "benchmark",
        "filed",
        versionId);
  }

  private static ConfigurableApplicationContext start(
      Path root, int parallelism, CephRgwServer ceph) throws IOException {
    // Nobody logs in; the service only refuses to start without a user.
    Path users = root.resolve("users.yaml");
    Files.writeString(
        users,
        "users:\n  - username: bench\n    password: \"{bcrypt}"
            + new BCryptPasswordEncoder(4).encode(UUID.randomUUID().toString())
            + "\"\n    roles: [ADMIN]\n");
    Map<String, Object> properties = new LinkedHashMap<>(ArkivBenchmark.QUIET);
    properties.put("server.port", 0);
    properties.put("arkiv.data-dir", root.resolve("data").toString());
    properties.put("arkiv.index.dir", root.resolve("index").toString());
    properties.put("arkiv.security.users-file", users.toString());
    properties.put("arkiv.fixity.parallelism", parallelism);
    // Held off: the index catch-up and the extraction sweep would read every record meanwhile.
    properties.put("arkiv.index.catch-up-initial-delay", "24h");
    properties.put("arkiv.extraction.sweep-initial-delay", "24h");
    properties.put("logging.level.se.arkiv.fixity", "WARN");
    if (ceph != null) {
      properties.put("arkiv.storage.type", "s3");
      properties.put("arkiv.storage.s3.endpoint", ceph.endpoint());
      properties.put("arkiv.storage.s3.bucket", "arkiv");
      properties.put("arkiv.storage.s3.access-key", ceph.accessKey());
      properties.put("arkiv.storage.s3.secret-key", ceph.secretKey());
      properties.put("arkiv.storage.s3.object-lock.mode", "GOVERNANCE");
      properties.put("arkiv.storage.s3.object-lock.horizon", "P1D");
    }
    String[] args =
        properties.entrySet().stream()
            .map(e -> "--" + e.getKey() + "=" + e.getValue())
            .toArray(String[]::new);
    return new SpringApplicationBuilder(ArkivApplication.class).run(args);
  }

  /** {seconds, records/s, MB/s} of one fixity run. */
  private static double[] fixity(FixityRuns runs, int records) throws InterruptedException {
    long started = System.nanoTime();
    String id = runs.start("benchmark").id();
    FixityReport report = runs.find(id);
    while (report.run().state() != FixityRun.State.FINISHED) {
      Thread.sleep(50);
      report = runs.find(id);
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    FixityRun run = report.run();
    if (run.checked() != records || run.findings() != 0) {
      throw new IllegalStateException(
          "Fixity checked " + run.checked() + " records with " + run.findings() + " findings");
    }
    return new double[] {seconds, records / seconds, run.bytes() / 1e6 / seconds};
  }

  /** {seconds, records/s, MB/s} of sha256sum over every original, in {@code processes}. */
  private static double[] sha256sum(Path objects, int processes, int records, long bytes)
      throws Exception {
    long started = System.nanoTime();
    Process process =
        new ProcessBuilder(
                "bash",
                "-c",
                "find records -name original -print0 | xargs -0 -P "
                    + processes
                    + " -n 2000 sha256sum > /dev/null")
            .directory(objects.toFile())
            .inheritIO()
            .start();
    if (process.waitFor() != 0) {
      throw new IllegalStateException("sha256sum failed: " + process.exitValue());
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    return new double[] {seconds, records / seconds, bytes / 1e6 / seconds};
  }

  private static String report(
      int records,
      long bytes,
      int parallelism,
      List<double[]> fixity,
      List<double[]> bare,
      List<double[]> bareParallel,
      boolean onCeph)
      throws IOException {
    double[] f = best(fixity);
    double[] s = best(bare);
    double[] p = best(bareParallel);
    StringBuilder md = new StringBuilder();
    md.append(onCeph ? CEPH_BEGIN : BEGIN).append('\n');
    md.append(
        String.format(
            Locale.ROOT,
            onCeph
                ? "## Fixity on Ceph RGW (%s)%n%n"
                : "## Fixity on the filesystem store (%s)%n%n",
            ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("d MMM yyyy"))));
    md.append("Made by `./scripts/benchmark-fixity`. ");
    if (onCeph) {
      md.append(
          "The store is a single-node Ceph RADOS Gateway on this machine (`scripts/ceph-rgw`:"
              + " memstore, data in RAM, a bucket with Object Lock and so versioning), the records"
              + " written into it in the store's layout by a plain SDK client; each fixity check lists the record's"
              + " versions and reads metadata, original (by its version id) and text over HTTP."
              + " `sha256sum` hashes local copies of the same originals. ");
    }
    md.append(
        String.format(
            Locale.ROOT,
            "%,d records, %,d MB of originals (%d to %d KB each, random bytes), one metadata"
                + " version and an extracted text each; local files in the page cache"
                + " (just written, and they fit in memory: this measures hashing and per-record"
                + " work, not the disk). Fixity with `arkiv.fixity.parallelism=%d`,"
                + " started in-process and timed from start to FINISHED; `sha256sum` over the"
                + " same `original` files (`find | xargs -n 2000`), one process and %d in"
                + " parallel. Best of %d interleaved rounds.%n%n",
            records,
            bytes / 1_000_000,
            MIN_SIZE / 1024,
            MAX_SIZE / 1024,
            parallelism,
            parallelism,
            fixity.size()));
    md.append("| | |\n| --- | --- |\n");
    md.append("| date | ")
        .append(ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.RFC_1123_DATE_TIME))
        .append(" |\n");
    md.append("| processors (nproc) | ")
        .append(Runtime.getRuntime().availableProcessors())
        .append(" |\n");
    md.append("| CPU | ").append(cpu()).append(" |\n");
    md.append("| Java | ").append(System.getProperty("java.version")).append(" |\n\n");
    md.append("| | seconds | records/s | MB/s | fixity ÷ this (MB/s) |\n");
    md.append("| --- | ---: | ---: | ---: | ---: |\n");
    row(md, "Arkiv fixity run", f, f);
    row(md, "`sha256sum`, 1 process", s, f);
    row(md, "`sha256sum`, " + parallelism + " processes", p, f);
    md.append('\n');
    md.append("Every round (seconds): fixity ");
    fixity.forEach(r -> md.append(String.format(Locale.ROOT, "%.1f ", r[0])));
    md.append("· sha256sum ");
    bare.forEach(r -> md.append(String.format(Locale.ROOT, "%.1f ", r[0])));
    md.append("· sha256sum ×").append(parallelism).append(' ');
    bareParallel.forEach(r -> md.append(String.format(Locale.ROOT, "%.1f ", r[0])));
    md.append("\n\n").append(onCeph ? CEPH_END : END).append('\n');
    return md.toString();
  }

  private static void row(StringBuilder md, String name, double[] r, double[] fixity) {
    md.append(
        String.format(
            Locale.ROOT,
            "| %s | %.1f | %,.0f | %,.0f | %.2f |%n",
            name,
            r[0],
            r[1],
            r[2],
            fixity[2] / r[2]));
  }

  private static double[] best(List<double[]> rounds) {
    return rounds.stream().min(Comparator.comparingDouble(r -> r[0])).orElseThrow();
  }

  private static String cpu() throws IOException {
    Path cpuinfo = Path.of("/proc/cpuinfo");
    if (!Files.isReadable(cpuinfo)) {
      return "unknown";
    }
    return Files.readAllLines(cpuinfo).stream()
        .filter(l -> l.startsWith("model name"))
        .map(l -> l.substring(l.indexOf(':') + 1).strip())
        .findFirst()
        .orElse("unknown");
  }

  private static void deleteTree(Path root) throws IOException {
    try (var files = Files.walk(root)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
