package se.arkiv.web;

import static org.assertj.core.api.Assertions.assertThat;
import static se.arkiv.testing.RunningArkiv.AUDITOR;
import static se.arkiv.testing.RunningArkiv.CLERK;
import static se.arkiv.testing.RunningArkiv.MANAGER;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import se.arkiv.testing.ArkivClient;
import se.arkiv.testing.ArkivService;
import se.arkiv.testing.PdfAValidation;
import se.arkiv.testing.RunningArkiv;
import se.arkiv.testing.TestDocuments;
import tools.jackson.databind.JsonNode;

/**
 * Fixity over HTTP on the filesystem store: each test files a record, changes the store behind
 * Arkiv's back, runs fixity and reads what it found. Runs check the whole store, so each test looks
 * at the findings of its own record.
 */
class FixityIT {

  // Details on, as an operator may turn them on, to read the count of findings.
  @RegisterExtension
  static final ArkivService arkiv =
      ArkivService.with(Map.of("management.endpoint.health.show-details", "always"));

  private static ArkivClient client;

  @BeforeAll
  static void start() {
    client = arkiv.client();
  }

  @Test
  void flippedByteInAnOriginalIsAMismatchAuditedAndShownOnHealthAndTheOriginalIsLeftAsItIs()
      throws Exception {
    String id = fileText("Lönespecifikation mars, anställd 4711");
    Path original = objects().resolve("records/" + id + "/original");
    byte[] bytes = Files.readAllBytes(original);
    bytes[3] ^= 0x01;
    Files.write(original, bytes);

    JsonNode report = run();

    List<JsonNode> found = findingsOf(report, id);
    assertThat(found).extracting(f -> f.get("kind").asString()).contains("ORIGINAL_HASH_MISMATCH");
    JsonNode mismatch = kind(found, "ORIGINAL_HASH_MISMATCH");
    assertThat(mismatch.get("objectKey").asString()).isEqualTo("records/" + id + "/original");
    assertThat(mismatch.get("detail").asString()).contains("metadata declares");
    assertThat(report.get("run").get("unresolved").asLong()).isPositive();
    // Reported, never replaced: the damaged bytes are still there for a person to look at.
    assertThat(Files.readAllBytes(original)).isEqualTo(bytes);
    JsonNode audit = client.get("/api/audit?action=fixity.mismatch&record=" + id, AUDITOR).json();
    assertThat(audit.get("entries")).hasSize(1);
    assertThat(audit.get("entries").get(0).get("outcome").asString()).isEqualTo("FAILED");
    ArkivClient.Response health = client.get("/actuator/health", null);
    assertThat(health.status()).isEqualTo(200);
    assertThat(health.json().get("status").asString()).isEqualTo("OUT_OF_SERVICE");
    JsonNode fixity = health.json().get("components").get("fixity");
    assertThat(fixity.get("status").asString()).isEqualTo("OUT_OF_SERVICE");
    assertThat(fixity.get("details").get("unresolvedFindings").asLong())
        .isEqualTo(report.get("run").get("unresolved").asLong());
  }

  @Test
  void deletedTextIsReDerivedFromTheVerifiedOriginalAndReportedAsRepaired() throws Exception {
    String id = fileText("Verifikation 2025-118, leverantörsfaktura kontorsmaterial");
    String before = client.get("/api/records/" + id + "/text", AUDITOR).text();
    Files.delete(objects().resolve("records/" + id + "/text.txt"));

    JsonNode report = run();

    JsonNode repaired = kind(findingsOf(report, id), "DERIVED_REPAIRED");
    assertThat(repaired.get("objectKey").asString()).isEqualTo("records/" + id + "/text.txt");
    assertThat(repaired.get("detail").asString()).contains("missing");
    assertThat(client.get("/api/records/" + id + "/text", AUDITOR).text()).isEqualTo(before);
    assertThat(
            client
                .get("/api/audit?action=fixity.repair&record=" + id, AUDITOR)
                .json()
                .get("entries"))
        .hasSize(1);
  }

  @Test
  void overwrittenTextIsReDerived() throws Exception {
    String id = fileText("Kontoutdrag december, konto 1234-5678");
    Path text = objects().resolve("records/" + id + "/text.txt");
    String before = Files.readString(text);
    Files.writeString(text, "tampered");

    JsonNode report = run();

    assertThat(kind(findingsOf(report, id), "DERIVED_REPAIRED").get("detail").asString())
        .contains("damaged");
    assertThat(Files.readString(text)).isEqualTo(before);
  }

