package se.arkiv.testing;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The service in a process of its own ({@link RunningArkiv#spawn}), on a free port, started and
 * answering its health endpoint: for a test that kills it without mercy, or that needs a heap
 * smaller than the test's own. Closing it kills the process; the folder stays for the test.
 */
public final class SpawnedArkiv implements AutoCloseable {

  /** Generous: a cold JVM starting the whole service on a busy 2-core machine. */
  private static final Duration START = Duration.ofMinutes(2);

  private final Process process;
  private final ArkivClient client;

  private SpawnedArkiv(Process process, ArkivClient client) {
    this.process = process;
    this.client = client;
  }

  /** Spawns the service on {@code root} with the given properties, and waits for it. */
  public static SpawnedArkiv start(Path root, Map<String, Object> properties) throws IOException {
    return start(root, "512m", properties);
  }

  /** Spawns the service on {@code root} with the given heap and properties, and waits for it. */
  public static SpawnedArkiv start(Path root, String heap, Map<String, Object> properties)
      throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Process process = RunningArkiv.spawn(root, port, heap, properties);
    SpawnedArkiv spawned = new SpawnedArkiv(process, new ArkivClient("http://localhost:" + port));
    try {
      await()
          .atMost(START)
          .pollInterval(Duration.ofMillis(200))
          .failFast("the service process ended during start-up", () -> !process.isAlive())
          .ignoreExceptions()
          .until(() -> spawned.client.get("/actuator/health", null).status() == 200);
    } catch (RuntimeException e) {
      spawned.close();
      throw e;
    }
    return spawned;
  }

  public ArkivClient client() {
    return client;
  }

  /** Kills the process at once (SIGKILL) and waits until it is gone. */
  public void kill() throws InterruptedException {
    process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
  }

  @Override
  public void close() {
    process.destroyForcibly();
  }
}
