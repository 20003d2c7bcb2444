package se.arkiv.web;

import static org.assertj.core.api.Assertions.assertThat;
import static se.arkiv.testing.RunningArkiv.AUDITOR;
import static se.arkiv.testing.RunningArkiv.CLERK;
import static se.arkiv.testing.RunningArkiv.MANAGER;
import static se.arkiv.testing.RunningArkiv.SECOND_MANAGER;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import se.arkiv.extraction.InProcessExtractionSource;
import se.arkiv.storage.RefusingDeletesSource;
import se.arkiv.testing.ArkivClient;
import se.arkiv.testing.ArkivClient.Response;
import se.arkiv.testing.MovableClockSource;
import se.arkiv.testing.RunningArkiv;
import se.arkiv.testing.UiSession;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The retention engine scenario by scenario, over HTTP, with the clock moved through years. */
class RetentionIT {

  private RunningArkiv arkiv;
  private ArkivClient client;

  @BeforeEach
  void start() throws Exception {
    MovableClockSource.CLOCK.set(Instant.parse("2025-03-01T09:00:00Z"));
    RefusingDeletesSource.PROTECTED.clear();
    RefusingDeletesSource.SLOW.clear();
    arkiv =
        RunningArkiv.start(
            Map.of(),
            MovableClockSource.class,
            RefusingDeletesSource.class,
            InProcessExtractionSource.class);
    client = arkiv.client();
  }

  @AfterEach
  void stop() throws Exception {
    arkiv.close();
  }

  private String file(String recordClass, String text, String extra) {
    Response filed =
        client.file(
            CLERK,
            "doc.txt",
            text.getBytes(StandardCharsets.UTF_8),
            "{\"recordClass\":\""
                + recordClass
                + "\""
                + (extra.isEmpty() ? "" : "," + extra)
                + "}");
    assertThat(filed.status()).as(filed.text()).isEqualTo(201);
    String id = filed.json().get("id").asString();
    client.await(
        () -> client.get("/api/records/" + id, AUDITOR),
        r -> "DONE".equals(r.json().get("extraction").get("status").asString()));
    return id;
  }

  private JsonNode record(String id) {
    return client.get("/api/records/" + id, AUDITOR).json();
  }

  private String status(String id) {
    return record(id).get("retention").get("status").asString();
  }

  private JsonNode post(String path, String user, String json) {
    Response response = client.post(path, user, json);
    assertThat(response.status()).as(path + " " + response.text()).isIn(200, 201);
    return response.json();
  }

  private JsonNode run(String user, String json) {
    return post("/api/disposition/runs", user, json);
  }

  /** Executes a run (202, in the background) and waits for its end. */
  private JsonNode execute(String runId) {
    Response accepted = client.post("/api/disposition/runs/" + runId + "/execute", MANAGER, "{}");
    assertThat(accepted.status()).as(accepted.text()).isEqualTo(202);
    assertThat(accepted.header("Location")).isEqualTo("/api/disposition/runs/" + runId);
    assertThat(accepted.json().get("state").asString()).isIn("EXECUTING", "EXECUTED");
    return client
        .await(
            () -> client.get("/api/disposition/runs/" + runId, AUDITOR),
            r -> "EXECUTED".equals(r.json().get("state").asString()))
        .json();
  }

  private JsonNode event(String type, String keys, String effectiveDate) {
    return post(
        "/api/retention/events",
        MANAGER,
        "{\"type\":\""
            + type
            + "\",\"keys\":"
            + keys
            + ",\"effectiveDate\":\""
            + effectiveDate
            + "\",\"reference\":\"HR case 12\"}");
  }

  private static boolean listed(JsonNode list, String id) {
    for (JsonNode entry : list) {
      if (entry.get("id").asString().equals(id)) {
        return true;
      }
    }
    return false;
  }

  @Test
  void fiscalYear2024VoucherIsACandidateOnlyFromNewYear2032Stockholm() {
    String voucher =
        file(
            "ACC-VOUCHER",
            "Verifikation 17",
            "\"documentDate\":\"2024-11-30\",\"fiscalYearEnd\":\"2024-12-31\"");
    JsonNode before = run(MANAGER, "{\"dryRun\":true,\"asOf\":\"2031-12-31T22:59:00Z\"}");
    JsonNode after = run(MANAGER, "{\"dryRun\":true,\"asOf\":\"2031-12-31T23:01:00Z\"}");
    assertThat(listed(before.get("candidates"), voucher)).isFalse();
    assertThat(listed(before.get("excluded"), voucher)).isTrue();
    assertThat(listed(after.get("candidates"), voucher)).isTrue();
    assertThat(record(voucher).get("retention").get("retainUntil").asString())
        .isEqualTo("2031-12-31T23:00:00Z");
  }

