package se.arkiv.web;

import static org.assertj.core.api.Assertions.assertThat;
import static se.arkiv.testing.RunningArkiv.AUDITOR;
import static se.arkiv.testing.RunningArkiv.CLERK;
import static se.arkiv.testing.RunningArkiv.MANAGER;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
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
import tools.jackson.databind.JsonNode;

/**
 * The audit trail records what happened and proves that nobody rewrote it: one changed byte, one
 * removed entry or two swapped entries, in a sealed or in the local segment, and verify names the
 * first bad sequence number.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AuditTrailIT {

  // Small segments, so that several are sealed into the store during the test.
  @RegisterExtension
  static final ArkivService arkiv =
      ArkivService.with(
          Map.of("arkiv.audit.segment-entries", "4"), InProcessExtractionSource.class);

  private ArkivClient client;
  private String recordId;

  @BeforeAll
  void start() throws Exception {
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
    client.get("/api/records/" + recordId, AUDITOR);
    client.get("/api/records/" + recordId + "/content", AUDITOR);
    client.patch("/api/records/" + recordId, CLERK, "{\"title\":\"Ränteändring 2025\"}");
    client.get("/api/search", "nobody");
    client.post("/api/holds", CLERK, "{}");
    client.post(
        "/api/holds",
        MANAGER,
        "{\"name\":\"Granskning\",\"reason\":\"FI\",\"recordIds\":[\"" + recordId + "\"]}");
  }

  private List<JsonNode> entries(String query) {
    List<JsonNode> found = new ArrayList<>();
    client.get("/api/audit?size=500" + query, AUDITOR).json().get("entries").forEach(found::add);
    return found;
  }

  private JsonNode verify() {
    return client.get("/api/audit/verify", AUDITOR).json();
  }

  @Test
  @Order(1)
  void everyActionLeavesAnEntryWithActorClientAndOutcome() {
    // Asked action by action: how many searches the set-up polled for depends on the machine.
    for (String action :
        List.of(
            "record.file",
            "search",
            "record.view",
            "record.download",
            "record.correct",
            "login.failure",
            "hold.place")) {
      assertThat(entries("&action=" + action)).as(action).isNotEmpty();
    }
    JsonNode filing = entries("&action=record.file").get(0);
    assertThat(filing.get("actor").asString()).isEqualTo(CLERK);
    assertThat(filing.get("roles").toString()).contains("CLERK");
    assertThat(filing.get("client").asString()).isEqualTo("127.0.0.1");
    assertThat(filing.get("target").asString()).isEqualTo(recordId);
    assertThat(filing.get("outcome").asString()).isEqualTo("SUCCESS");

    JsonNode search = entries("&action=search&actor=" + AUDITOR).get(0);
    assertThat(search.get("details").get("q").asString()).isEqualTo("ränteändring");
    assertThat(search.get("details").has("hits")).isTrue();

    JsonNode correction = entries("&action=record.correct").get(0);
    assertThat(correction.get("before").get("title").asString()).isEqualTo("brev.txt");
    assertThat(correction.get("after").get("title").asString()).isEqualTo("Ränteändring 2025");

    JsonNode login = entries("&action=login.failure").get(0);
    assertThat(login.get("actor").asString()).isEqualTo("nobody");
    assertThat(login.toString()).doesNotContain("\"nobody:nobody\"");

    assertThat(entries("&actor=" + CLERK))
        .anyMatch(
            e ->
                e.get("outcome").asString().equals("DENIED")
                    && e.get("action").asString().equals("POST /api/holds"));
  }

  @Test
  @Order(2)
  void aRecordsHistoryListsWhatWasDoneToIt() {
    assertThat(client.delete("/api/records/" + recordId, CLERK).status()).isEqualTo(409);
    JsonNode history = client.get("/api/records/" + recordId + "/history", AUDITOR).json();
    assertThat(history)
        .extracting(e -> e.get("action").asString())
        .contains("record.file", "record.view", "record.download", "record.correct");
    // A refused deletion is something an investigator reads a record's history for.
    assertThat(history)
        .anyMatch(
            e ->
                e.get("action").asString().equals("DELETE /api/records/" + recordId)
                    && e.get("outcome").asString().equals("DENIED"));
    assertThat(client.get("/api/records/" + recordId + "/history", CLERK).status()).isEqualTo(403);
    assertThat(client.get("/api/records/not-a-record/history", AUDITOR).status()).isEqualTo(404);
    // Asked again, the sealed segments are skipped by their summaries: the same entries come back.
    JsonNode again = client.get("/api/records/" + recordId + "/history", AUDITOR).json();
    assertThat(again.size()).isGreaterThanOrEqualTo(history.size());
    for (int i = 0; i < history.size(); i++) {
      assertThat(again.get(i).get("seq").asLong()).isEqualTo(history.get(i).get("seq").asLong());
    }
  }

  @Test
  @Order(3)
  void anUntouchedTrailVerifies() {
    JsonNode result = verify();
    assertThat(result.get("valid").asBoolean()).as(result.toString()).isTrue();
    assertThat(result.get("entries").asLong()).isGreaterThan(10);
    assertThat(result.get("head").asString()).hasSize(64);
    assertThat(sealedSegments()).hasSizeGreaterThan(1);
  }

  @Test
  @Order(3)
  void theOnlyNodesTrailIsOneChainWithoutANode() {
    JsonNode result = verify();
    assertThat(result.get("chains")).hasSize(1);
    JsonNode chain = result.get("chains").get(0);
    assertThat(chain.get("node").isNull()).as(result.toString()).isTrue();
    assertThat(chain.get("valid").asBoolean()).isTrue();
    assertThat(chain.get("entries").asLong()).isEqualTo(result.get("entries").asLong());
    assertThat(chain.get("head").asString()).isEqualTo(result.get("head").asString());
    assertThat(
            client.get("/api/records/" + recordId + "/history", AUDITOR).json().get(0).has("node"))
        .as("entries of the only node name no node")
        .isFalse();
  }

  @Test
  @Order(4)
  void oneChangedByteInASealedSegmentIsFound() throws IOException {
    Path segment = sealedSegments().get(1);
    List<String> original = Files.readAllLines(segment);
    List<String> changed = new ArrayList<>(original);
    changed.set(1, changed.get(1).replace("\"outcome\":\"", "\"outcome\":\"X"));
    Files.write(segment, changed);
    JsonNode result = verify();
    String independent = independentVerification();
    Files.write(segment, original);
    assertThat(result.get("valid").asBoolean()).isFalse();
    assertThat(result.get("firstInvalidSequence").asLong()).isEqualTo(seqOf(original.get(1)));
    assertThat(independent).contains("\"firstInvalidSequence\": " + seqOf(original.get(1)));
    assertThat(verify().get("valid").asBoolean()).isTrue();
  }

  @Test
  @Order(3)
  void theShortScriptInScriptsVerifiesTheTrailWithoutArkiv() {
    assertThat(independentVerification()).contains("\"valid\": true");
  }

  /** Runs scripts/verify-audit (Python, standard library only) over the test's folders. */
  private String independentVerification() {
    try {
      Process python =
          new ProcessBuilder(
                  "python3",
                  "scripts/verify-audit",
                  arkiv.objectsDir().toString(),
                  arkiv.root().resolve("data/audit").toString())
              .redirectErrorStream(true)
              .start();
      String output = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      python.waitFor();
      return output;
    } catch (IOException e) {
      throw new IllegalStateException("python3 is needed to run scripts/verify-audit", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Test
  @Order(5)
  void aRemovedEntryIsFound() throws IOException {
    Path segment = sealedSegments().get(1);
    List<String> original = Files.readAllLines(segment);
    List<String> changed = new ArrayList<>(original);
    changed.remove(2);
    Files.write(segment, changed);
    JsonNode result = verify();
    Files.write(segment, original);
    assertThat(result.get("valid").asBoolean()).isFalse();
    assertThat(result.get("firstInvalidSequence").asLong()).isEqualTo(seqOf(original.get(2)));
  }

  @Test
  @Order(6)
  void twoSwappedEntriesAreFound() throws IOException {
    Path segment = sealedSegments().get(0);
    List<String> original = Files.readAllLines(segment);
    List<String> changed = new ArrayList<>(original);
    changed.set(1, original.get(2));
    changed.set(2, original.get(1));
    Files.write(segment, changed);
    JsonNode result = verify();
    Files.write(segment, original);
    assertThat(result.get("valid").asBoolean()).isFalse();
    assertThat(result.get("firstInvalidSequence").asLong()).isEqualTo(seqOf(original.get(1)));
  }

  @Test
  @Order(7)
  void aRewrittenEntryWithAFreshHashStillBreaksTheChain() throws IOException {
    Path segment = sealedSegments().get(0);
    List<String> original = Files.readAllLines(segment);
    String json = original.get(1).substring(65).replace("\"outcome\":\"", "\"outcome\":\"Y");
    List<String> changed = new ArrayList<>(original);
    changed.set(1, sha256(json) + " " + json);
    Files.write(segment, changed);
    JsonNode result = verify();
    Files.write(segment, original);
    assertThat(result.get("valid").asBoolean()).isFalse();
    assertThat(result.get("firstInvalidSequence").asLong()).isEqualTo(seqOf(original.get(2)));
  }

  @Test
  @Order(8)
  void aChangedByteInTheLocalSegmentIsFound() throws IOException {
    client.get("/api/records/" + recordId, AUDITOR);
    Path local = localSegment();
    List<String> lines = Files.readAllLines(local);
    assertThat(lines).isNotEmpty();
    lines.set(0, lines.get(0).replace("\"actor\":\"", "\"actor\":\"Z"));
    Files.write(local, lines);
    JsonNode result = verify();
    assertThat(result.get("valid").asBoolean()).isFalse();
    assertThat(result.get("firstInvalidSequence").asLong()).isEqualTo(seqOf(lines.get(0)));
  }

  private List<Path> sealedSegments() {
    try (Stream<Path> files = Files.list(arkiv.objectsDir().resolve("audit/segments"))) {
      return files.sorted().toList();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The local segment; a request is made first when the last one sealed it, since segments here are
   * sealed every four entries.
   */
  private Path localSegment() throws IOException {
    for (int i = 0; i < 4 && !hasLocalSegment(); i++) {
      client.get("/api/records/" + recordId, AUDITOR);
    }
    return findLocalSegment();
  }

  private boolean hasLocalSegment() throws IOException {
    try (Stream<Path> files = Files.list(arkiv.root().resolve("data/audit"))) {
      return files.anyMatch(p -> p.getFileName().toString().startsWith("segment-"));
    }
  }

  private Path findLocalSegment() throws IOException {
    try (Stream<Path> files = Files.list(arkiv.root().resolve("data/audit"))) {
      return files
          .filter(p -> p.getFileName().toString().startsWith("segment-"))
          .findFirst()
          .orElseThrow();
    }
  }

  private static long seqOf(String line) {
    String json = line.substring(65);
    int start = json.indexOf("\"seq\":") + 6;
    int end = json.indexOf(',', start);
    return Long.parseLong(json.substring(start, end));
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
