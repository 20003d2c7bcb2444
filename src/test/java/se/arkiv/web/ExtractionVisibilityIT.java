package se.arkiv.web;

import static org.assertj.core.api.Assertions.assertThat;
import static se.arkiv.testing.RunningArkiv.ADMIN;
import static se.arkiv.testing.RunningArkiv.AUDITOR;
import static se.arkiv.testing.RunningArkiv.CLERK;
import static se.arkiv.testing.RunningArkiv.MANAGER;

import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import se.arkiv.testing.ArkivClient;
import se.arkiv.testing.ArkivService;
import se.arkiv.testing.TestDocuments;
import se.arkiv.testing.UiSession;
import tools.jackson.databind.JsonNode;

/** Named outcomes and the extraction backlog, where each kind of user looks for them. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExtractionVisibilityIT {

  @RegisterExtension static final ArkivService arkiv = ArkivService.with(Map.of());
  private ArkivClient client;

  @BeforeAll
  void start() throws Exception {
    client = arkiv.client();
  }

  private JsonNode filedAndFinished(String name, byte[] content) {
    var filed = client.file(CLERK, name, content, "{\"recordClass\":\"CORRESPONDENCE\"}");
    assertThat(filed.status()).isEqualTo(201);
    String id = filed.json().get("id").asString();
    return client
        .await(
            () -> client.get("/api/records/" + id, AUDITOR),
            r -> !"PENDING".equals(r.json().get("extraction").get("status").asString()))
        .json();
  }

  @Test
  void anEncryptedFileIsFailedWithItsNameInTheApiAndOnTheRecordPage() {
    JsonNode record = filedAndFinished("hemlig.pdf", TestDocuments.encryptedPdf("Lönespec"));

    assertThat(record.get("extraction").get("status").asString()).isEqualTo("FAILED");
    assertThat(record.get("extraction").get("failure").asString()).isEqualTo("ENCRYPTED");
    UiSession auditor = new UiSession("http://localhost:" + arkiv.port());
    assertThat(auditor.login(AUDITOR, AUDITOR)).isTrue();
    String page = auditor.get("/records/" + record.get("id").asString()).body();
    assertThat(page).contains("data-failure=\"ENCRYPTED\"");
    client.await(
        () -> client.search(AUDITOR, "q", "extractionFailure:ENCRYPTED"),
        r -> r.json().get("total").asLong() == 1);
  }

  @Test
  void anOrdinaryDocumentIsDoneWithoutAFailureOrTruncation() {
    JsonNode record = filedAndFinished("brev.pdf", TestDocuments.pdf("Ett brev om räntan"));

    assertThat(record.get("extraction").get("status").asString()).isEqualTo("DONE");
    assertThat(record.get("extraction").get("failure").isNull()).isTrue();
    assertThat(record.get("extraction").get("truncation").isNull()).isTrue();
  }

  @Test
  void theBacklogIsOnTheHealthEndpointForAnAdministratorOnly() {
    JsonNode health = client.get("/actuator/health", ADMIN).json();
    JsonNode extraction = health.get("components").get("extraction");
    assertThat(extraction.get("status").asString()).isEqualTo("UP");
    assertThat(extraction.get("details").has("waitingInteractive")).isTrue();
    assertThat(extraction.get("details").has("running")).isTrue();

    JsonNode anonymous = client.get("/actuator/health", null).json();
    assertThat(anonymous.has("components")).isFalse();
    assertThat(anonymous.get("status").asString()).isEqualTo("UP");
  }

  @Test
  void theBacklogIsOnTheStartPageOfAManagerAndNotOfAClerk() {
    UiSession manager = new UiSession("http://localhost:" + arkiv.port());
    assertThat(manager.login(MANAGER, MANAGER)).isTrue();
    assertThat(manager.get("/").body()).contains("data-panel=\"extraction\"");

    UiSession clerk = new UiSession("http://localhost:" + arkiv.port());
    assertThat(clerk.login(CLERK, CLERK)).isTrue();
    assertThat(clerk.get("/").body()).doesNotContain("data-panel=\"extraction\"");
  }
}