  @Test
  void kycOfAnActiveCustomerWaitsForItsEventThenCountsFromTheBackdatedEffectiveDate() {
    MovableClockSource.CLOCK.set(Instant.parse("2045-01-01T10:00:00Z"));
    String kyc = file("KYC", "Kundkännedom", "\"keys\":{\"customerId\":\"5566\"}");
    assertThat(status(kyc)).isEqualTo("EVENT_PENDING");
    assertThat(record(kyc).get("retention").get("pendingEvent").asString())
        .isEqualTo("CUSTOMER_RELATIONSHIP_ENDED");
    JsonNode pending = run(MANAGER, "{\"dryRun\":true,\"recordClass\":\"KYC\"}");
    assertThat(pending.get("excluded").get(0).get("reason").asString()).contains("event pending");

    event("CUSTOMER_RELATIONSHIP_ENDED", "{\"customerId\":\"5566\"}", "2030-03-31");
    JsonNode retention = record(kyc).get("retention");
    assertThat(retention.get("status").asString()).isEqualTo("ELIGIBLE");
    assertThat(retention.get("retainUntil").asString()).isEqualTo("2035-03-31T22:00:00Z");
    assertThat(retention.get("maximumUntil").asString()).isEqualTo("2040-03-31T22:00:00Z");

    String filedLater =
        file("KYC", "Kompletterande ID-kopia", "\"keys\":{\"customerId\":\"5566\"}");
    assertThat(record(filedLater).get("retention").get("retainUntil").asString())
        .isEqualTo("2035-03-31T22:00:00Z");
  }

  @Test
  void eventRetractedAfterApprovalVoidsTheRunAndNothingIsDestroyed() {
    String hr = file("HR-FILE", "Anställningsavtal", "\"keys\":{\"employeeId\":\"E-1\"}");
    JsonNode ended = event("EMPLOYMENT_ENDED", "{\"employeeId\":\"E-1\"}", "2025-02-01");
    MovableClockSource.CLOCK.set(Instant.parse("2027-03-01T09:00:00Z"));
    JsonNode run = run(MANAGER, "{\"dryRun\":false,\"recordClass\":\"HR-FILE\"}");
    assertThat(run.get("state").asString()).isEqualTo("AWAITING_APPROVAL");
    assertThat(listed(run.get("candidates"), hr)).isTrue();
    String runId = run.get("id").asString();
    assertThat(
            post("/api/disposition/runs/" + runId + "/approve", SECOND_MANAGER, "{}")
                .get("state")
                .asString())
        .isEqualTo("READY");

    post(
        "/api/retention/events/" + ended.get("id").asString() + "/retract",
        MANAGER,
        "{\"reason\":\"registered on the wrong employee\"}");

    JsonNode voided = client.get("/api/disposition/runs/" + runId, AUDITOR).json();
    assertThat(voided.get("state").asString()).isEqualTo("VOID");
    assertThat(voided.get("voidReason").asString()).contains("retracted");
    // The run's own trail says why it stopped, though no request named it.
    JsonNode entries = client.get("/api/audit?q=" + runId + "&size=100", AUDITOR).json();
    assertThat(entries.get("entries"))
        .anyMatch(
            e ->
                e.get("action").asString().equals("disposition.void")
                    && e.get("target").asString().equals(runId)
                    && e.get("actor").asString().equals(MANAGER)
                    && e.get("reason").asString().contains("registered on the wrong employee"));
    Response execute = client.post("/api/disposition/runs/" + runId + "/execute", MANAGER, "{}");
    assertThat(execute.status()).isEqualTo(409);
    assertThat(client.get("/api/records/" + hr, AUDITOR).status()).isEqualTo(200);
    assertThat(status(hr)).isEqualTo("EVENT_PENDING");
  }

  @Test
  void approvalByTheManagerWhoStartedTheRunIsRefused() {
    file("HR-FILE", "Personalakt", "\"keys\":{\"employeeId\":\"E-2\"}");
    event("EMPLOYMENT_ENDED", "{\"employeeId\":\"E-2\"}", "2025-02-01");
    MovableClockSource.CLOCK.set(Instant.parse("2027-03-01T09:00:00Z"));
    String runId = run(MANAGER, "{\"dryRun\":false}").get("id").asString();
    Response same = client.post("/api/disposition/runs/" + runId + "/approve", MANAGER, "{}");
    assertThat(same.status()).isEqualTo(409);
    assertThat(same.json().get("detail").asString()).contains("another records manager");
    assertThat(client.post("/api/disposition/runs/" + runId + "/execute", MANAGER, "{}").status())
        .isEqualTo(409);
  }

