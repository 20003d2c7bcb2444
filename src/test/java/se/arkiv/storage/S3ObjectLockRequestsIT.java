package se.arkiv.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.minio.MinioAsyncClient;
import io.minio.messages.RetentionMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import okhttp3.Headers;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okio.Buffer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import se.arkiv.testing.S3ProxyServer;

/**
 * S3Proxy does not implement Object Lock (it answers 501), so what the store would enforce cannot
 * be shown against it. What can be shown honestly: the requests the adapter sends, recorded on the
 * wire as they leave the client, carry the lock headers and calls a store with Object Lock acts on,
 * and never a governance bypass. What the store then enforces is shown on Ceph RGW in {@link
 * CephObjectStoreIT}.
 */
class S3ObjectLockRequestsIT {

  private static final String BUCKET = "arkiv-lock";
  private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");
  private static S3ProxyServer server;
  private static final List<Recorded> requests = new CopyOnWriteArrayList<>();
  private static S3ObjectStore store;

  record Recorded(String method, String url, Headers headers, String body) {}

  @BeforeAll
  static void start() throws Exception {
    server = S3ProxyServer.start(BUCKET);
    OkHttpClient http =
        new OkHttpClient.Builder()
            .addNetworkInterceptor(
                chain -> {
                  Request request = chain.request();
                  String body = "";
                  if (request.body() != null && request.body().contentLength() < 10_000) {
                    Buffer buffer = new Buffer();
                    request.body().writeTo(buffer);
                    body = buffer.readUtf8();
                  }
                  requests.add(
                      new Recorded(
                          request.method(), request.url().toString(), request.headers(), body));
                  return chain.proceed(request);
                })
            .build();
    MinioAsyncClient client =
        MinioAsyncClient.builder()
            .endpoint(server.endpoint())
            .credentials(S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY)
            .httpClient(http)
            .build();
    store =
        new S3ObjectStore(
            client,
            BUCKET,
            5 << 20,
            server.endpoint(),
            RetentionMode.COMPLIANCE,
            Period.ofDays(365),
            Clock.fixed(NOW, ZoneOffset.UTC));
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  private static void attempt(Runnable call) {
    try {
      call.run();
    } catch (RuntimeException answeredNotImplemented) {
      // S3Proxy: 501 Not Implemented for Object Lock; the request is what this test checks
    }
  }

  private static List<Recorded> sent(String method, String urlPart) {
    return requests.stream()
        .filter(r -> r.method().equals(method) && r.url().contains(urlPart))
        .toList();
  }

  @Test
  void everyNewObjectIsWrittenLockedUntilTheHorizon() {
    attempt(() -> store.create("records/l1/original", new byte[] {1, 2, 3}));
    Recorded put = sent("PUT", "records/l1/original").get(0);
    assertThat(put.headers().get("x-amz-object-lock-mode")).isEqualTo("COMPLIANCE");
    assertThat(Instant.parse(put.headers().get("x-amz-object-lock-retain-until-date")))
        .isEqualTo(Instant.parse("2027-11-26T10:00:00Z"));
    assertThat(put.headers().get("Content-MD5")).isNotBlank();
    assertThat(put.headers().get("If-None-Match")).isEqualTo("*");
  }

  @Test
  void onlyANewObjectIsWrittenOnCondition() {
    attempt(() -> store.replace("records/l7/preview.png", new byte[] {4, 5}));
    assertThat(sent("PUT", "records/l7/preview.png").get(0).headers().get("If-None-Match"))
        .isNull();
  }

  @Test
  void anObjectOverFiveMebibytesStillGoesUpInOneCheckedRequest() {
    attempt(() -> store.create("records/l5/text.txt", new byte[6 * 1024 * 1024]));
    List<Recorded> puts = sent("PUT", "records/l5/text.txt");
    assertThat(puts).hasSize(1);
    assertThat(puts.get(0).url()).doesNotContain("uploadId");
    assertThat(puts.get(0).headers().get("Content-MD5")).isNotBlank();
  }

  @Test
  void anOriginalLargerThanAPartIsLockedFromItsFirstPartToo() throws Exception {
    Path big = Files.createTempFile("big-", ".bin");
    try {
      Files.write(big, new byte[6 * 1024 * 1024]);
      attempt(() -> store.create("records/l6/original", big));
      Recorded initiate = sent("POST", "records/l6/original?uploads").get(0);
      assertThat(initiate.headers().get("x-amz-object-lock-mode")).isEqualTo("COMPLIANCE");
    } finally {
      Files.deleteIfExists(big);
    }
  }

  @Test
  void extendingRetentionSendsTheNewDateWithTheLockMode() {
    attempt(
        () -> store.extendRetention("records/l2/original", Instant.parse("2032-01-01T00:00:00Z")));
    Recorded put = sent("PUT", "records/l2/original?retention").get(0);
    assertThat(put.body())
        .contains("<Mode>COMPLIANCE</Mode>")
        .contains("<RetainUntilDate>2032-01-01T00:00:00");
  }

  @Test
  void legalHoldsAreSetAndClearedOnTheObject() {
    attempt(() -> store.legalHold("records/l3/original", true));
    attempt(() -> store.legalHold("records/l3/original", false));
    List<Recorded> holds = sent("PUT", "records/l3/original?legal-hold");
    assertThat(holds).hasSize(2);
    assertThat(holds.get(0).body()).contains("<Status>ON</Status>");
    assertThat(holds.get(1).body()).contains("<Status>OFF</Status>");
  }

  @Test
  void deletionAsksForEveryVersionAndNeverBypassesGovernance() {
    attempt(() -> store.delete("records/l4/original"));
    assertThat(sent("GET", "versions")).isNotEmpty();
    assertThat(requests)
        .allSatisfy(r -> assertThat(r.headers().get("x-amz-bypass-governance-retention")).isNull());
  }
}
