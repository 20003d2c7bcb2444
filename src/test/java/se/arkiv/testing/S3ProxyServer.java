package se.arkiv.testing;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.core.ConditionTimeoutException;

/**
 * A real S3 server for tests: S3Proxy (jclouds filesystem backend) in its own process, speaking S3
 * over HTTP on a loopback port. The build copies its jar to {@code target/s3proxy/}. Stop and start
 * it to test an outage; the data folder survives.
 */
public final class S3ProxyServer implements AutoCloseable {

  public static final String ACCESS_KEY = "arkiv-test-access";
  public static final String SECRET_KEY = "arkiv-test-secret-not-a-real-one";

  private final Path dir;
  private final int port;
  private Process process;

  private S3ProxyServer(Path dir, int port) {
    this.dir = dir;
    this.port = port;
  }

  public static S3ProxyServer start(String... buckets) throws IOException {
    Path dir = Files.createTempDirectory("s3proxy-");
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    for (String bucket : buckets) {
      // The filesystem backend keeps a bucket as a folder.
      Files.createDirectories(dir.resolve("data").resolve(bucket));
    }
    S3ProxyServer server = new S3ProxyServer(dir, port);
    server.startProcess();
    return server;
  }

  public String endpoint() {
    return "http://127.0.0.1:" + port;
  }

  public void startProcess() throws IOException {
    Path jar = Path.of("target/s3proxy/s3proxy.jar");
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(
          "target/s3proxy/s3proxy.jar is missing: run the tests through Maven (./scripts/test)");
    }
    Path properties = dir.resolve("s3proxy.properties");
    Files.writeString(
        properties,
        String.join(
            "\n",
            List.of(
                "s3proxy.endpoint=http://127.0.0.1:" + port,
                "s3proxy.authorization=aws-v2-or-v4",
                "s3proxy.identity=" + ACCESS_KEY,
                "s3proxy.credential=" + SECRET_KEY,
                "jclouds.provider=filesystem",
                "jclouds.filesystem.basedir=" + dir.resolve("data"))));
    process =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-jar",
                jar.toAbsolutePath().toString(),
                "--properties",
                properties.toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("s3proxy.log").toFile())
            .start();
    try {
      await()
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(100))
          .until(this::acceptsConnections);
    } catch (ConditionTimeoutException e) {
      throw new IllegalStateException("S3Proxy did not start within 60 s", e);
    }
  }

  /** Whether S3Proxy is up yet; a process that died during start-up fails at once, with its log. */
  private boolean acceptsConnections() throws IOException {
    if (!process.isAlive()) {
      throw new IllegalStateException(
          "S3Proxy stopped during start-up: " + Files.readString(dir.resolve("s3proxy.log")));
    }
    try (Socket socket = new Socket("127.0.0.1", port)) {
      return true;
    } catch (IOException notYet) {
      return false;
    }
  }

  /** Kills the server, as an outage would. */
  public void stopProcess() throws InterruptedException {
    if (process != null) {
      process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
      process = null;
    }
  }

  public Path dataDir() {
    return dir.resolve("data");
  }

  @Override
  public void close() throws Exception {
    stopProcess();
    try (var files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