  @Test
  void deletedPreviewOfAPdfIsReDerived() throws Exception {
    ArkivClient.Response filed =
        client.file(
            CLERK,
            "avtal.pdf",
            TestDocuments.pdf("Kontoavtal kund 9911"),
            "{\"recordClass\":\"ACCOUNT-AGREEMENT\",\"keys\":{\"customerId\":\"9911\"}}");
    String id = filed.json().get("id").asString();
    // A born-digital PDF's preview is drawn with its archival copy, after its text.
    client.awaitArchivalCopy(id);
    Path preview = objects().resolve("records/" + id + "/preview.png");
    assertThat(preview).exists();
    Files.delete(preview);

    JsonNode report = run();

    assertThat(kind(findingsOf(report, id), "DERIVED_REPAIRED").get("objectKey").asString())
        .isEqualTo("records/" + id + "/preview.png");
    assertThat(client.get("/api/records/" + id + "/preview", AUDITOR).status()).isEqualTo(200);
  }

  @Test
  void damagedArchivalCopyIsMadeAgainFromTheVerifiedOriginal() throws Exception {
    ArkivClient.Response filed =
        client.file(
            CLERK,
            "kontoavtal.pdf",
            TestDocuments.pdf("Kontoavtal kund 9922"),
            "{\"recordClass\":\"ACCOUNT-AGREEMENT\",\"keys\":{\"customerId\":\"9922\"}}");
    String id = filed.json().get("id").asString();
    client.awaitArchivalCopy(id);
    Path copy = objects().resolve("records/" + id + "/archival.pdf");
    assertThat(copy).exists();
    Files.write(copy, Arrays.copyOf(Files.readAllBytes(copy), 100));

    JsonNode report = run();

    JsonNode repaired = kind(findingsOf(report, id), "DERIVED_REPAIRED");
    assertThat(repaired.get("objectKey").asString()).isEqualTo("records/" + id + "/archival.pdf");
    assertThat(repaired.get("detail").asString()).contains("not a whole PDF");
    ArkivClient.Response again = client.get("/api/records/" + id + "/archival", AUDITOR);
    assertThat(again.status()).isEqualTo(200);
    assertThat(PdfAValidation.pdfA2bFailures(again.body())).isEmpty();
  }

  @Test
  void deletedOriginalIsReportedMissing() throws Exception {
    String id = fileText("Reseräkning Göteborg, anställd 1002");
    Files.delete(objects().resolve("records/" + id + "/original"));

    JsonNode report = run();

    List<JsonNode> found = findingsOf(report, id);
    assertThat(found).extracting(f -> f.get("kind").asString()).contains("ORIGINAL_MISSING");
    // Without a verified original nothing is derived again.
    assertThat(found).extracting(f -> f.get("kind").asString()).doesNotContain("DERIVED_REPAIRED");
  }

  @Test
  void missingMetadataVersionIsAGapInTheRecordsHistory() throws Exception {
    String id = fileText("Betalningsorder 5500-1, leverantör Kontorab");
    Path first = objects().resolve("records/" + id + "/meta/000001.json");
    assertThat(objects().resolve("records/" + id + "/meta/000002.json")).exists();
    Files.delete(first);

    JsonNode report = run();

    JsonNode gap = kind(findingsOf(report, id), "METADATA_GAP");
    assertThat(gap.get("objectKey").asString()).isEqualTo("records/" + id + "/meta/000001.json");
    assertThat(gap.get("detail").asString()).contains("[1]");
  }

  @Test
  void aRecordLeftAloneHasNoFindingsAndTheRunReportsItsSpeed() throws Exception {
    String id = fileText("Årsbesked 2024, kund 3321");

    JsonNode report = run();

    assertThat(findingsOf(report, id)).isEmpty();
    JsonNode progress = report.get("run");
    assertThat(progress.get("checked").asLong()).isEqualTo(progress.get("total").asLong());
    assertThat(progress.get("recordsPerSecond").asDouble()).isPositive();
    assertThat(progress.get("bytes").asLong()).isPositive();
  }

