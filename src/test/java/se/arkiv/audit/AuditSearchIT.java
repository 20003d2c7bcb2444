package se.arkiv.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static se.arkiv.testing.RunningArkiv.AUDITOR;
import static se.arkiv.testing.RunningArkiv.CLERK;
import static se.arkiv.testing.RunningArkiv.MANAGER;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import se.arkiv.extraction.InProcessExtractionSource;
import se.arkiv.testing.ArkivClient;
import se.arkiv.testing.ArkivService;
import se.arkiv.testing.UiSession;
import tools.jackson.databind.JsonNode;

/**
 * Audit search over HTTP, answered from the trail's index and from the part of the trail it has not
 * reached: segments of four entries, looked for every 100 ms, so that most of the trail is indexed
 * and the newest entries are not.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AuditSearchIT {

  private static final AuditQuery ALL = new AuditQuery(null, null, null, null, null);

  @RegisterExtension
  static final ArkivService arkiv =
      ArkivService.with(
          Map.of("arkiv.audit.segment-entries", "4", "arkiv.audit.index-interval", "100ms"),
          InProcessExtractionSource.class);

  private ArkivClient client;
  private String recordId;

  @BeforeAll
  void start() {
    client = arkiv.client();
    recordId =
        client
            .file(
                CLERK,
                "brev.txt",
                "Brev om ränteändring".getBytes(StandardCharsets.UTF_8),
                "{\"recordClass\":\"CORRESPONDENCE\"}")
            .json()
            .get("id")
            .asString();
    client.await(
        () -> client.search(AUDITOR, "q", "ränteändring"),
        r -> r.json().get("total").asLong() == 1);
    client.patch("/api/records/" + recordId, CLERK, "{\"title\":\"Ränteändring Nordbank\"}");
    for (int i = 0; i < 8; i++) {
      client.get("/api/records/" + recordId, AUDITOR);
    }
  }

  private List<JsonNode> entries(String user, String query) {
    List<JsonNode> found = new ArrayList<>();
    client.get("/api/audit?size=500" + query, user).json().get("entries").forEach(found::add);
    return found;
  }

  private static String q(String text) {
    return "&q=" + URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  /** How far the service's index reaches: the last entry of the trail it holds. */
  private long indexedThrough() {
    return arkiv.context().getBean(AuditIndex.class).search(ALL, null, 0, 0).through();
  }

  private long lastSealed() {
    List<String> keys = arkiv.context().getBean(SegmentFiles.class).sealedKeys();
    return keys.isEmpty() ? 0 : SegmentFiles.lastSeqOf(keys.get(keys.size() - 1));
  }

  private void awaitIndexed(long seq) {
    await().atMost(Duration.ofSeconds(30)).until(() -> indexedThrough() >= seq);
  }

  @Test
  @Order(1)
  void findsByFreeTextWhatTheTrailSays() {
    awaitIndexed(lastSealed());
    assertThat(indexedThrough()).isGreaterThan(8);

    List<JsonNode> searches = entries(AUDITOR, "&action=search" + q("Ränteändring"));
    assertThat(searches).isNotEmpty();
    assertThat(searches)
        .allMatch(e -> e.get("details").get("q").asString().equals("ränteändring"))
        .allMatch(e -> e.get("actor").asString().equals(AUDITOR));

    // The new title is in the correction's "after"; it was sealed and indexed long ago.
    List<JsonNode> corrections = entries(MANAGER, q("nordbank") + "&action=record.");
    assertThat(corrections).hasSize(1);
    assertThat(corrections.get(0).get("action").asString()).isEqualTo("record.correct");
    assertThat(corrections.get(0).get("actor").asString()).isEqualTo(CLERK);
    assertThat(corrections.get(0).get("target").asString()).isEqualTo(recordId);
    assertThat(entries(AUDITOR, q("nordbank AND NOT brev.txt") + "&action=record.")).isEmpty();
  }

  @Test
  @Order(2)
  void comesBackInTrailOrderAPageAtATime() {
    List<JsonNode> views = entries(AUDITOR, "&action=record.view&record=" + recordId);
    assertThat(views).hasSizeGreaterThanOrEqualTo(8);
    List<Long> seqs = views.stream().map(e -> e.get("seq").asLong()).toList();
    assertThat(seqs).isSorted();
    JsonNode second =
        client
            .get("/api/audit?action=record.view&record=" + recordId + "&size=3&page=1", AUDITOR)
            .json();
    assertThat(second.get("entries"))
        .extracting(e -> e.get("seq").asLong())
        .containsExactlyElementsOf(seqs.subList(3, 6));
  }

  @Test
  @Order(3)
  void findsTheNewestEntriesBeforeTheyAreIndexed() {
    client.get("/api/records/" + recordId + "/content", AUDITOR);
    // At once, not awaited: the download is in the local segment, which the index never holds.
    List<JsonNode> downloads = entries(AUDITOR, "&action=record.download" + q(recordId));
    assertThat(downloads).hasSize(1);
    assertThat(downloads.get(0).get("actor").asString()).isEqualTo(AUDITOR);
  }

  @Test
  @Order(4)
  void malformedFreeTextIsAProblem() {
    ArkivClient.Response answer =
        client.get(
            "/api/audit?q=" + URLEncoder.encode("ränta AND (", StandardCharsets.UTF_8), AUDITOR);
    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
    assertThat(answer.json().get("title").asString()).isEqualTo("Invalid search");
    assertThat(answer.json().get("detail").asString()).startsWith("q:");
    assertThat(client.get("/api/audit" + "?" + q("actor:aud").substring(1), AUDITOR).status())
        .isEqualTo(400);
  }

  @Test
  @Order(5)
  void onlyAuditorsAndRecordsManagersReadTheTrail() {
    assertThat(client.get("/api/audit?" + q("nordbank").substring(1), CLERK).status())
        .isEqualTo(403);
    assertThat(client.get("/api/audit?" + q("nordbank").substring(1), null).status())
        .isEqualTo(401);
  }

  @Test
  @Order(6)
  void theTrailPageSearchesByFreeTextToo() {
    UiSession auditor = new UiSession("http://localhost:" + arkiv.port());
    assertThat(auditor.login(AUDITOR, AUDITOR)).isTrue();
    UiSession.Page page = auditor.get("/audit?q=nordbank&action=record.");
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.body()).contains("name=\"q\"").contains("value=\"nordbank\"");
    assertThat(page.body()).contains("record.correct").contains(recordId);
    assertThat(auditor.get("/audit?q=" + URLEncoder.encode("(", StandardCharsets.UTF_8)).status())
        .isEqualTo(400);
  }

  @Test
  @Order(7)
  void isMadeAgainFromTheTrailWhenItsFolderIsDeleted() throws IOException {
    List<Long> before =
        entries(AUDITOR, q("nordbank")).stream().map(e -> e.get("seq").asLong()).toList();
    assertThat(before).isNotEmpty();
    arkiv.running().stop();
    deleteTree(arkiv.root().resolve("data").resolve("audit-index"));
    arkiv.running().restart();
    client = arkiv.client();
    assertThat(entries(AUDITOR, q("nordbank")))
        .extracting(e -> e.get("seq").asLong())
        .startsWith(before.toArray(Long[]::new));
    awaitIndexed(lastSealed());
    assertThat(indexedThrough()).isGreaterThanOrEqualTo(before.get(before.size() - 1));
    assertThat(entries(AUDITOR, q("nordbank")))
        .extracting(e -> e.get("seq").asLong())
        .startsWith(before.toArray(Long[]::new));
  }

  private static void deleteTree(Path dir) throws IOException {
    assertThat(dir).isDirectory();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(file);
      }
    }
  }
}
