package se.arkiv.web;

import static org.assertj.core.api.Assertions.assertThat;
import static se.arkiv.testing.RunningArkiv.AUDITOR;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import se.arkiv.testing.ArkivClient;
import se.arkiv.testing.ArkivClient.Response;
import se.arkiv.testing.RunningArkiv;
import tools.jackson.databind.JsonNode;

/** Department scopes: a clerk sees and counts only their own departments' records. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccessControlIT {

  private static final String PAYROLL_CLERK = "pia";
  private static final String HR_CLERK = "hugo";

  private RunningArkiv arkiv;
  private ArkivClient client;
  private String hrFile;

  @BeforeAll
  void start() throws Exception {
    arkiv =
        RunningArkiv.start(
            Map.of(),
            new RunningArkiv.ExtraUser(PAYROLL_CLERK, "CLERK", "PAYROLL"),
            new RunningArkiv.ExtraUser(HR_CLERK, "CLERK", "HR"));
    client = arkiv.client();
    hrFile =
        client
            .file(
                HR_CLERK,
                "personalakt.txt",
                "Personalakt med omplaceringsbeslut".getBytes(StandardCharsets.UTF_8),
                "{\"recordClass\":\"HR-FILE\",\"keys\":{\"employeeId\":\"E-77\"}}")
            .json()
            .get("id")
            .asString();
    client
        .file(
            PAYROLL_CLERK,
            "lonelista.txt",
            "Lönelista utan omplaceringsbeslut".getBytes(StandardCharsets.UTF_8),
            "{\"recordClass\":\"PAYROLL\"}")
        .json();
    client.await(
        () -> client.search(AUDITOR, "q", "omplaceringsbeslut"),
        r -> r.json().get("total").asLong() == 2);
  }

  @AfterAll
  void stop() throws Exception {
    arkiv.close();
  }

  @Test
  void aClerksFilingGoesToTheirDepartment() {
    assertThat(client.get("/api/records/" + hrFile, AUDITOR).json().get("department").asString())
        .isEqualTo("HR");
  }

  @Test
  void aPayrollClerkNeitherFindsNorCountsAnHrFile() {
    JsonNode result = client.search(PAYROLL_CLERK, "q", "omplaceringsbeslut").json();
    assertThat(result.get("total").asLong()).isEqualTo(1);
    assertThat(result.get("hits").get(0).get("department").asString()).isEqualTo("PAYROLL");
    assertThat(result.get("facets").get("department").has("HR")).isFalse();
    assertThat(result.get("facets").get("recordClass").has("HR-FILE")).isFalse();
    assertThat(result.toString()).doesNotContain(hrFile).doesNotContain("Personalakt");

    JsonNode byKey = client.search(PAYROLL_CLERK, "employeeId", "E-77").json();
    assertThat(byKey.get("total").asLong()).isZero();
  }

  @Test
  void aDirectGetOfAnHrFileByAPayrollClerkIsA404() {
    Response view = client.get("/api/records/" + hrFile, PAYROLL_CLERK);
    assertThat(view.status()).isEqualTo(404);
    assertThat(view.json().get("title").asString()).isEqualTo("Record not found");
    assertThat(client.get("/api/records/" + hrFile + "/content", PAYROLL_CLERK).status())
        .isEqualTo(404);
    assertThat(client.get("/api/records/" + hrFile + "/text", PAYROLL_CLERK).status())
        .isEqualTo(404);
    Response missing =
        client.get("/api/records/0190f5a4-0000-7000-8000-000000000000", PAYROLL_CLERK);
    assertThat(view.json().get("detail").asString().replace(hrFile, "ID"))
        .isEqualTo(
            missing
                .json()
                .get("detail")
                .asString()
                .replace("0190f5a4-0000-7000-8000-000000000000", "ID"));
  }

  @Test
  void anAuditorFindsTheHrFile() {
    assertThat(client.search(AUDITOR, "q", "omplaceringsbeslut").json().get("total").asLong())
        .isEqualTo(2);
    assertThat(client.get("/api/records/" + hrFile, AUDITOR).status()).isEqualTo(200);
  }

  @Test
  void aClerkCannotFileIntoAnotherDepartment() {
    Response refused =
        client.file(
            PAYROLL_CLERK,
            "x.txt",
            "x".getBytes(StandardCharsets.UTF_8),
            "{\"recordClass\":\"HR-FILE\",\"department\":\"HR\"}");
    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.json().get("detail").asString()).contains("PAYROLL");
  }

  @Test
  void theRefusedGetIsInTheAuditTrail() {
    client.get("/api/records/" + hrFile, PAYROLL_CLERK);
    JsonNode entries =
        client.get("/api/audit?record=" + hrFile + "&actor=" + PAYROLL_CLERK, AUDITOR).json();
    assertThat(entries.get("entries").toString())
        .contains("DENIED")
        .contains("outside the department");
  }
}
