package se.arkiv.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static se.arkiv.testing.RunningArkiv.AUDITOR;
import static se.arkiv.testing.RunningArkiv.CLERK;
import static se.arkiv.testing.RunningArkiv.MANAGER;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import se.arkiv.testing.ArkivClient;
import se.arkiv.testing.RunningArkiv;
import se.arkiv.testing.TestDocuments;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** JSON log lines with one property, each about a request naming the request and its user. */
@ExtendWith(OutputCaptureExtension.class)
class StructuredLogIT {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  @Test
  void oneSettingGivesJsonLinesWithTheRequestIdAndUserAndNoFileNames(CapturedOutput output)
      throws Exception {
    try (RunningArkiv arkiv =
        RunningArkiv.start(Map.of("logging.structured.format.console", "ecs"))) {
      ArkivClient client = arkiv.client();
      var filed =
          client.file(
              CLERK,
              "Anna Andersson 19811218-9876.pdf",
              TestDocuments.pdf("Lönespecifikation"),
              "{\"recordClass\":\"CORRESPONDENCE\"}");
      String id = filed.json().get("id").asString();
      client.await(
          () -> client.get("/api/records/" + id, AUDITOR),
          r -> !"PENDING".equals(r.json().get("extraction").get("status").asString()));

      var run = client.post("/api/fixity/runs", MANAGER, "{}", "X-Request-Id", "ops-check-42");

      assertThat(run.header("X-Request-Id")).isEqualTo("ops-check-42");
      JsonNode started =
          awaitLine(output, line -> line.get("message").asString().startsWith("Fixity run"));
      assertThat(started.get("requestId").asString()).isEqualTo("ops-check-42");
      assertThat(started.get("user").asString()).isEqualTo(MANAGER);
      assertThat(started.get("log").get("level").asString()).isEqualTo("INFO");
    }
    List<String> lines = output.getOut().lines().filter(l -> l.startsWith("{")).toList();
    assertThat(lines).isNotEmpty();
    assertThat(output.getOut()).doesNotContain("Anna Andersson", "Lönespecifikation");
  }

  private static JsonNode awaitLine(CapturedOutput output, Predicate<JsonNode> wanted) {
    try {
      return await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> firstLine(output, wanted), Optional::isPresent)
          .orElseThrow();
    } catch (ConditionTimeoutException e) {
      throw new AssertionError("No such JSON log line in:\n" + output.getOut(), e);
    }
  }

  private static Optional<JsonNode> firstLine(CapturedOutput output, Predicate<JsonNode> wanted) {
    return output
        .getOut()
        .lines()
        .filter(line -> line.startsWith("{"))
        .map(JSON::readTree)
        .filter(json -> json.has("message") && wanted.test(json))
        .findFirst();
  }
}
