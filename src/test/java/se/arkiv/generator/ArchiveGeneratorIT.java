package se.arkiv.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static se.arkiv.testing.RunningArkiv.AUDITOR;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.arkiv.testing.ArkivClient;
import se.arkiv.testing.RunningArkiv;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A generated archive is served by the service started on it, and the seed fixes every byte. */
class ArchiveGeneratorIT {

  private static final int RECORDS = 500;
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @Test
  void theServiceStartedOnAGeneratedArchiveFindsCountsAndVerifiesIt() throws Exception {
    Path root = RunningArkiv.newRoot();
    ArchiveGenerator.Summary summary =
        ArchiveGenerator.generate(42, RECORDS, root.resolve("data"), 2);
    assertThat(summary.auditEntries()).isGreaterThanOrEqualTo(RECORDS * 10L);

    try (RunningArkiv arkiv = RunningArkiv.startAt(root, Map.of())) {
      ArkivClient client = arkiv.client();
      JsonNode all =
          client
              .await(
                  () -> client.search(AUDITOR, "size", "1"),
                  r -> r.status() == 200 && r.json().get("total").asLong() == RECORDS)
              .json();
      Map<String, Integer> byClass = new TreeMap<>();
      all.get("facets")
          .get("recordClass")
          .properties()
          .forEach(e -> byClass.put(e.getKey(), e.getValue().asInt()));
      assertThat(byClass).isEqualTo(summary.byClass());

      // A record found by a word of its text and by its business key.
      Path objects = root.resolve("data/objects");
      Path meta = firstRecordMeta(objects);
      JsonNode record = JSON.readTree(Files.readString(meta));
      String id = record.get("id").asString();
      String text = Files.readString(meta.getParent().getParent().resolve("text.txt"));
      String word = longestWord(text);
      assertThat(ids(client.search(AUDITOR, "q", word, "size", "100").json())).contains(id);
      Map.Entry<String, JsonNode> key =
          record.get("keys").properties().stream()
              .filter(e -> !e.getValue().isNull())
              .findFirst()
              .orElseThrow();
      assertThat(
              ids(
                  client
                      .search(AUDITOR, key.getKey(), key.getValue().asString(), "size", "100")
                      .json()))
          .contains(id);

      // A held record is covered by its hold; the released hold covers nothing any more.
      Map.Entry<String, List<String>> active =
          summary.holds().entrySet().stream()
              .filter(h -> !summary.releasedHolds().contains(h.getKey()))
              .findFirst()
              .orElseThrow();
      JsonNode held = client.get("/api/records/" + active.getValue().get(0), AUDITOR).json();
      assertThat(held.get("retention").get("holds").toString()).contains(active.getKey());

      JsonNode verification = client.get("/api/audit/verify", AUDITOR).json();
      assertThat(verification.get("valid").asBoolean()).as(verification.toString()).isTrue();
      assertThat(verification.get("entries").asLong())
          .isGreaterThanOrEqualTo(summary.auditEntries());
    }
  }

  @Test
  void theSameSeedWritesTheSameStoreWhateverTheThreads(@TempDir Path dir) throws Exception {
    ArchiveGenerator.generate(7, 300, dir.resolve("a"), 1);
    ArchiveGenerator.generate(7, 300, dir.resolve("b"), 3);
    ArchiveGenerator.generate(8, 300, dir.resolve("c"), 2);
    Map<String, byte[]> a = tree(dir.resolve("a"));
    Map<String, byte[]> b = tree(dir.resolve("b"));
    assertThat(a.keySet()).isEqualTo(b.keySet()).hasSizeGreaterThan(300 * 5);
    a.forEach((file, bytes) -> assertThat(b.get(file)).as(file).isEqualTo(bytes));
    assertThat(tree(dir.resolve("c")).keySet()).isNotEqualTo(a.keySet());
  }

  private static Map<String, byte[]> tree(Path root) throws IOException {
    Map<String, byte[]> files = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path file : walk.filter(Files::isRegularFile).toList()) {
        files.put(root.relativize(file).toString(), Files.readAllBytes(file));
      }
    }
    return files;
  }

  private static Path firstRecordMeta(Path objects) throws IOException {
    try (Stream<Path> folders = Files.list(objects.resolve("records"))) {
      return folders.sorted().findFirst().orElseThrow().resolve("meta/000002.json");
    }
  }

  private static String longestWord(String text) {
    String longest = "";
    for (String word : text.split("[^\\p{L}]+")) {
      if (word.length() > longest.length()) {
        longest = word;
      }
    }
    return longest;
  }

  private static List<String> ids(JsonNode result) {
    List<String> ids = new ArrayList<>();
    result.get("hits").forEach(hit -> ids.add(hit.get("id").asString()));
    return ids;
  }
}
