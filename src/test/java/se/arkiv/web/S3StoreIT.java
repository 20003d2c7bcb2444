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
import se.arkiv.testing.S3ProxyServer;
import se.arkiv.testing.TestDocuments;

/** The whole service on the S3 store, over HTTP to a real S3 server. */
class S3StoreIT {

  private static Map<String, Object> s3(S3ProxyServer server) {
    return Map.of(
        "arkiv.storage.type", "s3",
        "arkiv.storage.s3.endpoint", server.endpoint(),
        "arkiv.storage.s3.bucket", "arkiv",
        "arkiv.storage.s3.access-key", S3ProxyServer.ACCESS_KEY,
        "arkiv.storage.s3.secret-key", S3ProxyServer.SECRET_KEY,
        "arkiv.storage.s3.read-timeout", "5s",
        "arkiv.storage.s3.connect-timeout", "2s");
  }

  @Test
  void filesFindsDownloadsAndRebuildsTheIndexFromTheBucketAlone() throws Exception {
    try (S3ProxyServer server = S3ProxyServer.start("arkiv");
        RunningArkiv arkiv = RunningArkiv.start(s3(server))) {
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
      assertThat(Files.exists(server.dataDir().resolve("arkiv/records/" + id + "/original")))
          .isTrue();
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
    try (S3ProxyServer server = S3ProxyServer.start("arkiv");
        RunningArkiv arkiv = RunningArkiv.start(s3(server))) {
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
      server.stopProcess();
      assertThat(client.get("/actuator/health", null).status()).isEqualTo(503);
      Response during =
          client.file(
              CLERK, "b.txt", bytes("under avbrottet"), "{\"recordClass\":\"CORRESPONDENCE\"}");
      assertThat(during.status()).isEqualTo(503);
      assertThat(during.header("Retry-After")).isNotBlank();
      assertThat(during.json().get("title").asString()).isEqualTo("Storage unavailable");
      assertThat(during.text()).doesNotContain("Exception");

      server.startProcess();
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
