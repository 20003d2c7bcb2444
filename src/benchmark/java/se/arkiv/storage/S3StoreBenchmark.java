package se.arkiv.storage;

import io.minio.GetObjectArgs;
import io.minio.ListObjectsArgs;
import io.minio.MinioAsyncClient;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.RemoveObjectArgs;
import io.minio.Result;
import io.minio.messages.Item;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import se.arkiv.testing.S3ProxyServer;

/**
 * Object store benchmark: puts and gets through Arkiv's S3 adapter ({@link S3ObjectStore}) beside
 * the same calls made directly on the MinIO SDK, against one S3Proxy server, for small objects and
 * for large ones; the filesystem adapter beside plain java.nio for the same sizes as extra
 * information. Run by {@code ./scripts/benchmark --only storage} (see docs/benchmarks-more.md) or
 * on its own through {@link #main}. In this package because the adapters are package-private.
 *
 * <p>What each side does for one operation:
 *
 * <ul>
 *   <li>S3 adapter, small put: {@code create(key, byte[])} as metadata and JSON documents are
 *       written (a HEAD to refuse an existing key, the MD5, the PUT with Content-MD5, a HEAD for
 *       the answer). Large put: {@code create(key, Path)} from a file, as filing stores an original
 *       from the spool (MD5 of the file, then the upload). Get: {@code get(key)}, drained.
 *   <li>MinIO SDK: one {@code putObject} from the same bytes or the same file (SDK defaults: no
 *       Content-MD5, its own part size), one {@code getObject}, drained.
 *   <li>Filesystem adapter: {@code create} (temp file, fsync, hard link, folder fsync) and {@code
 *       get}; plain java.nio: {@code Files.write} / {@code Files.copy} without fsync, and {@code
 *       Files.newInputStream}.
 * </ul>
 */
public final class S3StoreBenchmark {

  private static final String BUCKET = "arkiv-bench";

  /** Requests on the wire, by kind, for the phase that runs now. */
  private static final Map<String, AtomicLong> REQUESTS = new ConcurrentHashMap<>();

  /** The base64 MD5 of each object the benchmark writes, to find it in Content-MD5 headers. */
  private static final Set<String> OBJECT_MD5S = ConcurrentHashMap.newKeySet();