  @Test
  void aHoldWithoutANameIsA400WithTheReason() {
    Response refused = client.post("/api/holds", MANAGER, "{}");
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.json().get("detail").asString()).contains("name is required");
  }

  @Test
  void holdPlacedAfterRetentionEndedButBeforeTheRunKeepsTheRecord() {
    String letter = file("CORRESPONDENCE", "Gammalt brev", "\"documentDate\":\"2018-05-01\"");
    assertThat(status(letter)).isEqualTo("ELIGIBLE");
    post(
        "/api/holds",
        MANAGER,
        "{\"name\":\"Tvist 2025\",\"reason\":\"Stämning\",\"caseReference\":\"T-1\",\"recordIds\":[\""
            + letter
            + "\"]}");
    assertThat(status(letter)).isEqualTo("HELD");
    JsonNode run = run(MANAGER, "{\"dryRun\":false}");
    assertThat(listed(run.get("candidates"), letter)).isFalse();
    assertThat(run.get("excluded").toString()).contains(letter).contains("Tvist 2025");
    execute(run.get("id").asString());
    assertThat(client.get("/api/records/" + letter, AUDITOR).status()).isEqualTo(200);
  }

  @Test
  void twoHoldsAndOneReleasedLeavesTheRecordHeld() {
    String letter = file("CORRESPONDENCE", "Brev om lån", "\"documentDate\":\"2018-05-01\"");
    String holdRequest =
        "{\"name\":\"%s\",\"reason\":\"utredning\",\"recordIds\":[\"" + letter + "\"]}";
    String first =
        post("/api/holds", MANAGER, holdRequest.formatted("A")).get("hold").get("id").asString();
    post("/api/holds", MANAGER, holdRequest.formatted("B"));
    post("/api/holds/" + first + "/release", MANAGER, "{\"reason\":\"ärendet avslutat\"}");
    assertThat(status(letter)).isEqualTo("HELD");
    assertThat(record(letter).get("retention").get("holds")).hasSize(1);
  }

  @Test
  void recordFiledAfterAMatchingHoldIsHeld() {
    post(
        "/api/holds",
        MANAGER,
        "{\"name\":\"Kund 9\",\"reason\":\"myndighetsbegäran\",\"query\":\"customerId:HOLD-9\"}");
    String later =
        file(
            "CORRESPONDENCE",
            "Brev till kund nio",
            "\"documentDate\":\"2018-05-01\",\"keys\":{\"customerId\":\"HOLD-9\"}");
    client.await(
        () -> client.get("/api/records/" + later, AUDITOR),
        r -> "HELD".equals(r.json().get("retention").get("status").asString()));
    JsonNode run = run(MANAGER, "{\"dryRun\":true}");
    assertThat(listed(run.get("candidates"), later)).isFalse();
    assertThat(run.get("excluded").toString()).contains("Kund 9");
  }

  @Test
  void holdPlacedWhileARunWaitsForApprovalSavesThatRecord() {
    String hr = file("HR-FILE", "Löneavtal", "\"keys\":{\"employeeId\":\"E-3\"}");
    event("EMPLOYMENT_ENDED", "{\"employeeId\":\"E-3\"}", "2025-02-01");
    MovableClockSource.CLOCK.set(Instant.parse("2027-03-01T09:00:00Z"));
    String runId = run(MANAGER, "{\"dryRun\":false}").get("id").asString();
    post(
        "/api/holds",
        MANAGER,
        "{\"name\":\"Arbetsrättstvist\",\"reason\":\"AD-mål\",\"recordIds\":[\"" + hr + "\"]}");
    post("/api/disposition/runs/" + runId + "/approve", SECOND_MANAGER, "{}");
    JsonNode executed = execute(runId);
    JsonNode outcome = executed.get("outcomes").get(0);
    assertThat(outcome.get("destroyed").asBoolean()).isFalse();
    assertThat(outcome.get("reason").asString()).contains("legal hold");
    assertThat(client.get("/api/records/" + hr, AUDITOR).status()).isEqualTo(200);
  }

  @Test
  void aHoldPlacedWhileARunExecutesSavesWhatItCovers() {
    // More records than one gated slice (50), so the last one is destroyed after the hold.
    List<String> letters = new ArrayList<>();
    for (int i = 0; i < 55; i++) {
      letters.add(
          file(
              "CORRESPONDENCE",
              "Brev nummer " + i,
              "\"documentDate\":\"2018-05-01\",\"keys\":{\"customerId\":\"RUN-" + i + "\"}"));
    }
    JsonNode run = run(MANAGER, "{\"dryRun\":false,\"recordClass\":\"CORRESPONDENCE\"}");
    String runId = run.get("id").asString();
    JsonNode candidates = run.get("candidates");
    List<String> candidateIds = new ArrayList<>();
    candidates.forEach(c -> candidateIds.add(c.get("id").asString()));
    // Every letter, so the last candidate lies in the second slice, destroyed after the hold.
    assertThat(candidateIds).containsExactlyInAnyOrderElementsOf(letters);
    String first = candidates.get(0).get("id").asString();
    String last = candidates.get(candidates.size() - 1).get("id").asString();
    RefusingDeletesSource.SLOW.add(first); // the run is busy with its first slice for a while

    Response accepted = client.post("/api/disposition/runs/" + runId + "/execute", MANAGER, "{}");
    assertThat(accepted.status()).isEqualTo(202);
    post(
        "/api/holds",
        MANAGER,
        "{\"name\":\"Sent stopp\",\"reason\":\"revision\",\"recordIds\":[\"" + last + "\"]}");

    JsonNode executed = awaitExecuted(runId);
    JsonNode lastOutcome = executed.get("outcomes").get(candidates.size() - 1);
    assertThat(lastOutcome.get("id").asString()).isEqualTo(last);
    assertThat(lastOutcome.get("destroyed").asBoolean()).isFalse();
    assertThat(lastOutcome.get("reason").asString()).contains("Sent stopp");
    assertThat(client.get("/api/records/" + last, AUDITOR).status()).isEqualTo(200);
    assertThat(client.get("/api/records/" + first, AUDITOR).status()).isEqualTo(410);
  }

  @Test
  void directDeleteOrContentChangeOfARetainedRecordIsRefusedAndTheBytesStay() {
    String letter = file("CORRESPONDENCE", "Ett bevarat brev", "\"documentDate\":\"2024-05-01\"");
    byte[] before = client.get("/api/records/" + letter + "/content", AUDITOR).body();

    Response delete = client.delete("/api/records/" + letter, MANAGER);
    assertThat(delete.status()).isEqualTo(409);
    assertThat(delete.json().get("detail").asString())
        .contains("retained until 2029-05-01T22:00:00Z");
    Response rewrite =
        client.put(
            "/api/records/" + letter + "/content",
            CLERK,
            "nya bytes".getBytes(StandardCharsets.UTF_8));
    assertThat(rewrite.status()).isEqualTo(409);
    assertThat(client.delete("/api/records/" + letter, AUDITOR).status()).isEqualTo(403);

    assertThat(client.get("/api/records/" + letter + "/content", AUDITOR).body()).isEqualTo(before);
  }

  @Test
  void metadataCorrectionAppendsAVersionAndKeepsTheContent() {
    String letter = file("CORRESPONDENCE", "Brev med fel titel", "\"title\":\"Fel titel\"");
    Response corrected =
        client.patch(
            "/api/records/" + letter, CLERK, "{\"title\":\"Rätt titel\",\"reason\":\"stavfel\"}");
    assertThat(corrected.status()).as(corrected.text()).isEqualTo(200);
    assertThat(corrected.json().get("title").asString()).isEqualTo("Rätt titel");
    assertThat(corrected.json().get("version").asInt()).isEqualTo(3);
    Response refused = client.patch("/api/records/" + letter, CLERK, "{\"sha256\":\"00\"}");
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.json().get("detail").asString()).contains("sha256 cannot be corrected");

    Response clerkRedates =
        client.patch("/api/records/" + letter, CLERK, "{\"documentDate\":\"2001-01-01\"}");
    assertThat(clerkRedates.status()).isEqualTo(403);
    assertThat(clerkRedates.json().get("detail").asString()).contains("records manager");
    assertThat(
            client
                .patch("/api/records/" + letter, MANAGER, "{\"documentDate\":\"2024-02-01\"}")
                .status())
        .isEqualTo(200);

    post(
        "/api/holds",
        MANAGER,
        "{\"name\":\"Frys\",\"reason\":\"granskning\",\"recordIds\":[\"" + letter + "\"]}");
    Response whileHeld =
        client.patch("/api/records/" + letter, MANAGER, "{\"title\":\"Ny titel\"}");
    assertThat(whileHeld.status()).isEqualTo(409);
    assertThat(whileHeld.json().get("detail").asString()).contains("legal hold");
    JsonNode asClerk = client.get("/api/records/" + letter, CLERK).json();
    assertThat(asClerk.get("retention").get("status").asString()).isEqualTo("HELD");
    assertThat(asClerk.get("retention").get("holds")).isEmpty();
  }

  @Test
  void destructionRemovesEveryCopyAndLeavesATombstoneAndACertificate() throws Exception {
    String letter =
        file(
            "CORRESPONDENCE",
            "Förfallet brev om zebrakredit",
            "\"documentDate\":\"2018-05-01\",\"keys\":{\"customerId\":\"GONE-1\"}");
    String sha = record(letter).get("sha256").asString();
    client.await(
        () -> client.search(AUDITOR, "q", "zebrakredit"), r -> r.json().get("total").asLong() == 1);

    JsonNode run = run(MANAGER, "{\"dryRun\":false,\"recordClass\":\"CORRESPONDENCE\"}");
    assertThat(run.get("state").asString()).isEqualTo("READY");
    JsonNode executed = execute(run.get("id").asString());
    assertThat(executed.get("outcomes").get(0).get("destroyed").asBoolean()).isTrue();

    Response gone = client.get("/api/records/" + letter, AUDITOR);
    assertThat(gone.status()).isEqualTo(410);
    assertThat(gone.json().get("tombstone").get("sha256").asString()).isEqualTo(sha);
    // The list of runs gives counts; the run itself, its lists.
    JsonNode listed = null;
    for (JsonNode summary : client.get("/api/disposition/runs", AUDITOR).json()) {
      if (summary.get("id").asString().equals(run.get("id").asString())) {
        listed = summary;
      }
    }
    assertThat(listed).isNotNull();
    assertThat(listed.get("candidates").asInt()).isEqualTo(1);
    assertThat(listed.get("destroyed").asLong()).isEqualTo(1);
    assertThat(listed.has("outcomes")).isFalse();
    assertThat(client.get("/api/records/" + letter + "/content", AUDITOR).status()).isEqualTo(410);
    assertThat(client.search(AUDITOR, "q", "zebrakredit").json().get("total").asLong()).isZero();
    assertThat(client.search(AUDITOR, "customerId", "GONE-1").json().get("total").asLong())
        .isZero();
    assertThat(arkiv.objectsDir().resolve("records").resolve(letter)).doesNotExist();
    assertThat(
            Files.exists(
                arkiv.objectsDir().resolve("disposition/tombstones").resolve(letter + ".json")))
        .isTrue();

    String certificate = executed.get("certificateRecordId").asString();
    JsonNode certificateRecord = record(certificate);
    assertThat(certificateRecord.get("recordClass").asString())
        .isEqualTo("DISPOSITION-CERTIFICATE");
    byte[] pdf = client.get("/api/records/" + certificate + "/content", AUDITOR).body();
    try (PDDocument document = Loader.loadPDF(pdf)) {
      String text = new PDFTextStripper().getText(document);
      assertThat(text).contains(letter).contains(sha).contains(MANAGER);
    }
    JsonNode json =
        client
            .get("/api/disposition/runs/" + run.get("id").asString() + "/certificate", AUDITOR)
            .json();
    assertThat(json.get("candidates").get(0).get("sha256").asString()).isEqualTo(sha);
  }

  @Test
  void
      anErasureRequestRestrictsEachRecordOfThePersonAsTheLawAllowsAndDispositionDestroysTheExpired()
          throws Exception {
    String letter =
        file(
            "CORRESPONDENCE",
            "Brev till 811218-9876 om zebrakonto",
            "\"documentDate\":\"2018-05-01\"");
    String payslip =
        file(
            "PAYROLL",
            "Lönebesked zebralön för 19811218-9876",
            "\"department\":\"payroll\",\"documentDate\":\"2024-12-31\","
                + "\"fiscalYearEnd\":\"2024-12-31\"");
    String kyc = file("KYC", "Kundkännedom zebrakund", "\"keys\":{\"customerId\":\"811218-9876\"}");
    String someoneElse = file("CORRESPONDENCE", "Brev till 121212-1212 om zebrakonto", "");

    Response report =
        client.post("/api/subject-access", MANAGER, "{\"personnummer\":\"198112189876\"}");
    assertThat(report.status()).as(report.text()).isEqualTo(200);
    Map<String, JsonNode> byId = new HashMap<>();
    report.json().get("records").forEach(r -> byId.put(r.get("id").asString(), r));
    assertThat(byId).containsOnlyKeys(letter, payslip, kyc);
    assertThat(byId.get(kyc).get("foundIn").get(0).asString()).isEqualTo("customerId");
    assertThat(byId.get(letter).get("retentionStatus").asString()).isEqualTo("ELIGIBLE");
    String csv =
        client
            .post(
                "/api/subject-access",
                MANAGER,
                "{\"personnummer\":\"811218-9876\"}",
                "Accept",
                "text/csv")
            .text();
    assertThat(csv).startsWith("id,title,").contains(letter).contains(payslip).contains(kyc);
    assertThat(
            client
                .post("/api/subject-access", AUDITOR, "{\"personnummer\":\"811218-9876\"}")
                .status())
        .isEqualTo(403);
    assertThat(
            client
                .post("/api/subject-access", MANAGER, "{\"personnummer\":\"811218-9875\"}")
                .status())
        .isEqualTo(400);

    Response erased =
        client.post(
            "/api/erasure-requests",
            MANAGER,
            "{\"personnummer\":\"811218-9876\",\"reason\":\"Letter of 1 March 2025, ref IMY-7\"}");
    assertThat(erased.status()).as(erased.text()).isEqualTo(201);
    String requestId = erased.json().get("id").asString();
    Map<String, String> answers = new HashMap<>();
    erased
        .json()
        .get("outcomes")
        .forEach(o -> answers.put(o.get("recordId").asString(), o.get("answer").asString()));
    assertThat(answers)
        .containsEntry(letter, "DISPOSITION")
        .containsEntry(payslip, "RESTRICTED")
        .containsEntry(kyc, "RESTRICTED")
        .doesNotContainKey(someoneElse);
    assertThat(
            client.get("/api/erasure-requests/" + requestId, MANAGER).json().get("outcomes").size())
        .isEqualTo(3);

    // Out of ordinary search; the other person's letter is still found.
    JsonNode found =
        client
            .await(
                () -> client.search(AUDITOR, "q", "zebrakonto OR zebralön OR zebrakund"),
                r -> r.json().get("total").asLong() == 1)
            .json();
    assertThat(found.get("hits").get(0).get("id").asString()).isEqualTo(someoneElse);

    Response refused = client.get("/api/records/" + payslip, AUDITOR);
    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.json().get("erasureRequest").asString()).isEqualTo(requestId);
    Response read =
        client.get("/api/records/" + payslip, AUDITOR, "Arkiv-Reason", "Tax audit 2025");
    assertThat(read.status()).isEqualTo(200);
    assertThat(read.json().get("restriction").get("requestId").asString()).isEqualTo(requestId);
    assertThat(
            client.get("/api/records/" + payslip + "/content?reason=Tax%20audit", AUDITOR).status())
        .isEqualTo(200);
    assertThat(client.get("/api/records/" + payslip, CLERK, "Arkiv-Reason", "curious").status())
        .isEqualTo(403);
    Response essay =
        client.get("/api/records/" + payslip, AUDITOR, "Arkiv-Reason", "x".repeat(1001));
    assertThat(essay.status()).as("a reason too long for the trail").isEqualTo(403);
    assertThat(essay.json().get("detail").asString()).contains("at most 1000 characters");
    assertThat(
            client
                .patch("/api/records/" + payslip + "?reason=fix", MANAGER, "{\"title\":\"x\"}")
                .status())
        .isEqualTo(403);
    UiSession auditor = new UiSession("http://localhost:" + arkiv.port());
    assertThat(auditor.login(AUDITOR, AUDITOR)).isTrue();
    UiSession.Page asked = auditor.get("/records/" + payslip);
    assertThat(asked.status()).isEqualTo(403);
    assertThat(asked.body()).contains("id=\"restricted-reason\"");
    UiSession.Page page = auditor.get("/records/" + payslip + "?reason=Tax%20audit");
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.body()).contains("/content?reason=Tax+audit");
    // A records manager is offered no correction the record would refuse.
    UiSession manager = new UiSession("http://localhost:" + arkiv.port());
    assertThat(manager.login(MANAGER, MANAGER)).isTrue();
    assertThat(manager.get("/records/" + payslip + "?reason=Review").body())
        .contains("id=\"frozen\"")
        .doesNotContain("/correct\"");

    JsonNode audited =
        client.get("/api/audit?action=record.restricted-read&record=" + payslip, AUDITOR).json();
    assertThat(audited.toString()).contains("Tax audit 2025");
    assertThat(client.get("/api/audit?action=gdpr.erasure-request", AUDITOR).json().toString())
        .contains(requestId);

    // Disposition still finds restricted records: the expired letter goes, the payslip stays.
    JsonNode run = run(MANAGER, "{\"dryRun\":false,\"recordClass\":\"CORRESPONDENCE\"}");
    execute(run.get("id").asString());
    assertThat(client.get("/api/records/" + letter, AUDITOR).status()).isEqualTo(410);
    assertThat(client.get("/api/records/" + payslip, AUDITOR, "Arkiv-Reason", "check").status())
        .isEqualTo(200);
  }

  @Test
  void aStorageRefusalDuringExecutionIsReportedAsNotDestroyed() {
    String letter = file("CORRESPONDENCE", "Skyddat brev", "\"documentDate\":\"2018-05-01\"");
    RefusingDeletesSource.PROTECTED.add(letter);
    JsonNode run = run(MANAGER, "{\"dryRun\":false,\"recordClass\":\"CORRESPONDENCE\"}");
    JsonNode executed = execute(run.get("id").asString());
    JsonNode outcome = executed.get("outcomes").get(0);
    assertThat(outcome.get("destroyed").asBoolean()).isFalse();
    assertThat(outcome.get("reason").asString()).contains("store refused");
    assertThat(client.get("/api/records/" + letter, AUDITOR).status()).isEqualTo(200);
    assertThat(
            Files.exists(
                arkiv.objectsDir().resolve("disposition/tombstones").resolve(letter + ".json")))
        .isFalse();
  }

  /** As if the service stopped right after it recorded that the run's execution began. */
  private static void markExecuting(Path runFolder) throws Exception {
    JsonMapper json = JsonMapper.shared();
    Path states = runFolder.resolve("state");
    JsonNode made = json.readTree(states.resolve("000001.json"));
    ((ObjectNode) made.get("run")).put("state", "EXECUTING").put("executedBy", MANAGER);
    Files.write(states.resolve("000002.json"), json.writeValueAsBytes(made));
  }

  private JsonNode awaitExecuted(String runId) {
    return client
        .await(
            () -> client.get("/api/disposition/runs/" + runId, AUDITOR),
            r -> "EXECUTED".equals(r.json().get("state").asString()))
        .json();
  }

  @Test
  void aRunInterruptedWhileExecutingResumesAtStartOnceHoldsByQueryCanBeChecked() throws Exception {
    String letter = file("CORRESPONDENCE", "Avbrutet brev", "\"documentDate\":\"2018-05-01\"");
    post(
        "/api/holds",
        MANAGER,
        "{\"name\":\"Kund 7\",\"reason\":\"tvist\",\"query\":\"customerId:HOLD-7\"}");
    String runId =
        run(MANAGER, "{\"dryRun\":false,\"recordClass\":\"CORRESPONDENCE\"}").get("id").asString();
    Path runFolder = arkiv.objectsDir().resolve("disposition/runs").resolve(runId);
    arkiv.stop();
    markExecuting(runFolder);

    // The index is compared with the store only 3 s after start: until then a hold by query
    // cannot be checked, so the resumed run waits and goes on after its pause.
    arkiv.restart(Map.of("arkiv.index.catch-up-initial-delay", "3s"));
    client = arkiv.client();
    JsonNode finished = awaitExecuted(runId);
    assertThat(finished.get("outcomes").get(0).get("id").asString()).isEqualTo(letter);
    assertThat(finished.get("outcomes").get(0).get("destroyed").asBoolean()).isTrue();
    assertThat(finished.get("certificateRecordId").asString()).isNotBlank();
    assertThat(client.get("/api/records/" + letter, AUDITOR).status()).isEqualTo(410);
    JsonNode finish =
        client
            .await(
                () -> client.get("/api/audit?action=disposition.finish&record=" + runId, AUDITOR),
                r -> r.json().get("entries").size() == 1)
            .json()
            .get("entries")
            .get(0);
    assertThat(finish.toString()).contains("\"destroyed\":1").contains(MANAGER);
    assertThat(
            client
                .post("/api/disposition/runs/" + runId + "/execute", MANAGER, "{}")
                .json()
                .get("detail")
                .asString())
        .contains("was executed at");
  }

  @Test
  void aRecordDestroyedJustBeforeACrashGetsItsTombstoneAndEntryWhenTheRunResumes()
      throws Exception {
    String letter = file("CORRESPONDENCE", "Sista brevet", "\"documentDate\":\"2018-05-01\"");
    JsonNode record = record(letter);
    String runId =
        run(MANAGER, "{\"dryRun\":false,\"recordClass\":\"CORRESPONDENCE\"}").get("id").asString();
    Path objects = arkiv.objectsDir();
    Path runFolder = objects.resolve("disposition/runs").resolve(runId);
    arkiv.stop();
    // The crash came after the record's objects were deleted and before its tombstone: only the
    // run's note of intent, written before the first deletion, is left.
    markExecuting(runFolder);
    JsonMapper json = JsonMapper.shared();
    ObjectNode intent = json.createObjectNode();
    intent
        .put("schemaVersion", 1)
        .put("id", letter)
        .put("recordClass", "CORRESPONDENCE")
        .put("sha256", record.get("sha256").asString())
        .put("size", record.get("size").asLong())
        .put("documentDate", "2018-05-01")
        .put("filedAt", record.get("filedAt").asString())
        .put("retainUntil", record.get("retention").get("retainUntil").asString())
        .put("rule", record.get("retention").get("rule").asString())
        .put("runId", runId)
        .put("destroyedAt", "2025-03-01T09:00:00Z")
        .put("startedBy", MANAGER);
    Files.createDirectories(runFolder.resolve("intents"));
    Files.write(
        runFolder.resolve("intents").resolve(letter + ".json"), json.writeValueAsBytes(intent));
    try (var gone = Files.walk(objects.resolve("records").resolve(letter))) {
      gone.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }

    arkiv.restart();
    client = arkiv.client();
    JsonNode finished = awaitExecuted(runId);
    assertThat(finished.get("outcomes").get(0).get("destroyed").asBoolean()).isTrue();
    Response gone = client.get("/api/records/" + letter, AUDITOR);
    assertThat(gone.status()).isEqualTo(410);
    assertThat(gone.json().get("tombstone").get("runId").asString()).isEqualTo(runId);
    client.await(
        () -> client.get("/api/audit?action=record.destroy&record=" + letter, AUDITOR),
        r -> r.json().get("entries").size() == 1);
  }

  @Test
  void theScheduledRunDestroysEligibleRecordsOfClassesThatNeedNoReview() throws Exception {
    arkiv.close();
    arkiv =
        RunningArkiv.start(
            Map.of("arkiv.disposition.cron", "*/2 * * * * *"),
            MovableClockSource.class,
            RefusingDeletesSource.class,
            InProcessExtractionSource.class);
    client = arkiv.client();
    String hr = file("HR-FILE", "Gammal personalakt", "\"keys\":{\"employeeId\":\"E-9\"}");
    event("EMPLOYMENT_ENDED", "{\"employeeId\":\"E-9\"}", "2020-01-01");
    // Filed without waiting for extraction: the scheduled run may take it as soon as it is done.
    String letter =
        client
            .file(
                CLERK,
                "brev.txt",
                "Gammalt kundbrev".getBytes(StandardCharsets.UTF_8),
                "{\"recordClass\":\"CORRESPONDENCE\",\"documentDate\":\"2018-05-01\"}")
            .json()
            .get("id")
            .asString();
    client.await(() -> client.get("/api/records/" + letter, AUDITOR), r -> r.status() == 410);
    assertThat(client.get("/api/records/" + hr, AUDITOR).status()).isEqualTo(200);
    assertThat(status(hr)).isEqualTo("ELIGIBLE");
    // Runs every 2 s: those before the letter's extraction ended, or after it was gone, found
    // nothing; exactly one destroyed it, started and executed by the scheduler.
    JsonNode runs =
        client
            .await(
                () -> client.get("/api/disposition/runs", AUDITOR),
                r -> executedRunsThatDestroyed(r.json()).size() == 1)
            .json();
    JsonNode scheduled = executedRunsThatDestroyed(runs).get(0);
    assertThat(scheduled.get("startedBy").asString()).isEqualTo("arkiv-scheduler");
    assertThat(scheduled.get("executedBy").asString()).isEqualTo("arkiv-scheduler");
    assertThat(scheduled.get("destroyed").asLong()).isEqualTo(1);
    assertThat(scheduled.get("notDestroyed").asLong()).isZero();
    JsonNode run =
        client.get("/api/disposition/runs/" + scheduled.get("id").asString(), AUDITOR).json();
    // The HR file is eligible too but needs review: a scheduled run leaves it out altogether.
    assertThat(run.get("candidates").size()).isEqualTo(1);
    assertThat(run.get("candidates").get(0).get("id").asString()).isEqualTo(letter);
    assertThat(run.get("outcomes").get(0).get("destroyed").asBoolean()).isTrue();
  }

  private static List<JsonNode> executedRunsThatDestroyed(JsonNode runs) {
    List<JsonNode> found = new ArrayList<>();
    for (JsonNode run : runs) {
      if ("EXECUTED".equals(run.get("state").asString()) && run.get("destroyed").asLong() > 0) {
        found.add(run);
      }
    }
    return found;
  }

  @Test
  void aFutureAsOfIsForDryRunsOnly() {
    Response refused =
        client.post("/api/disposition/runs", MANAGER, "{\"dryRun\":false,\"asOf\":\"2040-01-01\"}");
    assertThat(refused.status()).isEqualTo(400);
    assertThat(client.post("/api/disposition/runs", CLERK, "{\"dryRun\":true}").status())
        .isEqualTo(403);
    assertThat(client.post("/api/disposition/runs", AUDITOR, "{\"dryRun\":true}").status())
        .isEqualTo(403);
  }
}
