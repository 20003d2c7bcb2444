package se.arkiv.web;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static se.arkiv.testing.RunningArkiv.AUDITOR;
import static se.arkiv.testing.RunningArkiv.MANAGER;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import se.arkiv.testing.ArkivClient;
import se.arkiv.testing.ArkivClient.Response;
import se.arkiv.testing.OpenSearchCluster;
import se.arkiv.testing.RunningArkiv;
import se.arkiv.testing.S3ProxyServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Two Arkiv nodes on one S3 store (S3Proxy over HTTP) and a 3-node OpenSearch cluster of the test's
 * own, so that killing one of its nodes leaves a quorum and harms no other test. Node A runs as a
 * process of its own, so that it can be killed without mercy (SIGKILL); node B runs in the test's
 * JVM. A starts first and so takes the lease.
 */
@Tag("opensearch")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoNodesIT {

  /** More than one slice of 50, so the run is still executing when A dies. */
  private static final int RECORDS = 60;

  /** Filings in the burst during which an OpenSearch node dies. */
  private static final int BURST = 40;

  private static final String ALIAS = "two-nodes";

  private static OpenSearchCluster.Own search;
  private static S3ProxyServer s3;
  private static Path rootA;
  private static Process nodeA;
  private static ArkivClient a;
  private static RunningArkiv nodeB;
  private static ArkivClient b;

  @BeforeAll
  static void start() throws Exception {
    search = OpenSearchCluster.startOwn(3);
    s3 = S3ProxyServer.start("arkiv");
    Map<String, Object> shared = new LinkedHashMap<>();
    shared.put("arkiv.storage.type", "s3");
    shared.put("arkiv.storage.s3.endpoint", s3.endpoint());
    shared.put("arkiv.storage.s3.bucket", "arkiv");
    shared.put("arkiv.storage.s3.access-key", S3ProxyServer.ACCESS_KEY);
    shared.put("arkiv.storage.s3.secret-key", S3ProxyServer.SECRET_KEY);
    shared.put("arkiv.search.engine", "opensearch");
    shared.put(
        "arkiv.search.opensearch.urls",
        search.urls().stream().map(URI::toString).collect(Collectors.joining(",")));
    shared.put("arkiv.search.opensearch.alias", ALIAS);
    shared.put("arkiv.search.opensearch.retry-interval", "1s");
    shared.put("arkiv.node.lease-ttl", "6s");
    shared.put("arkiv.node.refresh-interval", "1s");
    shared.put("arkiv.extraction.archival-copies", "false");
    // Seal often, so that the killed node's chain is in the store to verify.
    shared.put("arkiv.audit.seal-interval", "2s");

    rootA = RunningArkiv.newRoot();
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Map<String, Object> asA = new LinkedHashMap<>(shared);
    asA.put("arkiv.node.id", "a");
    nodeA = RunningArkiv.spawn(rootA, port, asA);
    a = new ArkivClient("http://localhost:" + port);
    await()
        .atMost(Duration.ofMinutes(3))
        .pollInterval(Duration.ofMillis(250))
        .ignoreExceptions()
        .until(() -> leads(a, "a"));

    Map<String, Object> asB = new LinkedHashMap<>(shared);
    asB.put("arkiv.node.id", "b");
    nodeB = RunningArkiv.startAt(RunningArkiv.newRoot(), asB);
    b = nodeB.client();
  }

  @AfterAll
  static void stop() throws Exception {
    if (nodeA != null) {
      nodeA.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }
    if (nodeB != null) {
      nodeB.close();
    }
    if (s3 != null) {
      s3.close();
    }
    if (search != null) {
      search.close();
    }
  }

  @Test
  @Order(1)
  void onlyTheNodeThatStartedFirstLeads() {
    assertThat(leads(a, "a")).isTrue();
    JsonNode cluster = health(b);
    assertThat(cluster.path("node").asString()).isEqualTo("b");
    assertThat(cluster.path("leads").asBoolean()).isFalse();
  }

  @Test
  @Order(2)
  void aRecordFiledOnOneNodeIsFoundAndDownloadedOnTheOther() {
    byte[] content =
        "Avräkningsnota för köp av 300 aktier, affär tvånodsprov".getBytes(StandardCharsets.UTF_8);
    String id =
        a.fileExtracted(
            MANAGER,
            "avrakning.txt",
            content,
            "{\"recordClass\":\"TRADE-CONFIRMATION\",\"documentDate\":\"2025-11-03\"}");

    Response found =
        b.await(
            () -> b.search(AUDITOR, "q", "tvånodsprov"), r -> r.json().path("total").asLong() == 1);
    assertThat(found.json().path("hits").get(0).path("id").asString()).isEqualTo(id);
    Response download = b.get("/api/records/" + id + "/content", AUDITOR);
    assertThat(download.status()).isEqualTo(200);
    assertThat(download.body()).isEqualTo(content);
  }

  @Test
  @Order(3)
  void whenAnOpenSearchNodeDiesDuringABurstOfFilingsOnBothNodesEveryAcknowledgedRecordIsFound()
      throws Exception {
    List<String> acknowledged =
        fileOnBothNodes(
            BURST,
            "skurprov",
            "CORRESPONDENCE",
            "2025-06-01",
            BURST / 4,
            TwoNodesIT::killOneOpenSearchNode);

    assertThat(acknowledged).hasSize(BURST);
    for (ArkivClient node : List.of(a, b)) {
      await()
          .atMost(Duration.ofMinutes(2))
          .pollInterval(Duration.ofMillis(500))
          .untilAsserted(
              () ->
                  assertThat(
                          node.search(AUDITOR, "q", "skurprov", "size", "100")
                              .json()
                              .path("hits")
                              .findValuesAsString("id"))
                      .containsExactlyInAnyOrderElementsOf(acknowledged));
    }
    // The lease did not move: a renewal that failed during the failover may pause A's lead, but
    // A leads again within a lease time and B never took over.
    await().atMost(Duration.ofSeconds(30)).until(() -> leads(a, "a"));
    assertThat(health(b).path("term").asLong()).isEqualTo(1);
  }

  @Test
  @Order(4)
  void whenTheLeaderDiesMidRunTheOtherNodeFinishesItDestroyingEachRecordOnce() throws Exception {
    // Five years after 2015 the trade confirmations may go.
    List<String> ids =
        fileOnBothNodes(RECORDS, "gallringsprov", "TRADE-CONFIRMATION", "2015-03-02", -1, null);
    b.await(
        () -> b.search(AUDITOR, "q", "gallringsprov"),
        r -> r.json().path("total").asLong() == RECORDS);

    Response made =
        b.post(
            "/api/disposition/runs",
            MANAGER,
            "{\"recordClass\":\"TRADE-CONFIRMATION\",\"dryRun\":false}");
    assertThat(made.status()).as(made.text()).isEqualTo(201);
    String runId = made.json().get("id").asString();
    assertThat(made.json().get("candidates").size()).isEqualTo(RECORDS);

    // Set executing on B, which does not lead: A, the leader, finds the run and carries it out.
    Response accepted = b.post("/api/disposition/runs/" + runId + "/execute", MANAGER, "{}");
    assertThat(accepted.status()).as(accepted.text()).isEqualTo(202);
    await()
        .atMost(Duration.ofMinutes(2))
        .pollInterval(Duration.ofMillis(20))
        .until(() -> tombstones() > 0);
    nodeA.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    long destroyedByA = tombstones();
    assertThat(destroyedByA).as("A was killed mid-run").isLessThan(RECORDS);
    System.out.printf(
        "Node A destroyed %d of %d records before it was killed%n", destroyedByA, RECORDS);

    await().atMost(Duration.ofMinutes(1)).until(() -> leads(b, "b"));
    JsonNode run =
        b.await(
                () -> b.get("/api/disposition/runs/" + runId, AUDITOR),
                r -> "EXECUTED".equals(r.json().path("state").asString()))
            .json();

    assertThat(health(b).path("term").asLong()).isEqualTo(2);
    assertThat(run.path("outcomes").size()).isEqualTo(RECORDS);
    assertThat(run.path("outcomes").findValuesAsString("id"))
        .containsExactlyInAnyOrderElementsOf(ids);
    assertThat(tombstones()).isEqualTo(RECORDS);
    for (String id : ids) {
      assertThat(b.get("/api/records/" + id, AUDITOR).status()).as(id).isIn(404, 410);
      assertThat(s3.dataDir().resolve("arkiv/records/" + id))
          .as(id + " left half destroyed")
          .doesNotExist();
    }
    // Exactly one certificate: one certificate record, the one the run names.
    String certificate = run.path("certificateRecordId").asString();
    assertThat(certificate).isNotBlank();
    Response certificates =
        b.await(
            () -> b.search(AUDITOR, "recordClass", "DISPOSITION-CERTIFICATE"),
            r -> r.json().path("total").asLong() >= 1);
    assertThat(certificates.json().path("hits").findValuesAsString("id"))
        .containsExactly(certificate);
  }

  @Test
  @Order(5)
  void eachNodesChainVerifiesOnTheSurvivorAndWithTheIndependentScript() throws Exception {
    JsonNode verified =
        b.await(
                () -> b.get("/api/audit/verify", AUDITOR),
                r ->
                    r.json()
                        .path("chains")
                        .findValuesAsString("node")
                        .containsAll(List.of("a", "b")))
            .json();

    assertThat(verified.path("valid").asBoolean()).as(verified.toString()).isTrue();
    for (JsonNode chain : verified.path("chains")) {
      assertThat(chain.path("valid").asBoolean()).as(chain.toString()).isTrue();
      assertThat(chain.path("entries").asLong()).as(chain.toString()).isPositive();
    }
    Process script =
        new ProcessBuilder(
                "python3",
                "scripts/verify-audit",
                s3.dataDir().resolve("arkiv").toString(),
                nodeB.root().resolve("data/audit").toString())
            .redirectErrorStream(true)
            .start();
    String output = new String(script.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(script.waitFor()).as(output).isZero();
  }

  /**
   * Files {@code count} records on both nodes in turn, four at a time, each with the word given;
   * after {@code eventAfter} acknowledged, runs the event once. The ids acknowledged, in order.
   */
  private static List<String> fileOnBothNodes(
      int count,
      String word,
      String recordClass,
      String documentDate,
      int eventAfter,
      ThrowingRunnable event)
      throws Exception {
    List<String> ids = new ArrayList<>();
    AtomicInteger acknowledged = new AtomicInteger();
    ExecutorService filers = Executors.newFixedThreadPool(4);
    try {
      List<Future<String>> filings = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        ArkivClient node = i % 2 == 0 ? a : b;
        byte[] text = ("Handling nummer " + i + " " + word).getBytes(UTF_8);
        String name = "handling-" + i + ".txt"; // the word only in the text: found once extracted
        String metadata =
            "{\"recordClass\":\"" + recordClass + "\",\"documentDate\":\"" + documentDate + "\"}";
        filings.add(
            filers.submit(
                () -> {
                  Response filed = node.file(MANAGER, name, text, metadata);
                  assertThat(filed.status()).as(filed.text()).isEqualTo(201);
                  if (acknowledged.incrementAndGet() == eventAfter) {
                    event.run();
                  }
                  return filed.json().get("id").asString();
                }));
      }
      for (Future<String> filing : filings) {
        ids.add(filing.get());
      }
    } finally {
      filers.shutdownNow();
    }
    return ids;
  }

  interface ThrowingRunnable {
    void run() throws Exception;
  }

  /**
   * Kills (SIGKILL) an OpenSearch node holding a copy of the records index, but neither the elected
   * cluster manager nor the primary of the lease: so the records index fails over while the lease
   * stays where it is (what losing the leader does is the next test's).
   */
  private static void killOneOpenSearchNode() throws Exception {
    URI any = search.urls().get(0);
    String manager = json(any, "/_cat/cluster_manager?format=json").get(0).path("node").asString();
    Set<String> spared = new HashSet<>(Set.of(manager));
    List<String> records = new ArrayList<>();
    for (JsonNode shard : json(any, "/_cat/shards/" + ALIAS + "*?format=json")) {
      String node = shard.path("node").asString();
      boolean lease = shard.path("index").asString().endsWith("-lease");
      if (lease && "p".equals(shard.path("prirep").asString())) {
        spared.add(node);
      } else if (!lease) {
        records.add(node);
      }
    }
    // A node with a copy of the records index first; any other node if none is free to go.
    records.addAll(search.names());
    String victim = records.stream().filter(n -> !spared.contains(n)).findFirst().orElseThrow();
    System.out.printf("Killing OpenSearch node %s (manager %s)%n", victim, manager);
    ProcessHandle.of(search.pidOf(victim)).orElseThrow().destroyForcibly();
  }

  private static JsonNode json(URI node, String path) throws Exception {
    HttpResponse<String> answer =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(node.resolve(path)).build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    return JsonMapper.shared().readTree(answer.body());
  }

  private static long tombstones() throws IOException {
    Path folder = s3.dataDir().resolve("arkiv/disposition/tombstones");
    if (!Files.isDirectory(folder)) {
      return 0;
    }
    try (Stream<Path> files = Files.list(folder)) {
      return files.filter(f -> f.getFileName().toString().endsWith(".json")).count();
    }
  }

  private static boolean leads(ArkivClient node, String name) {
    JsonNode cluster = health(node);
    return name.equals(cluster.path("node").asString()) && cluster.path("leads").asBoolean();
  }

  private static JsonNode health(ArkivClient node) {
    Response health = node.get("/actuator/health/cluster", RunningArkiv.ADMIN);
    assertThat(health.status()).isEqualTo(200);
    return health.json().path("details");
  }
}
