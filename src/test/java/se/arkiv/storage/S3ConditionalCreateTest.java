package se.arkiv.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.minio.MinioAsyncClient;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What the adapter does with the answers a store gives to a conditional create ({@code
 * If-None-Match: *}). S3Proxy ignores the header and no MinIO server can run here, so these answers
 * come from a stand-in HTTP server that replies as S3 documents it.
 */
class S3ConditionalCreateTest {

  private static final byte[] CONTENT = {1, 2, 3};

  private HttpServer server;
  private final List<String> seen = new CopyOnWriteArrayList<>();

  /** The object the stand-in holds (its bytes), or null; HEAD answers from it. */
  private final AtomicReference<byte[]> stored = new AtomicReference<>();

  interface PutAnswer {
    int status(boolean conditional, byte[] body);
  }

  private S3ObjectStore store(PutAnswer put) throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        exchange -> {
          byte[] body = exchange.getRequestBody().readAllBytes();
          boolean conditional = "*".equals(exchange.getRequestHeaders().getFirst("If-None-Match"));
          seen.add(exchange.getRequestMethod() + (conditional ? " if-none-match" : ""));
          if (exchange.getRequestMethod().equals("HEAD")) {
            head(exchange);
          } else if (exchange.getRequestMethod().equals("PUT")) {
            int status = put.status(conditional, body);
            if (status == 200) {
              exchange.getResponseHeaders().add("ETag", "\"" + md5Hex(body) + "\"");
              exchange.sendResponseHeaders(200, -1);
            } else {
              error(exchange, status, status == 412 ? "PreconditionFailed" : "NotImplemented");
            }
          } else {
            exchange.sendResponseHeaders(404, -1);
          }
          exchange.close();
        });
    server.start();
    String endpoint = "http://127.0.0.1:" + server.getAddress().getPort();
    MinioAsyncClient client =
        MinioAsyncClient.builder()
            .endpoint(endpoint)
            .region("us-east-1")
            .credentials("access", "secret")
            .build();
    return new S3ObjectStore(client, "arkiv", 5 << 20, endpoint);
  }

  private void head(HttpExchange exchange) throws IOException {
    byte[] object = stored.get();
    if (object == null) {
      exchange.sendResponseHeaders(404, -1);
      return;
    }
    exchange.getResponseHeaders().add("ETag", "\"" + md5Hex(object) + "\"");
    exchange.getResponseHeaders().add("Last-Modified", "Thu, 26 Nov 2026 10:00:00 GMT");
    exchange.getResponseHeaders().add("Content-Type", "application/octet-stream");
    exchange.getResponseHeaders().add("x-amz-version-id", "v1");
    exchange.getResponseHeaders().add("Content-Length", Integer.toString(object.length));
    exchange.sendResponseHeaders(200, -1);
  }

  private static void error(HttpExchange exchange, int status, String code) throws IOException {
    byte[] xml =
        ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>"
                + code
                + "</Code><Message>"
                + code
                + "</Message><Key>records/x/original</Key></Error>")
            .getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/xml");
    exchange.sendResponseHeaders(status, xml.length);
    exchange.getResponseBody().write(xml);
  }

  private static String md5Hex(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  @Test
  void anotherWritersObjectMakesTheCreateAnExistingObject() throws IOException {
    S3ObjectStore store =
        store(
            (conditional, body) -> {
              stored.set(new byte[] {9, 9}); // someone else's object arrived first
              return 412;
            });
    assertThatThrownBy(() -> store.create("records/x/original", CONTENT))
        .isInstanceOf(ObjectAlreadyExists.class);
  }

  @Test
  void ourOwnFirstAttemptResentByTheClientIsASuccess() throws IOException {
    // The first PUT landed, its answer was lost and the client sent it again: 412, yet the
    // object there is byte for byte ours.
    S3ObjectStore store =
        store(
            (conditional, body) -> {
              stored.set(body);
              return 412;
            });
    ObjectInfo info = store.create("records/x/original", CONTENT);
    assertThat(info.size()).isEqualTo(CONTENT.length);
    assertThat(info.versionId()).isEqualTo("v1");
  }
}