  /** One measured phase: {@code count} operations of {@code bytes} each, one after another. */
  record Phase(
      String side,
      String op,
      int count,
      long bytes,
      long[] nanos,
      double seconds,
      Map<String, Long> requests) {

    double opsPerSecond() {
      return count / seconds;
    }

    double megabytesPerSecond() {
      return count * (double) bytes / 1e6 / seconds;
    }

    double percentileMs(double p) {
      long[] sorted = nanos.clone();
      Arrays.sort(sorted);
      int rank = (int) Math.ceil(p * sorted.length);
      return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))] / 1e6;
    }

    double requestsPerOp() {
      return requests.values().stream().mapToLong(Long::longValue).sum() / (double) count;
    }
  }

  /** One way of putting and getting objects. */
  private interface Side {
    String name();

    void putSmall(String key, byte[] content) throws Exception;

    void putFile(String key, Path file, long size) throws Exception;

    InputStream get(String key) throws Exception;
  }

  private S3StoreBenchmark() {}

  /** Standalone: {@code --small-count 300 --small-kb 4 --large-count 10 --large-mb 20}. */
  public static void main(String[] args) throws Exception {
    Map<String, String> options = new LinkedHashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
    }
    System.out.println(run(options));
  }

  /**
   * Runs the whole part and returns its Markdown section. Options: {@code small-count}, {@code
   * small-kb}, {@code large-count}, {@code large-mb}, {@code storage-rounds}.
   */
  public static String run(Map<String, String> options) throws Exception {
    int smallCount = Integer.parseInt(options.getOrDefault("small-count", "300"));
    int smallBytes = Integer.parseInt(options.getOrDefault("small-kb", "4")) * 1024;
    int largeCount = Integer.parseInt(options.getOrDefault("large-count", "10"));
    long largeBytes = Long.parseLong(options.getOrDefault("large-mb", "20")) * 1024 * 1024;
    int rounds = Integer.parseInt(options.getOrDefault("storage-rounds", "3"));
    long partSize = 64L * 1024 * 1024; // arkiv.storage.s3.part-size default (64MB)

    Path work = Files.createTempDirectory("arkiv-bench-store-");
    long started = System.nanoTime();
    try (S3ProxyServer server = S3ProxyServer.start(BUCKET)) {
      OkHttpClient http =
          new OkHttpClient.Builder()
              // As StorageConfiguration builds it, plus a counter of requests on the wire.
              .connectTimeout(10, TimeUnit.SECONDS)
              .readTimeout(60, TimeUnit.SECONDS)
              .writeTimeout(60, TimeUnit.SECONDS)
              .retryOnConnectionFailure(true)
              .addNetworkInterceptor(
                  chain -> {
                    REQUESTS
                        .computeIfAbsent(kind(chain.request()), k -> new AtomicLong())
                        .incrementAndGet();
                    return chain.proceed(chain.request());
                  })
              .build();
      MinioClient client =
          MinioClient.builder()
              .endpoint(server.endpoint())
              .region("us-east-1")
              .credentials(S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY)
              .httpClient(http)
              .build();
      S3ObjectStore adapter =
          new S3ObjectStore(
              MinioAsyncClient.builder()
                  .endpoint(server.endpoint())
                  .region("us-east-1")
                  .credentials(S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY)
                  .httpClient(http)
                  .build(),
              BUCKET,
              partSize,
              server.endpoint());
      adapter.checkBucket();
      FilesystemObjectStore filesystem =
          new FilesystemObjectStore(Files.createDirectories(work.resolve("fs-adapter")));
      Path plainRoot = Files.createDirectories(work.resolve("fs-plain"));

      List<Side> s3Sides = List.of(adapterSide(adapter), rawSide(client));
      List<Side> fsSides = List.of(adapterSide("Filesystem adapter", filesystem), plain(plainRoot));

      Random random = new Random(20250101);
      byte[] small = new byte[smallBytes];
      random.nextBytes(small);
      Path largeFile = work.resolve("large.bin");
      try (OutputStream out = Files.newOutputStream(largeFile)) {
        byte[] block = new byte[1 << 20];
        for (long written = 0; written < largeBytes; written += block.length) {
          random.nextBytes(block);
          out.write(block, 0, (int) Math.min(block.length, largeBytes - written));
        }
      }
      OBJECT_MD5S.add(S3ObjectStore.md5(small));
      OBJECT_MD5S.add(S3ObjectStore.md5(largeFile));

      // Warm-up, not counted: JIT, connection pool, S3Proxy's own start.
      System.out.println("Object store: warm-up...");
      for (Side side : concat(s3Sides, fsSides)) {
        measure(side, "warm", "put", 50, small, null, 0);
        measure(side, "warm", "get", 50, small, null, 0);
        measure(side, "warm", "put-large", 1, null, largeFile, largeBytes);
        measure(side, "warm", "get-large", 1, null, largeFile, largeBytes);
      }
      clearBucket(client);

      Map<String, List<Phase>> phases = new LinkedHashMap<>();
      for (int round = 1; round <= rounds; round++) {
        System.out.printf(
            "Object store round %d of %d (load average %s)...%n", round, rounds, loadAverage());
        // Alternate which side goes first, so neither always meets a fuller bucket or disk.
        List<Side> s3Order = new ArrayList<>(s3Sides);
        List<Side> fsOrder = new ArrayList<>(fsSides);
        if (round % 2 == 0) {
          Collections.reverse(s3Order);
          Collections.reverse(fsOrder);
        }
        for (Side side : concat(s3Order, fsOrder)) {
          String prefix = "r" + round;
          add(phases, measure(side, prefix, "put", smallCount, small, null, smallBytes));
          add(phases, measure(side, prefix, "get", smallCount, small, null, smallBytes));
          add(phases, measure(side, prefix, "put-large", largeCount, null, largeFile, largeBytes));
          add(phases, measure(side, prefix, "get-large", largeCount, null, largeFile, largeBytes));
        }
        // Empty the stores between rounds (not timed): 20 MB objects add up.
        clearBucket(client);
        deleteTree(work.resolve("fs-adapter").resolve("bench"));
        deleteTree(plainRoot.resolve("bench"));
      }
      return report(
          phases,
          smallCount,
          smallBytes,
          largeCount,
          largeBytes,
          rounds,
          partSize,
          (System.nanoTime() - started) / 60e9);
    } finally {
      deleteTree(work);
    }
  }

  private static <T> List<T> concat(List<T> a, List<T> b) {
    List<T> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  private static void add(Map<String, List<Phase>> phases, Phase phase) {
    phases.computeIfAbsent(phase.side() + "|" + phase.op(), k -> new ArrayList<>()).add(phase);
    System.out.printf(
        Locale.ROOT,
        "  %-22s %-9s %4d x %9d B: %8.1f ops/s %8.2f MB/s  %.1f requests/op%n",
        phase.side(),
        phase.op(),
        phase.count(),
        phase.bytes(),
        phase.opsPerSecond(),
        phase.megabytesPerSecond(),
        phase.requestsPerOp());
  }

  private static Phase measure(
      Side side, String prefix, String op, int count, byte[] small, Path file, long bytes)
      throws Exception {
    boolean large = op.endsWith("large");
    String base = "bench/" + prefix + "/" + slug(side.name()) + "/" + (large ? "large" : "small");
    long[] nanos = new long[count];
    byte[] buffer = new byte[64 * 1024];
    REQUESTS.clear();
    long started = System.nanoTime();
    for (int i = 0; i < count; i++) {
      String key = base + "-" + String.format("%05d", i);
      long t0 = System.nanoTime();
      if (op.startsWith("put")) {
        if (large) {
          side.putFile(key, file, bytes);
        } else {
          side.putSmall(key, small);
        }
      } else {
        long read = 0;
        try (InputStream in = side.get(key)) {
          for (int n; (n = in.read(buffer)) > 0; ) {
            read += n;
          }
        }
        long expected = large ? bytes : small.length;
        if (read != expected) {
          throw new IllegalStateException(side.name() + " read " + read + " of " + expected);
        }
      }
      nanos[i] = System.nanoTime() - t0;
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    Map<String, Long> requests = new TreeMap<>();
    REQUESTS.forEach((k, v) -> requests.put(k, v.get()));
    return new Phase(side.name(), op, count, bytes, nanos, seconds, requests);
  }

  private static String slug(String name) {
    return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
  }

  /**
   * The S3 request a call sent, as the S3 API names it, and whether it carried the object's MD5.
   */
  private static String kind(Request request) {
    String kind = operation(request);
    // The SDK sends a Content-MD5 of its own on many requests; what matters is whether the MD5 of
    // the whole object, which the adapter computes for the store to check, is on the wire.
    String md5 = request.header("Content-MD5");
    return md5 != null && OBJECT_MD5S.contains(md5) ? kind + " (with the object's MD5)" : kind;
  }

  private static String operation(Request request) {
    String query = request.url().query() == null ? "" : request.url().query();
    String method = request.method();
    if (query.contains("uploads")) {
      return "CreateMultipartUpload";
    }
    if (query.contains("partNumber")) {
      return "UploadPart";
    }
    if (query.contains("uploadId")) {
      return method.equals("POST") ? "CompleteMultipartUpload" : method + " ?uploadId";
    }
    return switch (method) {
      case "HEAD" -> "HeadObject";
      case "PUT" -> "PutObject";
      case "GET" -> query.isEmpty() ? "GetObject" : "GET ?" + query.replaceAll("=.*", "");
      default -> method;
    };
  }

  private static Side adapterSide(S3ObjectStore store) {
    return adapterSide("S3 adapter", store);
  }

  private static Side adapterSide(String name, ObjectStore store) {
    return new Side() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public void putSmall(String key, byte[] content) {
        store.create(key, content);
      }

      @Override
      public void putFile(String key, Path file, long size) {
        store.create(key, file);
      }

      @Override
      public InputStream get(String key) {
        return store.get(key);
      }
    };
  }

  private static Side rawSide(MinioClient client) {
    return new Side() {
      @Override
      public String name() {
        return "MinIO SDK";
      }

      @Override
      public void putSmall(String key, byte[] content) throws Exception {
        client.putObject(
            PutObjectArgs.builder().bucket(BUCKET).object(key).stream(
                    new ByteArrayInputStream(content), content.length, -1)
                .contentType("application/octet-stream")
                .build());
      }

      @Override
      public void putFile(String key, Path file, long size) throws Exception {
        try (InputStream in = Files.newInputStream(file)) {
          client.putObject(
              PutObjectArgs.builder().bucket(BUCKET).object(key).stream(in, size, -1)
                  .contentType("application/octet-stream")
                  .build());
        }
      }

      @Override
      public InputStream get(String key) throws Exception {
        return client.getObject(GetObjectArgs.builder().bucket(BUCKET).object(key).build());
      }
    };
  }

  private static Side plain(Path root) {
    return new Side() {
      @Override
      public String name() {
        return "java.nio, no fsync";
      }

      @Override
      public void putSmall(String key, byte[] content) throws IOException {
        Path target = root.resolve(key);
        Files.createDirectories(target.getParent());
        Files.write(target, content);
      }

      @Override
      public void putFile(String key, Path file, long size) throws IOException {
        Path target = root.resolve(key);
        Files.createDirectories(target.getParent());
        Files.copy(file, target);
      }

      @Override
      public InputStream get(String key) throws IOException {
        return Files.newInputStream(root.resolve(key));
      }
    };
  }

  private static void clearBucket(MinioClient client) throws Exception {
    List<String> keys = new ArrayList<>();
    for (Result<Item> result :
        client.listObjects(
            ListObjectsArgs.builder().bucket(BUCKET).prefix("bench/").recursive(true).build())) {
      keys.add(result.get().objectName());
    }
    for (String key : keys) {
      client.removeObject(RemoveObjectArgs.builder().bucket(BUCKET).object(key).build());
    }
  }

  private static void deleteTree(Path folder) throws IOException {
    if (!Files.exists(folder)) {
      return;
    }
    try (Stream<Path> files = Files.walk(folder)) {
      for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }

  private static String loadAverage() {
    try {
      String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return fields[0] + ", " + fields[1] + ", " + fields[2];
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }

  /** The phase with the median throughput (the slower middle one of an even count). */
  private static Phase median(List<Phase> runs) {
    List<Phase> sorted = new ArrayList<>(runs);
    sorted.sort(Comparator.comparingDouble(Phase::opsPerSecond));
    return sorted.get((sorted.size() - 1) / 2);
  }

  private static String report(
      Map<String, List<Phase>> phases,
      int smallCount,
      int smallBytes,
      int largeCount,
      long largeBytes,
      int rounds,
      long partSize,
      double minutes) {
    StringBuilder md = new StringBuilder();
    md.append("## Object store: S3 adapter vs MinIO SDK\n\n");
    md.append(
        String.format(
            Locale.ROOT,
            "One S3Proxy server (filesystem backend, its own JVM, -Xmx256m) on loopback; one shared"
                + " MinioClient (OkHttp as StorageConfiguration sets it up) for the adapter and the"
                + " raw SDK calls. Small: %d objects of %d bytes; large: %d objects of %d MiB"
                + " (random bytes). Operations one after another, one thread. %d rounds, the sides"
                + " alternating which goes first; the tables show the round with the median"
                + " throughput and the range of all rounds. Adapter part size: %d MiB (the"
                + " default of arkiv.storage.s3.part-size). Part took %.1f minutes.%n%n",
            smallCount,
            smallBytes,
            largeCount,
            largeBytes >> 20,
            rounds,
            partSize >> 20,
            minutes));
    md.append(
        "| store | operation | ops/s | MB/s | p50 (ms) | p99 (ms) | ops/s, all rounds |"
            + " requests per op (on the wire) |\n"
            + "| --- | --- | ---: | ---: | ---: | ---: | --- | --- |\n");
    phases.forEach(
        (key, runs) -> {
          Phase m = median(runs);
          md.append(
              String.format(
                  Locale.ROOT,
                  "| %s | %s | %s | %s | %s | %s | %s | %s |%n",
                  m.side(),
                  label(m),
                  number(m.opsPerSecond()),
                  number(m.megabytesPerSecond()),
                  number(m.percentileMs(0.5)),
                  number(m.percentileMs(0.99)),
                  String.join(", ", runs.stream().map(r -> number(r.opsPerSecond())).toList()),
                  m.requests().isEmpty() ? "–" : requests(m)));
        });
    md.append("\nRatio adapter / raw (ops/s; MB/s gives the same ratio), medians:\n\n");
    md.append("| operation | S3 adapter / MinIO SDK | filesystem adapter / java.nio (extra) |\n");
    md.append("| --- | ---: | ---: |\n");
    for (String op : List.of("put", "get", "put-large", "get-large")) {
      Phase s3 = median(phases.get("S3 adapter|" + op));
      Phase raw = median(phases.get("MinIO SDK|" + op));
      Phase fs = median(phases.get("Filesystem adapter|" + op));
      Phase nio = median(phases.get("java.nio, no fsync|" + op));
      md.append(
          String.format(
              Locale.ROOT,
              "| %s | %.2f | %.2f |%n",
              label(s3),
              s3.opsPerSecond() / raw.opsPerSecond(),
              fs.opsPerSecond() / nio.opsPerSecond()));
    }
    md.append("\n");
    return md.toString();
  }

  private static String label(Phase phase) {
    String size =
        phase.bytes() >= 1 << 20
            ? (phase.bytes() >> 20) + " MiB"
            : String.format(Locale.ROOT, "%.0f KB", phase.bytes() / 1024.0);
    return (phase.op().startsWith("put") ? "put " : "get ") + size;
  }

  private static String requests(Phase phase) {
    StringBuilder text = new StringBuilder();
    phase
        .requests()
        .forEach(
            (kind, n) -> {
              if (!text.isEmpty()) {
                text.append(", ");
              }
              text.append(kind).append(' ').append(number(n / (double) phase.count()));
            });
    return text.toString();
  }

  private static String number(double value) {
    return String.format(Locale.ROOT, value < 10 ? "%.2f" : value < 100 ? "%.1f" : "%.0f", value);
  }
}
