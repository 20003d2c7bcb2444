package se.arkiv.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static se.arkiv.testing.RunningArkiv.AUDITOR;
import static se.arkiv.testing.RunningArkiv.CLERK;
import static se.arkiv.testing.RunningArkiv.MANAGER;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import se.arkiv.extraction.InProcessExtractionSource;
import se.arkiv.record.RecordId;
import se.arkiv.storage.RecordStore;
import se.arkiv.testing.ArkivClient;
import se.arkiv.testing.ArkivClient.Response;
import se.arkiv.testing.MovableClockSource;
import se.arkiv.testing.RunningArkiv;
import se.arkiv.testing.UiSession;
import tools.jackson.databind.JsonNode;

/**
 * File-plan changes over HTTP: each test changes a class of its own on one service, so they share
 * it; the clock stands on 1 March 2025.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FilePlanChangesIT {

  private static final String MIFID =
      "MiFID II (2014/65/EU) art. 16(6); Delegated Regulation (EU) 2017/565 art. 72";
  private static final String CORRESPONDENCE_LAW = "Delegated Regulation (EU) 2017/565 art. 76";

  private Path planFile;
  private RunningArkiv arkiv;
  private ArkivClient client;

  @BeforeAll
  void start() throws Exception {
    MovableClockSource.CLOCK.set(Instant.parse("2025-03-01T09:00:00Z"));
    planFile = Files.createTempFile("file-plan-", ".yaml");
    Files.copy(
        Path.of("storage-config/file-plan.yaml"), planFile, StandardCopyOption.REPLACE_EXISTING);
    arkiv =
        RunningArkiv.start(
            Map.of("arkiv.file-plan.location", planFile.toString()),
            MovableClockSource.class,
            InProcessExtractionSource.class);
    client = arkiv.client();
  }

  @AfterAll
  void stop() throws Exception {
    arkiv.close();
    Files.deleteIfExists(planFile);
  }

  @Test
  void aLongerPeriodAppliesToRecordsAlreadyFiledAndExtendsTheirStoreLocks() {
    String trade = file("TRADE-CONFIRMATION", "Avräkningsnota", "\"documentDate\":\"2025-02-01\"");
    assertThat(retention(trade).get("retainUntil").asString()).isEqualTo("2030-02-01T23:00:00Z");
    assertThat(lockOf(trade)).isEqualTo(Instant.parse("2030-02-01T23:00:00Z"));

    JsonNode version =
        change(
            201,
            "{\"recordClass\":\"TRADE-CONFIRMATION\",\"rules\":[{\"legalSource\":\""
                + MIFID
                + "\",\"period\":\"P7Y\",\"trigger\":\"DOCUMENT_DATE\"}],"
                + "\"reason\":\"Finansinspektionen asks for seven years\","
                + "\"legalSource\":\"FFFS 2026:1\"}");

    assertThat(version.get("changedBy").asString()).isEqualTo(MANAGER);
    assertThat(version.get("changes").get(0).asString()).contains("lengthened from P5Y to P7Y");
    assertThat(retention(trade).get("retainUntil").asString()).isEqualTo("2032-02-01T23:00:00Z");
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> Instant.parse("2032-02-01T23:00:00Z").equals(lockOf(trade)));
    JsonNode history = client.get("/api/file-plan/versions", AUDITOR).json();
    JsonNode last = history.get(history.size() - 1);
    assertThat(last.get("version").asInt()).isEqualTo(version.get("version").asInt());
    assertThat(last.get("reason").asString()).isEqualTo("Finansinspektionen asks for seven years");
    assertThat(last.get("legalSource").asString()).isEqualTo("FFFS 2026:1");
    assertThat(history.get(0).get("changedBy").asString()).isEqualTo("file-plan.yaml");
    JsonNode audit = client.get("/api/audit?action=file-plan.change", AUDITOR).json();
    assertThat(audit.toString()).contains("TRADE-CONFIRMATION");
  }

  @Test
  void aShorterPeriodUnderTheSameLawIsRefusedAsBelowTheLawsMinimum() {
    int before = planVersion();
    JsonNode refused =
        change(
            409,
            "{\"recordClass\":\"ACC-VOUCHER\",\"rules\":[{\"legalSource\":\"Bokföringslagen"
                + " (1999:1078) 7 kap. 2 §\",\"period\":\"P5Y\",\"trigger\":\"END_OF_FISCAL_YEAR\"}],"
                + "\"reason\":\"save space\",\"legalSource\":\"internal memo\"}");
    assertThat(refused.get("detail").asString())
        .contains("P5Y is shorter than P7Y, the law's minimum under Bokföringslagen");
    assertThat(planVersion()).isEqualTo(before);
  }

  @Test
  void aChangeWithoutReasonOrLegalSourceOrWithABrokenRuleIsABadRequest() {
    assertThat(
            change(400, "{\"recordClass\":\"EXPENSE\",\"legalSource\":\"x\"}")
                .get("detail")
                .asString())
        .contains("reason");
    assertThat(
            change(
                    400,
                    "{\"recordClass\":\"EXPENSE\",\"reason\":\"r\",\"legalSource\":\"x\","
                        + "\"rules\":[{\"legalSource\":\"x\",\"period\":\"seven years\","
                        + "\"trigger\":\"DOCUMENT_DATE\"}]}")
                .get("detail")
                .asString())
        .contains("not an ISO-8601 period");
    assertThat(client.post("/api/file-plan/changes", CLERK, "{}").status()).isEqualTo(403);
  }

  @Test
  void aReplacedLawsRuleKeepsOlderRecordsFlaggedUntilAPersonDecides() {
    String older = file("CORRESPONDENCE", "Brev om kredit", "\"documentDate\":\"2021-06-01\"");
    assertThat(retention(older).get("retainUntil").asString()).isEqualTo("2026-06-01T22:00:00Z");

    // Dropping the rule while citing only the law it comes from names no replacement.
    JsonNode refused =
        change(
            409,
            "{\"recordClass\":\"CORRESPONDENCE\",\"rules\":[{\"legalSource\":\"Regulation (EU)"
                + " 2026/99 art. 9\",\"period\":\"P3Y\",\"trigger\":\"DOCUMENT_DATE\"}],"
                + "\"reason\":\"new regulation\",\"legalSource\":\""
                + CORRESPONDENCE_LAW
                + "\"}");
    assertThat(refused.get("detail").asString())
        .contains("without citing the law that replaced it");

    change(
        201,
        "{\"recordClass\":\"CORRESPONDENCE\",\"rules\":[{\"legalSource\":\"Regulation (EU)"
            + " 2026/99 art. 9\",\"period\":\"P3Y\",\"trigger\":\"DOCUMENT_DATE\"}],"
            + "\"reason\":\"the new regulation replaces art. 76\","
            + "\"legalSource\":\"Regulation (EU) 2026/99\"}");
    MovableClockSource.CLOCK.set(Instant.parse("2025-03-01T09:05:00Z"));
    String newer = file("CORRESPONDENCE", "Brev om leasing", "\"documentDate\":\"2021-06-01\"");

    // The older record keeps the longer rule and is flagged; the newer one follows the new law.
    JsonNode flagged = retention(older);
    assertThat(flagged.get("status").asString()).isEqualTo("RETAINED");
    assertThat(flagged.get("retainUntil").asString()).isEqualTo("2026-06-01T22:00:00Z");
    assertThat(flagged.get("conflict").asString())
        .contains("filed under " + CORRESPONDENCE_LAW)
        .contains("a records manager must decide");
    assertThat(retention(newer).get("status").asString()).isEqualTo("ELIGIBLE");
    JsonNode dryRun = dryRun("{\"dryRun\":true,\"recordClass\":\"CORRESPONDENCE\"}");
    assertThat(dryRun.get("filePlanVersion").asInt()).isEqualTo(planVersion());
    assertThat(dryRun.get("candidates").toString()).contains(newer).doesNotContain(older);
    assertThat(dryRun.get("excluded").toString()).contains(older).contains("rules conflict");

    // The store locks the older record until 2026: letting the new rule govern would outlive it.
    JsonNode locked = decide(409, "APPLY_CURRENT_RULES", "the transitional provision says so");
    assertThat(locked.get("detail").asString())
        .contains("locked in the store longer than the current rules keep them")
        .contains(older);

    decide(201, "KEEP_OLDER_RULE", "the transitional provision keeps art. 76 for old letters");
    JsonNode kept = retention(older);
    assertThat(kept.get("status").asString()).isEqualTo("RETAINED");
    assertThat(kept.has("conflict") && !kept.get("conflict").isNull()).isFalse();
    assertThat(kept.get("retainUntil").asString()).isEqualTo("2026-06-01T22:00:00Z");
    UiSession auditor = new UiSession("http://localhost:" + arkiv.port());
    assertThat(auditor.login(AUDITOR, AUDITOR)).isTrue();
    UiSession.Page page = auditor.get("/file-plan");
    assertThat(page.status()).isEqualTo(200);
    String olderRules = page.body().substring(page.body().indexOf("id=\"older-rules\""));
    assertThat(olderRules)
        .contains(CORRESPONDENCE_LAW)
        .contains("Regulation (EU) 2026/99")
        .contains("class=\"badge ok\"")
        .doesNotContain("class=\"badge warn\"");
    assertThat(page.body().substring(page.body().indexOf("id=\"plan-history\"")))
        .contains("the new regulation replaces art. 76")
        .contains("the transitional provision keeps art. 76 for old letters");
    assertThat(
            client
                .post(
                    "/api/file-plan/decisions",
                    MANAGER,
                    "{\"recordClass\":\"CORRESPONDENCE\",\"legalSource\":\""
                        + CORRESPONDENCE_LAW
                        + "\",\"decision\":\"KEEP_OLDER_RULE\",\"reason\":\"again\"}")
                .status())
        .isEqualTo(404);
  }

  @Test
  void anAuthoritysExtensionOfAnAmlRecordIsRecordedUpToTheLawsMaximum() {
    String kyc = file("KYC", "Kundkännedom", "\"keys\":{\"customerId\":\"AML-7\"}");
    event(
        201,
        "{\"type\":\"CUSTOMER_RELATIONSHIP_ENDED\",\"keys\":{\"customerId\":\"AML-7\"},"
            + "\"effectiveDate\":\"2024-01-31\"}");
    assertThat(retention(kyc).get("retainUntil").asString()).isEqualTo("2029-01-31T23:00:00Z");

    assertThat(
            event(
                    400,
                    "{\"type\":\"RETENTION_EXTENDED\",\"keys\":{\"customerId\":\"AML-7\"},"
                        + "\"effectiveDate\":\"2025-02-15\",\"reference\":\"FI 25-123\"}")
                .get("detail")
                .asString())
        .contains("extendedUntil is required");
    event(
        201,
        "{\"type\":\"RETENTION_EXTENDED\",\"keys\":{\"customerId\":\"AML-7\"},"
            + "\"effectiveDate\":\"2025-02-15\",\"extendedUntil\":\"2031-12-31\","
            + "\"reference\":\"FI 25-123\"}");
    JsonNode extended = retention(kyc);
    assertThat(extended.get("retainUntil").asString()).isEqualTo("2031-12-31T23:00:00Z");
    assertThat(extended.get("rule").asString()).contains("extended by FI 25-123 until 2031-12-31");

    event(
        201,
        "{\"type\":\"RETENTION_EXTENDED\",\"keys\":{\"customerId\":\"AML-7\"},"
            + "\"effectiveDate\":\"2025-02-20\",\"extendedUntil\":\"2040-12-31\","
            + "\"reference\":\"Polisen 5000-K123\"}");
    JsonNode capped = retention(kyc);
    // Ten years from the end of the relationship, the law's maximum: kept through 31 January 2034.
    assertThat(capped.get("retainUntil").asString()).isEqualTo("2034-01-31T23:00:00Z");
    assertThat(capped.get("rule").asString()).contains("capped at the law's maximum P10Y");
    // The store's lock follows at once, not at the next daily renewal.
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> Instant.parse("2034-01-31T23:00:00Z").equals(lockOf(kyc)));
    assertThat(capped.get("conflict").isNull()).isTrue();
  }

  @Test
  void anEditedFileIsAChangeAtTheNextStartAndAShorteningEditStopsStartUp() throws Exception {
    Path ownPlan = Files.createTempFile("file-plan-", ".yaml");
    String plan = Files.readString(planFile, StandardCharsets.UTF_8);
    Files.writeString(ownPlan, plan, StandardCharsets.UTF_8);
    try (RunningArkiv own =
        RunningArkiv.start(
            Map.of("arkiv.file-plan.location", ownPlan.toString()),
            MovableClockSource.class,
            InProcessExtractionSource.class)) {
      editedFileAtRestart(own, ownPlan, plan);
    } finally {
      Files.deleteIfExists(ownPlan);
    }
  }

  private void editedFileAtRestart(RunningArkiv own, Path ownPlan, String plan) throws Exception {
    ArkivClient client = own.client();
    int before = version(client);
    String longer =
        plan.replace(
            "legalSource: GDPR (EU) 2016/679 art. 5(1)(e)\n        period: P2Y",
            "legalSource: GDPR (EU) 2016/679 art. 5(1)(e)\n        period: P3Y");
    assertThat(longer).isNotEqualTo(plan);
    Files.writeString(ownPlan, longer, StandardCharsets.UTF_8);
    own.restart();
    client = own.client();
    JsonNode history = client.get("/api/file-plan/versions", AUDITOR).json();
    JsonNode edited = history.get(history.size() - 1);
    assertThat(edited.get("version").asInt()).isEqualTo(before + 1);
    assertThat(edited.get("changedBy").asString()).isEqualTo("file-plan.yaml");
    assertThat(edited.get("changes").toString()).contains("HR-FILE").contains("P2Y to P3Y");

    // Unchanged at the next start: no new version.
    own.restart();
    client = own.client();
    assertThat(version(client)).isEqualTo(before + 1);

    Files.writeString(
        ownPlan,
        longer.replace(
            "legalSource: GDPR (EU) 2016/679 art. 5(1)(e)\n        period: P3Y",
            "legalSource: GDPR (EU) 2016/679 art. 5(1)(e)\n        period: P1Y"),
        StandardCharsets.UTF_8);
    own.stop();
    assertThatThrownBy(() -> own.restart())
        .hasStackTraceContaining("the law's minimum under GDPR (EU) 2016/679 art. 5(1)(e)");
    Files.writeString(ownPlan, longer, StandardCharsets.UTF_8);
    own.restart();
    client = own.client();
    assertThat(version(client)).isEqualTo(before + 1);
  }

  private String file(String recordClass, String text, String extra) {
    return client.fileExtracted(
        CLERK,
        "doc.txt",
        text.getBytes(StandardCharsets.UTF_8),
        "{\"recordClass\":\"" + recordClass + "\"," + extra + "}");
  }

  private JsonNode retention(String id) {
    return client.get("/api/records/" + id, AUDITOR).json().get("retention");
  }

  private Instant lockOf(String id) {
    return arkiv.context().getBean(RecordStore.class).retainedUntil(RecordId.of(id)).orElse(null);
  }

  private int planVersion() {
    return version(client);
  }

  private static int version(ArkivClient client) {
    return client.get("/api/file-plan", AUDITOR).json().get("version").asInt();
  }

  private JsonNode change(int status, String json) {
    Response response = client.post("/api/file-plan/changes", MANAGER, json);
    assertThat(response.status()).as(response.text()).isEqualTo(status);
    return response.json();
  }

  private JsonNode decide(int status, String decision, String reason) {
    Response response =
        client.post(
            "/api/file-plan/decisions",
            MANAGER,
            "{\"recordClass\":\"CORRESPONDENCE\",\"legalSource\":\""
                + CORRESPONDENCE_LAW
                + "\",\"decision\":\""
                + decision
                + "\",\"reason\":\""
                + reason
                + "\"}");
    assertThat(response.status()).as(response.text()).isEqualTo(status);
    return response.json();
  }

  private JsonNode event(int status, String json) {
    Response response = client.post("/api/retention/events", MANAGER, json);
    assertThat(response.status()).as(response.text()).isEqualTo(status);
    return response.json();
  }

  private JsonNode dryRun(String json) {
    Response response = client.post("/api/disposition/runs", MANAGER, json);
    assertThat(response.status()).as(response.text()).isEqualTo(201);
    return response.json();
  }
}
