package se.arkiv.web;

import static org.assertj.core.api.Assertions.assertThat;
import static se.arkiv.testing.RunningArkiv.AUDITOR;
import static se.arkiv.testing.RunningArkiv.CLERK;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import se.arkiv.testing.ArkivClient;
import se.arkiv.testing.ArkivClient.Response;
import se.arkiv.testing.RunningArkiv;

/**
 * Export files do not pile up: a finished export is deleted after {@code arkiv.exports.keep}, and
 * what a previous process left in the folder is deleted at start.
 */
class ExportSweepIT {

  @Test
  void leftoversGoAtStartAndAFinishedExportGoesAfterItsKeepingTime() throws Exception {
    Path root = RunningArkiv.newRoot();
    Path exports = Files.createDirectories(root.resolve("data").resolve("exports"));
    Path leftover = Files.writeString(exports.resolve("01a2-left-by-a-crash.zip.part"), "PK");
    try (RunningArkiv arkiv =
        RunningArkiv.startAt(
            root, Map.of("arkiv.exports.keep", "2s", "arkiv.exports.sweep-interval", "500ms"))) {
      assertThat(leftover).doesNotExist();
      ArkivClient client = arkiv.client();
      Response filed =
          client.file(
              CLERK,
              "brev.txt",
              "Brev om sparad export".getBytes(StandardCharsets.UTF_8),
              "{\"recordClass\":\"CORRESPONDENCE\"}");
      String record = filed.json().get("id").asString();

      Response started =
          client.post("/api/exports", AUDITOR, "{\"recordIds\":[\"" + record + "\"]}");
      String location = started.header("Location");
      String id = started.json().get("id").asString();
      client.await(
          () -> client.get(location, AUDITOR),
          r -> "READY".equals(r.json().get("state").asString()));
      assertThat(exports.resolve(id + ".zip")).exists();

      client.await(() -> client.get(location, AUDITOR), r -> r.status() == 404);
      assertThat(exports.resolve(id + ".zip")).doesNotExist();
      assertThat(client.get(location + "/content", AUDITOR).status()).isEqualTo(404);
    }
  }
}
