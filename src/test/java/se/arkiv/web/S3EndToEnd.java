package se.arkiv.web;

import static org.assertj.core.api.Assertions.assertThat;
import static se.arkiv.testing.RunningArkiv.AUDITOR;
import static se.arkiv.testing.RunningArkiv.CLERK;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import se.arkiv.testing.ArkivClient;
import se.arkiv.testing.ArkivClient.Response;
import se.arkiv.testing.RunningArkiv;
import se.arkiv.testing.TestDocuments;

/**
 * The whole service on an S3 store, over HTTP to a real S3 server: file, extract, search, download,
 * restart with a deleted index, and an outage that answers 503 and then resumes. Each server
 * (S3Proxy, Ceph RGW) runs the same tests.
 */
abstract class S3EndToEnd {

  /** A real S3 server that one test starts and stops. */
  interface Server extends AutoCloseable {
    /** Arkiv's settings for this server. */
    Map<String, Object> properties();

    /** Stops answering, as in an outage. */
    void down() throws Exception;

    void up() throws Exception;

    /** Checks, past Arkiv, that the store holds these bytes as the record's original. */
    void assertHoldsOriginal(String id, byte[] content) throws Exception;
  }

  abstract Server startServer() throws Exception;

  @Test
  void filesFindsDownloadsAndRebuildsTheIndexFromTheBucketAlone() throws Exception {
    try (Server server = startServer();
        RunningArkiv arkiv = RunningArkiv.start(server.properties())) {
      ArkivClient client = arkiv.client();
      byte[] pdf = TestDocuments.pdf("Avräkningsnota för aktieaffär 2025", "Motpart Banken AB");
      Response filed =
          client.file(
              CLERK,
              "avrakningsnota.pdf",
              pdf,
              "{\"recordClass\":\"TRADE-CONFIRMATION\",\"documentDate\":\"2025-02-03\"}");
      assertThat(filed.status()).isEqualTo(201);
      String id = filed.json().get("id").asString();
      String before =
          client
              .await(
                  () -> client.search(AUDITOR, "q", "avräkningsnota"),
                  r -> r.json().get("total").asLong() == 1)
              .text();
      assertThat(client.get("/api/records/" + id + "/content", AUDITOR).body()).isEqualTo(pdf);
      server.assertHoldsOriginal(id, pdf);
      assertThat(arkiv.objectsDir()).doesNotExist();

      arkiv.stop();
      try (Stream<Path> files = Files.walk(arkiv.indexDir())) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
      arkiv.restart();
      ArkivClient after = arkiv.client();
      String rebuilt =
          after
              .await(
                  () -> after.search(AUDITOR, "q", "avräkningsnota"),
                  r -> r.json().get("total").asLong() == 1)
              .text();
      assertThat(rebuilt).isEqualTo(before);
      assertThat(after.get("/api/records/" + id + "/content", AUDITOR).body()).isEqualTo(pdf);
    }
  }

  @Test
  void whenTheStoreIsDownFilingGets503AndNothingIsAcknowledgedThenItResumes() throws Exception {
    try (Server server = startServer();
        RunningArkiv arkiv = RunningArkiv.start(server.properties())) {
      ArkivClient client = arkiv.client();
      Response before =
          client.file(
              CLERK, "a.txt", bytes("före avbrottet"), "{\"recordClass\":\"CORRESPONDENCE\"}");
      assertThat(before.status()).isEqualTo(201);
      // Its extraction is done before the outage, so the outage meets only the filing below.
      String first = before.json().get("id").asString();
      client.await(
          () -> client.get("/api/records/" + first, AUDITOR),
          r -> "DONE".equals(r.json().get("extraction").get("status").asString()));

      assertThat(client.get("/actuator/health", null).status()).isEqualTo(200);
      server.down();
      assertThat(client.get("/actuator/health", null).status()).isEqualTo(503);
      Response during =
          client.file(
              CLERK, "b.txt", bytes("under avbrottet"), "{\"recordClass\":\"CORRESPONDENCE\"}");
      assertThat(during.status()).isEqualTo(503);
      assertThat(during.header("Retry-After")).isNotBlank();
      assertThat(during.json().get("title").asString()).isEqualTo("Storage unavailable");
      assertThat(during.text()).doesNotContain("Exception");

      server.up();
      Response after =
          client.file(
              CLERK, "c.txt", bytes("efter avbrottet"), "{\"recordClass\":\"CORRESPONDENCE\"}");
      assertThat(after.status()).isEqualTo(201);
      client.await(
          () -> client.search(AUDITOR, "q", "avbrottet"), r -> r.json().get("total").asLong() == 2);
      assertThat(client.search(AUDITOR, "q", "under").json().get("total").asLong()).isZero();
    }
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
