package se.arkiv.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.minio.MinioAsyncClient;
import io.minio.messages.RetentionMode;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A new object is acknowledged only once its lock reads back as intended, and the lock is read as
 * Ceph RGW writes it (nanoseconds). The answers come from a stand-in HTTP server, so each case is
 * shown on any machine; {@code CephObjectStoreIT} shows the same on the real server.
 */
class S3LockReadBackTest {

  private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");

  /** The birth lock: now + 365 days. */
  private static final String INTENDED = "2027-11-26T10:00:00";

  private HttpServer server;
  private final List<String> seen = new CopyOnWriteArrayList<>();
  private final AtomicReference<String> retentionAnswer = new AtomicReference<>();
  private volatile boolean stored;

  private S3ObjectStore store() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", this::answer);
    server.start();
    String endpoint = "http://127.0.0.1:" + server.getAddress().getPort();
    MinioAsyncClient client =
        MinioAsyncClient.builder()
            .endpoint(endpoint)
            .region("us-east-1")
            .credentials("access", "secret")
            .build();
    return new S3ObjectStore(
        client,
        "arkiv",
        5 << 20,
        endpoint,
        RetentionMode.COMPLIANCE,
        Period.ofDays(365),
        Clock.fixed(NOW, ZoneOffset.UTC));
  }

  private void answer(HttpExchange exchange) throws IOException {
    exchange.getRequestBody().readAllBytes();
    String method = exchange.getRequestMethod();
    String query = exchange.getRequestURI().getRawQuery();
    seen.add(method + (query == null ? "" : " ?" + query));
    if (method.equals("HEAD")) {
      if (!stored) {
        exchange.sendResponseHeaders(404, -1);
      } else {
        exchange.getResponseHeaders().add("ETag", "\"d41d8cd98f00b204e9800998ecf8427e\"");
        exchange.getResponseHeaders().add("Last-Modified", "Thu, 26 Nov 2026 10:00:00 GMT");
        exchange.getResponseHeaders().add("Content-Type", "application/octet-stream");
        exchange.getResponseHeaders().add("x-amz-version-id", "v1");
        exchange.getResponseHeaders().add("x-amz-object-lock-mode", "COMPLIANCE");
        // As Ceph RGW writes it; SDK 8.6.0's statObject fails on this header.
        exchange
            .getResponseHeaders()
            .add("x-amz-object-lock-retain-until-date", INTENDED + ".982000000Z");
        exchange.getResponseHeaders().add("Content-Length", "3");
        exchange.sendResponseHeaders(200, -1);
      }
    } else if (method.equals("PUT") && query == null) {
      stored = true;
      exchange.getResponseHeaders().add("ETag", "\"5289df737df57326fcdd22597afb1fac\"");
      exchange.getResponseHeaders().add("x-amz-version-id", "v1");
      exchange.sendResponseHeaders(200, -1);
    } else if (method.equals("GET") && query != null && query.contains("retention")) {
      String xml = retentionAnswer.get();
      if (xml == null) {
        // Ceph RGW's answer for an object without retention.
        send(exchange, 404, error("NoSuchKey"));
      } else {
        send(exchange, 200, xml);
      }
    } else if (method.equals("DELETE")) {
      exchange.sendResponseHeaders(204, -1);
    } else {
      send(exchange, 501, error("NotImplemented"));
    }
    exchange.close();
  }

  private static String error(String code) {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>"
        + code
        + "</Code><Message>"
        + code
        + "</Message><Key>records/x/original</Key></Error>";
  }

  private static String retention(String mode, String until) {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
        + "<Retention xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><Mode>"
        + mode
        + "</Mode><RetainUntilDate>"
        + until
        + "</RetainUntilDate></Retention>";
  }

  private static void send(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/xml");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  @Test
  void acknowledgesAnObjectWhoseLockReadsBackInNanoseconds() throws IOException {
    retentionAnswer.set(retention("COMPLIANCE", INTENDED + ".000000000Z"));
    S3ObjectStore store = store();
    ObjectInfo info = store.create("records/x/original", new byte[] {1, 2, 3});
    assertThat(info.versionId()).isEqualTo("v1");
    assertThat(seen).contains("GET ?versionId=v1&retention=");
    assertThat(store.retainedUntil("records/x/original")).contains(Instant.parse(INTENDED + "Z"));
  }

  @Test
  void statsAnObjectUnderRetentionThatTheStoreDatesInNanoseconds() throws IOException {
    S3ObjectStore store = store();
    stored = true;
    assertThat(store.stat("records/x/original"))
        .hasValueSatisfying(info -> assertThat(info.versionId()).isEqualTo("v1"));
  }

  @Test
  void refusesToAcknowledgeAnObjectTheStoreDidNotLockAndTakesItBack() throws IOException {
    S3ObjectStore store = store();
    assertThatThrownBy(() -> store.create("records/x/original", new byte[] {1, 2, 3}))
        .isInstanceOf(LockNotVerified.class)
        .hasMessageContaining("no lock");
    assertThat(seen).contains("DELETE ?versionId=v1");
  }

  @Test
  void refusesALockInAnotherModeOrShorterThanAsked() throws IOException {
    retentionAnswer.set(retention("GOVERNANCE", INTENDED + ".000Z"));
    S3ObjectStore store = store();
    assertThatThrownBy(() -> store.create("records/x/original", new byte[] {1, 2, 3}))
        .isInstanceOf(LockNotVerified.class);
    stored = false;
    retentionAnswer.set(retention("COMPLIANCE", "2027-11-25T10:00:00.5Z"));
    assertThatThrownBy(() -> store.create("records/y/original", new byte[] {1, 2, 3}))
        .isInstanceOf(LockNotVerified.class)
        .hasMessageContaining("2027-11-25T10:00:00.500Z");
  }
}
