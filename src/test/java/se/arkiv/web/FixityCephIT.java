package se.arkiv.web;

import static org.assertj.core.api.Assertions.assertThat;
import static se.arkiv.testing.RunningArkiv.AUDITOR;
import static se.arkiv.testing.RunningArkiv.CLERK;
import static se.arkiv.testing.RunningArkiv.MANAGER;

import io.minio.PutObjectArgs;
import io.minio.RemoveObjectArgs;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import se.arkiv.testing.ArkivClient;
import se.arkiv.testing.CephRgwServer;
import se.arkiv.testing.RunningArkiv;
import tools.jackson.databind.JsonNode;

/**
 * Fixity on a real S3 server with versioning and Object Lock (Ceph RGW): someone with bucket access
 * deletes a record key without a version id (a delete marker) or overwrites it. Arkiv keeps serving
 * the version its metadata declares, and fixity finds what was done.
 */
@Tag("ceph")
class FixityCephIT {

  private static final String BUCKET = "arkiv-fixity";
  private static CephRgwServer ceph;
  private static RunningArkiv arkiv;
  private static ArkivClient client;

  @BeforeAll
  static void start() throws Exception {
    ceph = CephRgwServer.shared();
    ceph.makeLockedBucket(BUCKET);
    arkiv =
        RunningArkiv.start(
            Map.of(
                "arkiv.storage.type",
                "s3",
                "arkiv.storage.s3.endpoint",
                ceph.endpoint(),
                "arkiv.storage.s3.bucket",
                BUCKET,
                "arkiv.storage.s3.access-key",
                ceph.accessKey(),
                "arkiv.storage.s3.secret-key",
                ceph.secretKey(),
                "arkiv.storage.s3.object-lock.mode",
                "GOVERNANCE",
                "arkiv.storage.s3.object-lock.horizon",
                "P1D"));
    client = arkiv.client();
  }

  @AfterAll
  static void stop() throws Exception {
    if (arkiv != null) {
      arkiv.close();
    }
  }

  @Test
  void aDeleteMarkerOnAnOriginalIsFoundWhileArkivStillServesTheDeclaredVersion() throws Exception {
    byte[] content =
        "Settlement 2026-4471, DVP, ISIN SE0000108656".getBytes(StandardCharsets.UTF_8);
    String id = file(content);
    ceph.client()
        .removeObject(
            RemoveObjectArgs.builder().bucket(BUCKET).object("records/" + id + "/original").build())
        .get();

    assertThat(client.get("/api/records/" + id + "/content", AUDITOR).body()).isEqualTo(content);
    List<String> kinds = kinds(run(), id);

    assertThat(kinds).containsExactlyInAnyOrder("DELETE_MARKER", "VERSION_NOT_CURRENT");
  }

  @Test
  void anOverwrittenOriginalIsFoundWhileArkivStillServesTheDeclaredVersion() throws Exception {
    byte[] content = "Trade confirmation 88213, 500 ERIC B".getBytes(StandardCharsets.UTF_8);
    String id = file(content);
    put("records/" + id + "/original", "Trade confirmation 88213, 5000 ERIC B");

    assertThat(client.get("/api/records/" + id + "/content", AUDITOR).body()).isEqualTo(content);
    List<String> kinds = kinds(run(), id);

    assertThat(kinds).containsExactlyInAnyOrder("EXTRA_VERSIONS", "VERSION_NOT_CURRENT");
  }

  @Test
  void anOverwrittenMetadataVersionIsAnExtraVersion() throws Exception {
    String id = file("Payment order 7731".getBytes(StandardCharsets.UTF_8));
    String key = "records/" + id + "/meta/000001.json";
    put(key, client.get("/api/records/" + id, AUDITOR).text());

    JsonNode report = run();

    assertThat(findings(report, id))
        .extracting(f -> f.get("kind").asString() + " " + f.get("objectKey").asString())
        .containsExactly("EXTRA_VERSIONS " + key);
  }

  @Test
  void aDeleteMarkerOnTheTextIsRepairedFromTheVerifiedOriginal() throws Exception {
    String id = file("Kontoutdrag januari, konto 9900-1".getBytes(StandardCharsets.UTF_8));
    String text = client.get("/api/records/" + id + "/text", AUDITOR).text();
    ceph.client()
        .removeObject(
            RemoveObjectArgs.builder().bucket(BUCKET).object("records/" + id + "/text.txt").build())
        .get();

    List<String> kinds = kinds(run(), id);

    assertThat(kinds).containsExactly("DERIVED_REPAIRED");
    assertThat(client.get("/api/records/" + id + "/text", AUDITOR).text()).isEqualTo(text);
  }

  private static void put(String key, String content) throws Exception {
    byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
    String md5 = Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5").digest(bytes));
    // A bucket with Object Lock takes a PUT only with a Content-MD5.
    ceph.client()
        .putObject(
            PutObjectArgs.builder().bucket(BUCKET).object(key).stream(
                    new ByteArrayInputStream(bytes), bytes.length, -1)
                .headers(Map.of("Content-MD5", md5))
                .build())
        .get();
  }

  private static String file(byte[] content) {
    ArkivClient.Response filed =
        client.file(CLERK, "doc.txt", content, "{\"recordClass\":\"CORRESPONDENCE\"}");
    assertThat(filed.status()).as(filed.text()).isEqualTo(201);
    String id = filed.json().get("id").asString();
    client.await(
        () -> client.get("/api/records/" + id, AUDITOR),
        r -> "DONE".equals(r.json().get("extraction").get("status").asString()));
    return id;
  }

  private static JsonNode run() {
    ArkivClient.Response started = client.post("/api/fixity/runs", MANAGER, "{}");
    assertThat(started.status()).as(started.text()).isEqualTo(202);
    String runId = started.json().get("id").asString();
    return client
        .await(
            () -> client.get("/api/fixity/runs/" + runId, AUDITOR),
            r -> "FINISHED".equals(r.json().get("run").get("state").asString()))
        .json();
  }

  private static List<JsonNode> findings(JsonNode report, String recordId) {
    List<JsonNode> found = new ArrayList<>();
    report
        .get("findings")
        .forEach(
            f -> {
              if (f.get("recordId").asString().equals(recordId)) {
                found.add(f);
              }
            });
    return found;
  }

  private static List<String> kinds(JsonNode report, String recordId) {
    return findings(report, recordId).stream().map(f -> f.get("kind").asString()).toList();
  }
}
