package se.arkiv.benchmark;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import se.arkiv.testing.ArkivClient;

/**
 * The service as its own process ({@code java -jar}) over a folder, as an operator runs it, so a
 * benchmark can kill it with -9; with a {@link HeapSampler} on it. {@code
 * ARKIV_BENCH_SERVICE_JAVA_OPTS} adds options to its JVM (a flight recording, say) and to no other.
 */
final class ServiceProcess implements AutoCloseable {
  final Process process;
  final int port;
  final HeapSampler heap;

  private ServiceProcess(Process process, int port) throws IOException {
    this.process = process;
    this.port = port;
    this.heap = new HeapSampler(process.pid());
  }

  static ServiceProcess start(Path jar, Path root, int threads) throws Exception {
    return start(
        jar,
        root,
        ImportBenchmark.HEAP,
        List.of("--arkiv.imports.parallelism=" + threads),
        "/actuator/health");
  }

  /**
   * Starts on {@code root} and returns once {@code ready} answers 200: {@code
   * /actuator/health/liveness} for a service that is up but rebuilding its index, {@code
   * /actuator/health/readiness} for one that serves.
   */
  static ServiceProcess start(Path jar, Path root, String heap, List<String> extra, String ready)
      throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx" + heap);
    String options = System.getenv("ARKIV_BENCH_SERVICE_JAVA_OPTS");
    if (options != null && !options.isBlank()) {
      command.addAll(List.of(options.strip().split("\\s+")));
    }
    command.add("-jar");
    command.add(jar.toString());
    command.add("--server.port=" + port);
    command.add("--arkiv.data-dir=" + root.resolve("data"));
    command.add("--arkiv.index.dir=" + root.resolve("index"));
    command.add("--arkiv.security.users-file=" + root.resolve("users.yaml"));
    command.add("--logging.level.root=WARN");
    command.add("--logging.level.se.arkiv=INFO");
    command.add("--logging.level.org.apache.pdfbox=ERROR");
    command.addAll(extra);
    Process process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(root.resolve("service.log").toFile()))
            .start();
    ServiceProcess service = new ServiceProcess(process, port);
    ArkivClient client = service.client();
    await(
        () -> {
          if (!process.isAlive()) {
            throw new IllegalStateException("The service ended; see " + root + "/service.log");
          }
          try {
            return client.get(ready, null).status() == 200;
          } catch (RuntimeException notYet) {
            return false;
          }
        },
        1800);
    return service;
  }

  ArkivClient client() {
    return new ArkivClient("http://localhost:" + port);
  }

  long peakRssMegabytes() throws IOException {
    Path status = Path.of("/proc/" + process.pid() + "/status");
    if (!Files.isReadable(status)) {
      return -1;
    }
    return Files.readAllLines(status).stream()
        .filter(l -> l.startsWith("VmHWM"))
        .map(l -> Long.parseLong(l.replaceAll("\\D+", "")) / 1024)
        .findFirst()
        .orElse(-1L);
  }

  @Override
  public void close() throws Exception {
    heap.close();
    process.destroy();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }

  private static void await(BooleanSupplier condition, int seconds) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("The service did not start in " + seconds + " s");
      }
      Thread.sleep(250);
    }
  }
}
