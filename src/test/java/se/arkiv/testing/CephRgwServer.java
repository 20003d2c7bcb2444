package se.arkiv.testing;

import io.minio.MakeBucketArgs;
import io.minio.MinioAsyncClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A real S3 server that enforces Object Lock, for tests: a single-node Ceph RADOS Gateway started
 * by {@code scripts/ceph-rgw} in a temporary folder (data in RAM, about 2.5 s to start). When it
 * cannot start (the Ceph packages are missing, not root), the test fails with the reason, so that
 * CI cannot pass without it; set {@code ARKIV_SKIP_CEPH=1} to skip these tests instead.
 */
public final class CephRgwServer implements AutoCloseable {

  private static final Path SCRIPT = Path.of("scripts/ceph-rgw");

  private final Path dir;
  private final String endpoint;
  private final String accessKey;
  private final String secretKey;
  private final Thread cleanup;

  private CephRgwServer(Path dir, Map<String, String> env) {
    this.dir = dir;
    this.endpoint = env.get("ARKIV_CEPH_ENDPOINT");
    this.accessKey = env.get("ARKIV_CEPH_ACCESS_KEY");
    this.secretKey = env.get("ARKIV_CEPH_SECRET_KEY");
    // The daemons run in their own sessions: a JVM that ends without close() must still stop them.
    this.cleanup = new Thread(this::stopQuietly, "ceph-rgw-stop");
    Runtime.getRuntime().addShutdownHook(cleanup);
  }

  private static CephRgwServer shared;

  /**
   * The run's one gateway, for every test class that needs Ceph: started on first use (a monitor,
   * an OSD and the gateway take seconds to set up) and stopped when the test JVM ends. Its users
   * make buckets of their own ({@link #makeLockedBucket}) and never close it.
   */
  public static synchronized CephRgwServer shared() throws Exception {
    if (shared == null) {
      shared = start();
    }
    return shared;
  }

  /** Starts a gateway with these buckets, each with Object Lock (and so versioning). */
  public static CephRgwServer start(String... lockedBuckets) throws Exception {
    Path dir = Files.createTempDirectory("ceph-rgw-");
    Run run = script("start", dir);
    if (run.exitCode() != 0) {
      String reason =
          "Ceph RGW could not be started by scripts/ceph-rgw (exit "
              + run.exitCode()
              + "): "
              + run.output().strip()
              + "\nInstall it with: apt-get install -y --no-install-recommends radosgw ceph-mon"
              + " ceph-osd ceph-common (./scripts/test does so as root), or set ARKIV_SKIP_CEPH=1"
              + " to skip the Ceph tests.";
      deleteTree(dir);
      Assumptions.assumeFalse("1".equals(System.getenv("ARKIV_SKIP_CEPH")), reason);
      throw new IllegalStateException(reason);
    }
    Map<String, String> env = new HashMap<>();
    for (String line : Files.readAllLines(dir.resolve("rgw.env"))) {
      int eq = line.indexOf('=');
      if (eq > 0) {
        env.put(line.substring(0, eq), line.substring(eq + 1));
      }
    }
    CephRgwServer server = new CephRgwServer(dir, env);
    try {
      for (String bucket : lockedBuckets) {
        server.makeLockedBucket(bucket);
      }
    } catch (Exception e) {
      server.close();
      throw e;
    }
    return server;
  }

  public String endpoint() {
    return endpoint;
  }

  public String accessKey() {
    return accessKey;
  }

  public String secretKey() {
    return secretKey;
  }

  /** Makes a bucket with Object Lock (and so versioning). */
  public void makeLockedBucket(String bucket) throws Exception {
    client().makeBucket(MakeBucketArgs.builder().bucket(bucket).objectLock(true).build()).get();
  }

  /** A plain SDK client as the test's own view of the store, beside the adapter. */
  public MinioAsyncClient client() {
    return MinioAsyncClient.builder()
        .endpoint(endpoint)
        .region("us-east-1")
        .credentials(accessKey, secretKey)
        .build();
  }

  /** Stops the gateway only, as an outage would; the cluster and its data stay. */
  public void stopGateway() throws Exception {
    check(script("stop-gateway", dir), "stop-gateway");
  }

  public void startGateway() throws Exception {
    check(script("start-gateway", dir), "start-gateway");
  }

  @Override
  public void close() throws Exception {
    try {
      Runtime.getRuntime().removeShutdownHook(cleanup);
    } catch (IllegalStateException shuttingDown) {
      // the hook is running already
    }
    stopQuietly();
  }

  private void stopQuietly() {
    try {
      script("stop", dir);
      deleteTree(dir);
    } catch (Exception e) {
      System.err.println("Could not stop Ceph RGW in " + dir + ": " + e);
    }
  }

  private record Run(int exitCode, String output) {}

  private static void check(Run run, String what) {
    if (run.exitCode() != 0) {
      throw new IllegalStateException("scripts/ceph-rgw " + what + " failed: " + run.output());
    }
  }

  private static Run script(String command, Path dir) throws IOException, InterruptedException {
    if (!Files.isExecutable(SCRIPT)) {
      return new Run(127, SCRIPT.toAbsolutePath() + " is missing or not executable");
    }
    Process process =
        new ProcessBuilder(List.of(SCRIPT.toString(), command, dir.toString()))
            .redirectErrorStream(true)
            .start();
    // The daemons inherit no pipe of ours (the script sends their output to files), so reading
    // until the end is safe.
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      return new Run(124, "scripts/ceph-rgw " + command + " took more than 60 s\n" + output);
    }
    return new Run(process.exitValue(), output);
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (var files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
