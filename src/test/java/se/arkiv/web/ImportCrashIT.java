package se.arkiv.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static se.arkiv.testing.RunningArkiv.MANAGER;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import se.arkiv.testing.ArkivClient;
import se.arkiv.testing.ArkivClient.Response;
import se.arkiv.testing.RunningArkiv;
import se.arkiv.testing.SpawnedArkiv;
import se.arkiv.testing.TestDocuments;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Kill -9 in the middle of an import whose journal has not been written yet: after the restart the
 * import resumes by itself, recognises the lines it had filed (their records name the import and
 * line), and ends with every line filed exactly once.
 */
class ImportCrashIT {

  private static final int FILES = 60;
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @Test
  void afterAKillInTheMiddleTheImportResumesWithNoneFiledTwiceAndNoneLost() throws Exception {
    Path root = RunningArkiv.newRoot();
    Path imports = Files.createDirectories(root.resolve("data/imports/crash"));
    StringBuilder csv = new StringBuilder("file,recordClass,legacyId\n");
    for (int i = 0; i < FILES; i++) {
      Files.write(imports.resolve("c" + i + ".pdf"), TestDocuments.pdf("Krasch import " + i));
      csv.append("c").append(i).append(".pdf,ACC-VOUCHER,C-").append(i).append('\n');
    }
    Files.writeString(root.resolve("data/imports/crash.csv"), csv);
    // A journal segment only every 1,000 lines: what was filed before the kill is in no segment.
    Map<String, Object> slow =
        Map.of("arkiv.imports.max-per-second", "15", "arkiv.imports.journal-every", "1000");
    String id;
    long beforeKill;
    try (SpawnedArkiv process = SpawnedArkiv.start(root, slow)) {
      ArkivClient client = process.client();
      Response started =
          client.post("/api/imports", MANAGER, "{\"source\":\"crash\",\"manifest\":\"crash.csv\"}");
      assertThat(started.status()).as(started.text()).isEqualTo(202);
      id = started.json().get("id").asString();
      await()
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(100))
          .until(() -> client.get("/api/imports/" + id, MANAGER).json().get("done").asLong() >= 10);
      beforeKill = recordsOfImport(root, id).size();
      process.kill();
    }
    assertThat(beforeKill).isBetween(10L, FILES - 1L);

    try (RunningArkiv restarted =
        RunningArkiv.startAt(root, Map.of("arkiv.imports.journal-every", "1000"))) {
      ArkivClient after = restarted.client();
      await()
          .atMost(Duration.ofSeconds(120))
          .pollInterval(Duration.ofMillis(200))
          .until(
              () ->
                  "FINISHED"
                      .equals(
                          after.get("/api/imports/" + id, MANAGER).json().get("state").asString()));
      JsonNode report = after.get("/api/imports/" + id + "/report", MANAGER).json();
      assertThat(report.get("filed")).hasSize(FILES);
      assertThat(report.get("duplicates")).isEmpty();
      assertThat(report.get("refused")).isEmpty();
      Set<String> reported = new HashSet<>();
      report.get("filed").forEach(line -> reported.add(line.get("recordId").asString()));
      Map<String, Integer> stored = recordsOfImport(root, id);
      assertThat(stored).hasSize(FILES);
      assertThat(new HashSet<>(stored.values())).hasSize(FILES);
      assertThat(reported).isEqualTo(stored.keySet());
    }
  }

  /** Record id to manifest line, of every record in the store whose metadata names the import. */
  private static Map<String, Integer> recordsOfImport(Path root, String importId)
      throws IOException {
    Map<String, Integer> found = new HashMap<>();
    Path records = root.resolve("data/objects/records");
    if (!Files.isDirectory(records)) {
      return found;
    }
    try (Stream<Path> folders = Files.list(records)) {
      for (Path folder : folders.toList()) {
        Path first = folder.resolve("meta/000001.json");
        if (Files.exists(first)) {
          JsonNode provenance = JSON.readTree(Files.readString(first)).path("provenance");
          if (importId.equals(provenance.path("importId").asString(null))) {
            found.put(folder.getFileName().toString(), provenance.get("manifestLine").asInt());
          }
        }
      }
    }
    return found;
  }
}
