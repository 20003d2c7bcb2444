package se.arkiv.web;

import static org.assertj.core.api.Assertions.assertThat;
import static se.arkiv.testing.RunningArkiv.AUDITOR;
import static se.arkiv.testing.RunningArkiv.CLERK;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import se.arkiv.extraction.InProcessExtractionSource;
import se.arkiv.record.ArchivalCopy;
import se.arkiv.record.RecordId;
import se.arkiv.testing.ArkivClient;
import se.arkiv.testing.RunningArkiv;
import se.arkiv.testing.TestDocuments;
import tools.jackson.databind.JsonNode;

/**
 * The index is derived: delete it, restart, and the store alone gives the same answers. And work a
 * crash left unfinished is done after the restart. Where the text is parsed is no part of either,
 * so the parse runs in the test's JVM: four services, each with two child JVMs to start and warm,
 * took most of the class's time.
 */
class RestartIT {

  @Test
  void restartWithADeletedIndexGivesTheSameSearchResults() throws Exception {
    try (RunningArkiv arkiv = RunningArkiv.start(Map.of(), InProcessExtractionSource.class)) {
      ArkivClient client = arkiv.client();
      List<String> ids = new ArrayList<>();
      ids.add(
          client
              .file(
                  CLERK,
                  "kyc.pdf",
                  TestDocuments.pdf("Kundkännedom för kund 5566", "Riskklass låg"),
                  "{\"recordClass\":\"KYC\",\"keys\":{\"customerId\":\"5566\"}}")
              .json()
              .get("id")
              .asString());
      ids.add(
          client
              .file(
                  CLERK,
                  "avtal.txt",
                  "Kontoavtal för kund 5566".getBytes(StandardCharsets.UTF_8),
                  "{\"recordClass\":\"ACCOUNT-AGREEMENT\",\"keys\":{\"customerId\":\"5566\"}}")
              .json()
              .get("id")
              .asString());
      String before =
          client
              .await(
                  () -> client.search(AUDITOR, "q", "kund", "customerId", "5566"),
                  r -> r.json().get("total").asLong() == 2)
              .text();

      arkiv.stop();
      deleteRecursively(arkiv.indexDir());
      assertThat(arkiv.indexDir()).doesNotExist();
      arkiv.restart();

      ArkivClient after = arkiv.client();
      String rebuilt =
          after
              .await(
                  () -> after.search(AUDITOR, "q", "kund", "customerId", "5566"),
                  r -> r.json().get("total").asLong() == 2)
              .text();
      assertThat(rebuilt).isEqualTo(before);
      assertThat(
              after
                  .search(AUDITOR, "q", "riskklass")
                  .json()
                  .get("hits")
                  .get(0)
                  .get("id")
                  .asString())
          .isEqualTo(ids.get(0));
    }
  }

  @Test
  void extractionThatNeverFinishedIsCompletedAfterRestart() throws Exception {
    try (RunningArkiv arkiv = RunningArkiv.start(Map.of(), InProcessExtractionSource.class)) {
      ArkivClient client = arkiv.client();
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        String id =
            client
                .file(
                    CLERK,
                    "brev" + i + ".pdf",
                    TestDocuments.pdf("Brev nummer " + i + " om fönsterkuvert"),
                    "{\"recordClass\":\"CORRESPONDENCE\"}")
                .json()
                .get("id")
                .asString();
        // Text (version 2), then the archival copy (version 3).
        client.awaitArchivalCopy(id);
        ids.add(id);
      }
      arkiv.stop();
      // Put the store back in the state of a crash after filing was acknowledged and before
      // extraction finished (the first two: metadata version 1, PENDING, only; no text), and of
      // a crash after the text and before the archival copy (the third: no version 3, no copy).
      for (String id : ids) {
        Path record = arkiv.objectsDir().resolve("records").resolve(id);
        Files.delete(record.resolve("meta").resolve("000003.json"));
        Files.delete(record.resolve("archival.pdf"));
        if (!id.equals(ids.get(2))) {
          Files.delete(record.resolve("meta").resolve("000002.json"));
          Files.delete(record.resolve("text.txt"));
          assertThat(latestMetadata(arkiv, id)).contains("\"PENDING\"");
        }
      }
      assertThat(latestMetadata(arkiv, ids.get(2))).contains(ArchivalCopy.LATER);

      arkiv.restart();
      ArkivClient after = arkiv.client();
      for (String id : ids) {
        after.await(
            () -> after.get("/api/records/" + id, AUDITOR),
            r -> "DONE".equals(r.json().get("extraction").get("status").asString()));
      }
      after.await(
          () -> after.search(AUDITOR, "q", "fönsterkuvert"),
          r -> r.json().get("total").asLong() == 3);
      for (String id : ids) {
        assertThat(
                after
                    .awaitArchivalCopy(id)
                    .json()
                    .path("extraction")
                    .path("archival")
                    .path("conformance")
                    .asString())
            .as(id)
            .isEqualTo("PDF/A-2b");
      }
    }
  }

  @Test
  void aRecordStoredWithoutItsEntryBeforeACrashGetsItsFilingEntryAtTheNextStart() throws Exception {
    try (RunningArkiv arkiv = RunningArkiv.start(Map.of(), InProcessExtractionSource.class)) {
      ArkivClient client = arkiv.client();
      String audited =
          client
              .file(
                  CLERK,
                  "kvitto.txt",
                  "Kvitto för taxiresa".getBytes(StandardCharsets.UTF_8),
                  "{\"recordClass\":\"CORRESPONDENCE\"}")
              .json()
              .get("id")
              .asString();
      arkiv.stop();
      // A crash between storing a filing and auditing it: a record in the store, no entry.
      String unaudited = RecordId.newId(Clock.systemUTC()).value();
      Path from = arkiv.objectsDir().resolve("records").resolve(audited);
      Path to = Files.createDirectories(arkiv.objectsDir().resolve("records").resolve(unaudited));
      Files.copy(from.resolve("original"), to.resolve("original"));
      Files.createDirectories(to.resolve("meta"));
      Files.writeString(
          to.resolve("meta").resolve("000001.json"),
          Files.readString(from.resolve("meta").resolve("000001.json"))
              .replace(audited, unaudited));

      arkiv.restart();
      ArkivClient after = arkiv.client();
      JsonNode mended =
          after
              .await(
                  () -> after.get("/api/records/" + unaudited + "/history", AUDITOR),
                  r -> r.status() == 200 && !r.json().isEmpty())
              .json();
      assertThat(mended.get(0).get("action").asString()).isEqualTo("record.file");
      assertThat(mended.get(0).get("client").asString()).isEqualTo("recovery");
      assertThat(mended.get(0).get("actor").asString()).isEqualTo(CLERK);
      assertThat(after.get("/api/records/" + audited + "/history", AUDITOR).json())
          .filteredOn(e -> e.get("action").asString().equals("record.file"))
          .as("a record whose entry was written is left as it is")
          .hasSize(1);
    }
  }

  private static String latestMetadata(RunningArkiv arkiv, String id) {
    Path meta = arkiv.objectsDir().resolve("records").resolve(id).resolve("meta");
    try (Stream<Path> versions = Files.list(meta)) {
      Path latest = versions.max(Comparator.naturalOrder()).orElseThrow();
      return Files.readString(latest);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void deleteRecursively(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(file);
      }
    }
  }
}