  @Test
  void onlyARecordsManagerStartsARunAndAnUnknownRunIsNotFound() {
    assertThat(client.post("/api/fixity/runs", AUDITOR, "{}").status()).isEqualTo(403);
    assertThat(client.post("/api/fixity/runs", CLERK, "{}").status()).isEqualTo(403);
    assertThat(client.get("/api/fixity/runs", CLERK).status()).isEqualTo(403);
    assertThat(client.get("/api/fixity/runs/nope", AUDITOR).status()).isEqualTo(404);
    assertThat(client.get("/api/fixity/runs", AUDITOR).status()).isEqualTo(200);
  }

  @Test
  void aRunCutShortResumesAfterItsLastCheckpointWhenTheServiceStartsAgain() throws Exception {
    try (RunningArkiv own = RunningArkiv.start(Map.of())) {
      ArkivClient ownClient = own.client();
      String checkedBefore = fileText(ownClient, "Kvitto lunch, anställd 77");
      String notYetChecked = fileText(ownClient, "Kvitto taxi, anställd 77");
      own.stop();
      // What a run leaves when the service stops after its first checkpoint.
      String runId = "01a00000-0000-7000-8000-000000000001";
      Path run = own.objectsDir().resolve("fixity/runs/" + runId);
      Files.createDirectories(run);
      Files.writeString(
          run.resolve("000001.json"),
          """
          {"schemaVersion":1,"id":"%s","state":"RUNNING","startedAt":"2026-12-01T08:00:00Z",
           "startedBy":"maja","finishedAt":null,"total":2,"checked":1,"bytes":25,"seconds":1.0,
           "recordsPerSecond":1.0,"megabytesPerSecond":0.0,"cursor":"%s","findings":0,
           "unresolved":0}
          """
              .formatted(runId, checkedBefore));
      flipAByte(own.objectsDir().resolve("records/" + checkedBefore + "/original"));
      flipAByte(own.objectsDir().resolve("records/" + notYetChecked + "/original"));

      own.restart();

      ArkivClient after = own.client();
      JsonNode report =
          after
              .await(
                  () -> after.get("/api/fixity/runs/" + runId, AUDITOR),
                  r -> "FINISHED".equals(r.json().get("run").get("state").asString()))
              .json();
      assertThat(report.get("run").get("checked").asLong()).isEqualTo(2);
      // Only what came after the checkpoint was checked again.
      assertThat(report.get("findings"))
          .extracting(f -> f.get("recordId").asString())
          .containsExactly(notYetChecked);
    }
  }

  private static void flipAByte(Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    bytes[0] ^= 0x01;
    Files.write(file, bytes);
  }

  private static JsonNode run() {
    ArkivClient.Response started = client.post("/api/fixity/runs", MANAGER, "{}");
    assertThat(started.status()).as(started.text()).isEqualTo(202);
    String runId = started.json().get("id").asString();
    assertThat(started.header("Location")).isEqualTo("/api/fixity/runs/" + runId);
    return client
        .await(
            () -> client.get("/api/fixity/runs/" + runId, AUDITOR),
            r -> "FINISHED".equals(r.json().get("run").get("state").asString()))
        .json();
  }

  private static List<JsonNode> findingsOf(JsonNode report, String recordId) {
    List<JsonNode> found = new ArrayList<>();
    for (JsonNode finding : report.get("findings")) {
      if (finding.get("recordId").asString().equals(recordId)) {
        found.add(finding);
      }
    }
    return found;
  }

  private static JsonNode kind(List<JsonNode> findings, String kind) {
    return findings.stream()
        .filter(f -> f.get("kind").asString().equals(kind))
        .findFirst()
        .orElseThrow(() -> new AssertionError("No " + kind + " among " + findings));
  }

  private static String fileText(String text) {
    return fileText(client, text);
  }

  private static String fileText(ArkivClient client, String text) {
    ArkivClient.Response filed =
        client.file(
            CLERK,
            "doc.txt",
            text.getBytes(StandardCharsets.UTF_8),
            "{\"recordClass\":\"CORRESPONDENCE\"}");
    assertThat(filed.status()).as(filed.text()).isEqualTo(201);
    String id = filed.json().get("id").asString();
    awaitExtracted(client, id);
    return id;
  }

  private static void awaitExtracted(String id) {
    awaitExtracted(client, id);
  }

  private static void awaitExtracted(ArkivClient client, String id) {
    client.await(
        () -> client.get("/api/records/" + id, AUDITOR),
        r -> "DONE".equals(r.json().get("extraction").get("status").asString()));
  }

  private static Path objects() {
    return arkiv.objectsDir();
  }
}
