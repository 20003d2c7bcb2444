package se.arkiv.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static se.arkiv.testing.RunningArkiv.AUDITOR;
import static se.arkiv.testing.RunningArkiv.CLERK;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import se.arkiv.testing.ArkivClient;
import se.arkiv.testing.RunningArkiv;
import se.arkiv.testing.SpawnedArkiv;
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
    Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    try (SpawnedArkiv process = SpawnedArkiv.start(root, Map.of())) {
      ArkivClient client = process.client();
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
      try {
        // Kill it mid-load once enough was acknowledged to mean something, but well before the
        // audit page of 500 below could be too short, however fast or slow the machine...
        await()
            .atMost(Duration.ofSeconds(60))
            .pollInterval(Duration.ofMillis(20))
            .until(() -> acknowledged.size() >= 20);
        // ...and while entries are being appended: the local segment has grown since. (It is not
        // sealed meanwhile: that takes 1,000 entries or 5 minutes, far beyond this test.)
        long before = localSegmentBytes(root);
        await()
            .atMost(Duration.ofSeconds(30))
            .pollInterval(Duration.ofMillis(5))
            .until(() -> localSegmentBytes(root) > before);
        process.kill();
      } finally {
        running.set(false);
        load.shutdown();
        load.awaitTermination(60, TimeUnit.SECONDS);
      }
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

  /** The bytes of the local audit segments the service is writing. */
  private static long localSegmentBytes(Path root) throws IOException {
    try (Stream<Path> files = Files.list(root.resolve("data/audit"))) {
      long bytes = 0;
      for (Path file :
          files.filter(f -> f.getFileName().toString().startsWith("segment-")).toList()) {
        bytes += Files.size(file);
      }
      return bytes;
    }
  }
}
