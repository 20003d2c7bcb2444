package se.arkiv.storage;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.minio.MinioClient;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the adapter does when a store with conditional writes refuses a create because another
 * writer stored the key between our check and our write. S3Proxy ignores {@code If-None-Match} and
 * no MinIO server can run here, so this one answer comes from a stand-in HTTP server that replies
 * as S3 documents it (HEAD 404, then PUT 412 PreconditionFailed).
 */
class S3ConditionalCreateTest {

  private HttpServer server;

  @BeforeEach
  void start() throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        exchange -> {
          exchange.getRequestBody().readAllBytes();
          if (exchange.getRequestMethod().equals("PUT")
              && "*".equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
            byte[] body =
                ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>PreconditionFailed</Code>"
                        + "<Message>At least one of the pre-conditions you specified did not"
                        + " hold</Message><Key>records/x/original</Key></Error>")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/xml");
            exchange.sendResponseHeaders(412, body.length);
            exchange.getResponseBody().write(body);
          } else {
            exchange.sendResponseHeaders(404, -1);
          }
          exchange.close();
        });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  @Test
  void aCreateTheStoreRefusesOnItsConditionIsAnExistingObject() {
    String endpoint = "http://127.0.0.1:" + server.getAddress().getPort();
    MinioClient client =
        MinioClient.builder()
            .endpoint(endpoint)
            .region("us-east-1")
            .credentials("access", "secret")
            .build();
    S3ObjectStore store = new S3ObjectStore(client, "arkiv", 5 << 20, endpoint);
    assertThatThrownBy(() -> store.create("records/x/original", new byte[] {1, 2, 3}))
        .isInstanceOf(ObjectAlreadyExists.class);
  }
}
