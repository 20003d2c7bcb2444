package se.arkiv.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static se.arkiv.testing.RunningArkiv.AUDITOR;
import static se.arkiv.testing.RunningArkiv.MANAGER;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import se.arkiv.testing.ArkivClient;
import se.arkiv.testing.ArkivClient.Response;
import se.arkiv.testing.OpenSearchCluster;
import se.arkiv.testing.RunningArkiv;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An OpenSearch node dies (SIGKILL) during a burst of filings and searches: a 3-node cluster of the
 * test's own, so that the two left keep a quorum, and the node killed is the one holding the
 * primary copy of the records index, so the cluster must fail over.
 */
@Tag("opensearch")
class OpenSearchFailoverIT {

  private static final int FILINGS = 60;
  private static final int KILL_AFTER = 15;

  @Test
  void noAcknowledgedRecordIsLostAndSearchesAnswerOrSayWhenToTryAgain() throws Exception {
    try (OpenSearchCluster.Own cluster = OpenSearchCluster.startOwn(3);
        RunningArkiv arkiv =
            RunningArkiv.start(
                Map.of(
                    "arkiv.search.engine", "opensearch",
                    "arkiv.search.opensearch.urls",
                        cluster.urls().stream().map(URI::toString).collect(Collectors.joining(",")),
                    "arkiv.search.opensearch.alias", "failover",
                    "arkiv.search.opensearch.retry-interval", "1s",
                    "arkiv.extraction.archival-copies", "false"))) {
      ArkivClient client = arkiv.client();
      client.fileExtracted(
          MANAGER,
          "first.txt",
          "Första brevet".getBytes(StandardCharsets.UTF_8),
          "{\"recordClass\":\"CORRESPONDENCE\"}");
      client.await(
          () -> client.search(AUDITOR, "q", "brevet"), r -> r.json().path("total").asLong() == 1);

      List<String> acknowledged = Collections.synchronizedList(new ArrayList<>());
      List<Response> searches = new CopyOnWriteArrayList<>();
      AtomicBoolean filing = new AtomicBoolean(true);
      Thread searcher =
          new Thread(
              () -> {
                while (filing.get()) {
                  searches.add(client.search(AUDITOR, "q", "failoverprov"));
                }
              });
      searcher.start();
      String killed = null;
      for (int i = 0; i < FILINGS; i++) {
        if (i == KILL_AFTER) {
          killed = primaryHolder(cluster.urls().get(0));
          ProcessHandle.of(cluster.pidOf(killed)).orElseThrow().destroyForcibly();
        }
        Response filed =
            client.file(
                MANAGER,
                "brev-" + i + ".txt",
                ("Brev nummer " + i + " failoverprov").getBytes(StandardCharsets.UTF_8),
                "{\"recordClass\":\"CORRESPONDENCE\"}");
        assertThat(filed.status()).as("filing %d: %s", i, filed.text()).isEqualTo(201);
        acknowledged.add(filed.json().get("id").asString());
      }
      filing.set(false);
      searcher.join();
      System.out.printf(
          "Killed %s after %d filings; %d searches during the burst: %s%n",
          killed,
          KILL_AFTER,
          searches.size(),
          searches.stream()
              .collect(Collectors.groupingBy(Response::status, Collectors.counting())));

      for (Response search : searches) {
        assertThat(search.status()).as(search.text()).isIn(200, 503);
        if (search.status() == 503) {
          assertThat(search.header("Retry-After")).isNotBlank();
        }
      }
      await()
          .atMost(Duration.ofMinutes(3))
          .pollInterval(Duration.ofMillis(500))
          .untilAsserted(
              () -> {
                Response found = client.search(AUDITOR, "q", "failoverprov", "size", "100");
                assertThat(found.status()).isEqualTo(200);
                Set<String> ids = new HashSet<>(found.json().path("hits").findValuesAsString("id"));
                assertThat(ids).containsAll(acknowledged);
              });
      assertThat(acknowledged).hasSize(FILINGS);

      // The cluster refuses writes for a while (as at its disk's flood stage): filings are still
      // acknowledged, and the records are written to the index again once it takes them.
      String dead = killed;
      String survivor =
          cluster.names().stream().filter(n -> !n.equals(dead)).findFirst().orElseThrow();
      URI alive = cluster.urlOf(survivor);
      writeBlock(alive, true);
      List<String> duringBlock = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        Response filed =
            client.file(
                MANAGER,
                "blockerat-" + i + ".txt",
                ("Blockerat brev " + i + " skrivsparrprov").getBytes(StandardCharsets.UTF_8),
                "{\"recordClass\":\"CORRESPONDENCE\"}");
        assertThat(filed.status()).as(filed.text()).isEqualTo(201);
        duringBlock.add(filed.json().get("id").asString());
      }
      assertThat(client.search(AUDITOR, "q", "failoverprov").status()).isEqualTo(200);
      writeBlock(alive, false);
      await()
          .atMost(Duration.ofMinutes(2))
          .pollInterval(Duration.ofMillis(500))
          .untilAsserted(
              () ->
                  assertThat(
                          client
                              .search(AUDITOR, "q", "skrivsparrprov", "size", "100")
                              .json()
                              .path("hits")
                              .findValuesAsString("id"))
                      .containsExactlyInAnyOrderElementsOf(duringBlock));

      // No node answers: a search says when to try again; filing goes on.
      for (String node : cluster.names()) {
        ProcessHandle.of(cluster.pidOf(node)).ifPresent(ProcessHandle::destroyForcibly);
      }
      await()
          .atMost(Duration.ofMinutes(1))
          .until(() -> client.search(AUDITOR, "q", "failoverprov").status() == 503);
      Response unavailable = client.search(AUDITOR, "q", "failoverprov");
      assertThat(unavailable.status()).isEqualTo(503);
      assertThat(unavailable.header("Retry-After")).isNotBlank();
      assertThat(unavailable.json().path("title").asString()).isEqualTo("Search unavailable");
      Response filedWhileDown =
          client.file(
              MANAGER,
              "nere.txt",
              "Brev medan klustret är nere".getBytes(StandardCharsets.UTF_8),
              "{\"recordClass\":\"CORRESPONDENCE\"}");
      assertThat(filedWhileDown.status()).as(filedWhileDown.text()).isEqualTo(201);
    }
  }

  private static void writeBlock(URI node, boolean on) throws Exception {
    HttpResponse<String> answer =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(node.resolve("/failover/_settings"))
                    .header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString("{\"index.blocks.write\":" + on + "}"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
  }

  /** The node holding the primary copy of the index behind the alias, as the cluster says. */
  private static String primaryHolder(URI node) throws Exception {
    HttpResponse<String> answer =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(node.resolve("/_cat/shards/failover?format=json")).build(),
                HttpResponse.BodyHandlers.ofString());
    for (JsonNode shard : JsonMapper.shared().readTree(answer.body())) {
      if ("p".equals(shard.path("prirep").asString())) {
        return shard.path("node").asString();
      }
    }
    throw new AssertionError("No primary shard in " + answer.body());
  }
}
