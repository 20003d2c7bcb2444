package se.arkiv.web;

import static org.assertj.core.api.Assertions.assertThat;
import static se.arkiv.testing.RunningArkiv.AUDITOR;
import static se.arkiv.testing.RunningArkiv.CLERK;

import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import se.arkiv.testing.ArkivClient;
import se.arkiv.testing.RunningArkiv;
import tools.jackson.databind.JsonNode;

/**
 * Kill -9 during heavy auditing: after a restart the chain still verifies and every filing the
 * client was told about (201) has its audit entry.
 */
class AuditCrashIT {

  @Test
  void afterAKillDuringHeavyAuditingTheChainVerifiesAndNoAcknowledgedActionIsMissing()
      throws Exception {
    Path root = RunningArkiv.newRoot();
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Process process = RunningArkiv.spawn(root, port);
    ArkivClient client = new ArkivClient("http://localhost:" + port);
    Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    try {
      awaitUp(client, process);
      AtomicBoolean running = new AtomicBoolean(true);
      AtomicInteger counter = new AtomicInteger();
      ExecutorService load = Executors.newFixedThreadPool(4);
      for (int t = 0; t < 4; t++) {
        load.submit(
            () -> {
              while (running.get()) {
                try {
                  int n = counter.incrementAndGet();
                  var filed =
                      client.file(
                          CLERK,
                          "k" + n + ".txt",
                          ("Krasch nummer " + n).getBytes(StandardCharsets.UTF_8),
                          "{\"recordClass\":\"CORRESPONDENCE\"}");
                  if (filed.status() == 201) {
                    acknowledged.add(filed.json().get("id").asString());
                  }
                  client.search(AUDITOR, "q", "krasch");
                } catch (RuntimeException e) {
                  // the process died under us: expected
                }
              }
            });
      }
      // Kill it mid-load once enough was acknowledged to mean something, but well before the
      // audit page of 500 below could be too short, however fast or slow the machine.
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (acknowledged.size() < 20 && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      Thread.sleep(500);
      process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
      running.set(false);
      load.shutdown();
      load.awaitTermination(60, TimeUnit.SECONDS);
    } finally {
      process.destroyForcibly();
    }
    assertThat(acknowledged).hasSizeBetween(20, 400);

    try (RunningArkiv restarted = RunningArkiv.startAt(root, Map.of())) {
      ArkivClient after = restarted.client();
      JsonNode verified = after.get("/api/audit/verify", AUDITOR).json();
      assertThat(verified.get("valid").asBoolean()).as(verified.toString()).isTrue();
      JsonNode entries = after.get("/api/audit?action=record.file&size=500", AUDITOR).json();
      Set<String> audited = ConcurrentHashMap.newKeySet();
      entries.get("entries").forEach(e -> audited.add(e.get("target").asString()));
      assertThat(audited).containsAll(acknowledged);
    }
  }

  private static void awaitUp(ArkivClient client, Process process) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new AssertionError("The service process ended during start-up");
      }
      try {
        if (client.get("/actuator/health", null).status() == 200) {
          return;
        }
      } catch (RuntimeException notYet) {
        // not listening yet
      }
      Thread.sleep(200);
    }
    throw new AssertionError("The service process did not start in time");
  }
}
