package se.arkiv.web;

import static org.assertj.core.api.Assertions.assertThat;
import static se.arkiv.testing.RunningArkiv.AUDITOR;
import static se.arkiv.testing.RunningArkiv.CLERK;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import se.arkiv.testing.ArkivClient;
import se.arkiv.testing.ArkivClient.Response;
import se.arkiv.testing.ArkivService;
import tools.jackson.databind.JsonNode;

/**
 * Filings side by side: their fsyncs are grouped and their indexing runs after the duplicate lock,
 * and neither may lose a record nor let two identical uploads become two records.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConcurrentFilingIT {

  private static final int CLIENTS = 8;

  // Small audit segments, so that seals fall among the concurrent writers of the trail.
  @RegisterExtension
  static final ArkivService arkiv = ArkivService.with(Map.of("arkiv.audit.segment-entries", "7"));

  private ArkivClient client;
  private ExecutorService clients;

  @BeforeAll
  void start() throws Exception {
    client = arkiv.client();
    clients = Executors.newFixedThreadPool(CLIENTS);
  }

  @AfterAll
  void stop() throws Exception {
    clients.shutdownNow();
  }

  private static String metadata(String tag) {
    return "{\"recordClass\":\"ACC-VOUCHER\",\"department\":\"ACCOUNTING\",\"tags\":[\""
        + tag
        + "\"]}";
  }

  @Test
  void manyConcurrentFilingsOfDistinctFilesAllBecomeSearchable() throws Exception {
    int files = 40;
    List<Callable<Response>> uploads = new ArrayList<>();
    for (int i = 0; i < files; i++) {
      String ref = "samtidig" + (1000 + i);
      byte[] text =
          ("Verifikation " + ref + " avser bokföringen av leverantörsfakturor.")
              .getBytes(StandardCharsets.UTF_8);
      uploads.add(() -> client.file(CLERK, ref + ".txt", text, metadata("concurrent-distinct")));
    }
    Set<String> ids = new HashSet<>();
    for (Future<Response> answer : clients.invokeAll(uploads)) {
      Response filed = answer.get();
      assertThat(filed.status()).as(filed.text()).isEqualTo(201);
      ids.add(filed.json().get("id").asString());
    }
    assertThat(ids).hasSize(files);

    // Found by metadata (and then by text) without any catch-up: each filing indexed itself.
    client.await(
        () -> client.search(AUDITOR, "tag", "concurrent-distinct", "size", "1"),
        r -> r.status() == 200 && r.json().get("total").asLong() == files);
    client.await(
        () ->
            client.search(
                AUDITOR, "q", "extractionStatus:DONE", "tag", "concurrent-distinct", "size", "1"),
        r -> r.status() == 200 && r.json().get("total").asLong() == files);
    for (int i = 0; i < files; i += 7) {
      Response hit = client.search(AUDITOR, "q", "samtidig" + (1000 + i));
      assertThat(hit.json().get("total").asLong()).isEqualTo(1);
    }

    // The audit entries, fsync'd in groups, make one whole chain with an entry for every filing.
    JsonNode verification = client.get("/api/audit/verify", AUDITOR).json();
    assertThat(verification.get("valid").asBoolean()).as(verification.toString()).isTrue();
    Set<String> audited = new HashSet<>();
    client
        .get("/api/audit?size=500&action=record.file", AUDITOR)
        .json()
        .get("entries")
        .forEach(e -> audited.add(e.get("target").asString()));
    assertThat(audited).containsAll(ids);
  }

  @Test
  void concurrentIdenticalFilingsGiveOneRecord() throws Exception {
    byte[] text =
        "Kontoutdrag dubblett4711 för kvartalet, samma fil från åtta håll."
            .getBytes(StandardCharsets.UTF_8);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<Response>> answers = new ArrayList<>();
    for (int i = 0; i < CLIENTS; i++) {
      answers.add(
          clients.submit(
              () -> {
                go.await();
                return client.file(CLERK, "utdrag.txt", text, metadata("concurrent-same"));
              }));
    }
    go.countDown();
    List<Integer> statuses = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (Future<Response> answer : answers) {
      Response filed = answer.get();
      statuses.add(filed.status());
      ids.add(filed.json().get("id").asString());
    }
    assertThat(statuses).containsOnly(201, 200).containsOnlyOnce(201);
    assertThat(ids).hasSize(1);
    client.await(
        () -> client.search(AUDITOR, "tag", "concurrent-same"),
        r -> r.status() == 200 && r.json().get("total").asLong() == 1);
    client.await(
        () -> client.search(AUDITOR, "q", "dubblett4711"),
        r -> r.status() == 200 && r.json().get("total").asLong() == 1);
  }
}
