package se.arkiv.web;

import static org.assertj.core.api.Assertions.assertThat;
import static se.arkiv.testing.RunningArkiv.AUDITOR;
import static se.arkiv.testing.RunningArkiv.CLERK;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import se.arkiv.extraction.InProcessExtractionSource;
import se.arkiv.testing.RunningArkiv;
import tools.jackson.databind.JsonNode;

/**
 * Entries cut off the end of the trail leave a chain that still links up; the running service knows
 * the last entry it wrote and says the trail is incomplete.
 */
class AuditTruncationIT {

  @Test
  void entriesCutOffTheEndAreFoundThoughWhatIsLeftLinksUp() throws Exception {
    try (RunningArkiv arkiv =
        RunningArkiv.start(
            Map.of("arkiv.audit.segment-entries", "3"), InProcessExtractionSource.class)) {
      var client = arkiv.client();
      for (int i = 0; i < 4; i++) {
        client.file(
            CLERK,
            "b" + i + ".txt",
            ("brev " + i).getBytes(StandardCharsets.UTF_8),
            "{\"recordClass\":\"CORRESPONDENCE\"}");
      }
      List<Path> sealed;
      try (Stream<Path> files = Files.list(arkiv.objectsDir().resolve("audit/segments"))) {
        sealed = files.sorted().toList();
      }
      Path last = sealed.get(sealed.size() - 1);
      String name = last.getFileName().toString();
      Files.delete(last);
      Files.delete(
          arkiv
              .objectsDir()
              .resolve("audit/checkpoints")
              .resolve(name.substring(name.indexOf('-') + 1).replace(".log", ".json")));
      try (Stream<Path> local = Files.list(arkiv.root().resolve("data/audit"))) {
        for (Path file : local.toList()) {
          Files.delete(file);
        }
      }
      JsonNode result = client.get("/api/audit/verify", AUDITOR).json();
      assertThat(result.get("valid").asBoolean()).as(result.toString()).isFalse();
      assertThat(result.get("reason").asString()).contains("missing");
    }
  }
}
