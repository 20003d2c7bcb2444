package se.arkiv.testing;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real two-node OpenSearch cluster for the tests tagged {@code opensearch}: started by {@code
 * scripts/opensearch start 2} (separate JVMs, about 5 s to green) once per test run, the first time
 * a test class asks for it, and stopped when the run ends. No mock: a test that needs it fails when
 * it cannot start, with the script's reason.
 *
 * <p>Use it with {@code @ExtendWith(OpenSearchCluster.class)} and {@link #urls()}.
 */
public final class OpenSearchCluster implements BeforeAllCallback {

  private static final Path SCRIPT = Path.of("scripts/opensearch");
  private static volatile Running running;

  /** The nodes' URLs; the cluster is started first if this run has not started it yet. */
  public static synchronized List<URI> urls() {
    if (running == null) {
      running = Running.start(2);
    }
    return running.urls;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    urls();
    // Stopped once, when the whole run (the root context) is closed.
    context
        .getRoot()
        .getStore(ExtensionContext.Namespace.GLOBAL)
        .getOrComputeIfAbsent(OpenSearchCluster.class, key -> new Stopper(), Stopper.class);
  }

  /** Closed with the root context: once per run. */
  private static final class Stopper
      implements ExtensionContext.Store.CloseableResource, AutoCloseable {
    @Override
    public void close() {
      stop();
    }
  }

  private static synchronized void stop() {
    if (running != null) {
      running.stop();
      running = null;
    }
  }

  /**
   * A cluster of {@code nodes} of the test's own, beside the shared one, for a test that kills a
   * node: close it at the end.
   */
  public static Own startOwn(int nodes) {
    return new Own(Running.start(nodes));
  }

  /** A cluster a test started for itself. */
  public static final class Own implements AutoCloseable {
    private final Running running;

    private Own(Running running) {
      this.running = running;
    }

    public List<URI> urls() {
      return running.urls;
    }

    /** The nodes' names, as the cluster knows them. */
    public List<String> names() throws IOException {
      return Files.readAllLines(running.dir.resolve("pids")).stream()
          .map(line -> line.split(" ")[0])
          .toList();
    }

    /** The URL of the node of that name. */
    public URI urlOf(String node) throws IOException {
      return Files.readAllLines(running.dir.resolve("pids")).stream()
          .map(line -> line.split(" "))
          .filter(fields -> fields[0].equals(node))
          .map(fields -> URI.create("http://127.0.0.1:" + fields[2]))
          .findFirst()
          .orElseThrow();
    }

    /** The PID of the node of that name, from the script's record of what it started. */
    public long pidOf(String node) throws IOException {
      return Files.readAllLines(running.dir.resolve("pids")).stream()
          .map(line -> line.split(" "))
          .filter(fields -> fields[0].equals(node))
          .mapToLong(fields -> Long.parseLong(fields[1]))
          .findFirst()
          .orElseThrow();
    }

    @Override
    public void close() {
      running.stop();
    }
  }

  private static final class Running {
    private final Path dir;
    private final List<URI> urls;
    private final Thread cleanup;

    private Running(Path dir, List<URI> urls) {
      this.dir = dir;
      this.urls = urls;
      // The nodes run in their own sessions: a JVM that ends without stop() must still stop them.
      this.cleanup = new Thread(this::stopNodes, "opensearch-stop");
      Runtime.getRuntime().addShutdownHook(cleanup);
    }

    static Running start(int nodes) {
      try {
        Path dir = Files.createTempDirectory("opensearch-");
        long began = System.nanoTime();
        Process process = script(dir, "start", String.valueOf(nodes));
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(180, TimeUnit.SECONDS) || process.exitValue() != 0) {
          throw new IllegalStateException(
              "scripts/opensearch could not start a " + nodes + "-node cluster: " + output.strip());
        }
        System.out.printf(
            "OpenSearch: %d nodes green in %d ms%n",
            nodes, (System.nanoTime() - began) / 1_000_000);
        List<URI> urls =
            Files.readAllLines(dir.resolve("urls")).stream()
                .filter(line -> !line.isBlank())
                .map(URI::create)
                .toList();
        return new Running(dir, urls);
      } catch (IOException e) {
        throw new IllegalStateException("Cannot run scripts/opensearch", e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }

    void stop() {
      stopNodes();
      try {
        Runtime.getRuntime().removeShutdownHook(cleanup);
      } catch (IllegalStateException shuttingDown) {
        // The hook runs anyway.
      }
    }

    private void stopNodes() {
      try {
        script(dir, "stop").waitFor(60, TimeUnit.SECONDS);
        try (var files = Files.walk(dir)) {
          files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
      } catch (IOException | InterruptedException e) {
        System.err.println("Could not stop the OpenSearch nodes in " + dir + ": " + e);
      }
    }

    private static Process script(Path dir, String... args) throws IOException {
      List<String> command = new ArrayList<>();
      command.add(SCRIPT.toString());
      command.addAll(List.of(args));
      ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
      builder.environment().put("ARKIV_OPENSEARCH_DIR", dir.toString());
      return builder.start();
    }
  }
}
