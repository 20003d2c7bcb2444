package se.arkiv.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.minio.MinioAsyncClient;
import io.minio.messages.RetentionMode;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Period;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import se.arkiv.testing.S3ProxyServer;

/** The same contract against the S3 adapter, over HTTP to a real S3 server (S3Proxy). */
class S3ObjectStoreIT extends ObjectStoreContract {

  private static final String BUCKET = "arkiv-contract";
  private static S3ProxyServer server;
  private static S3ObjectStore store;

  @BeforeAll
  static void startServer() throws Exception {
    server = S3ProxyServer.start(BUCKET);
    MinioAsyncClient client =
        MinioAsyncClient.builder()
            .endpoint(server.endpoint())
            .credentials(S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY)
            .build();
    // 5 MB parts (the S3 minimum), so the 12 MB file of the contract goes up in three parts.
    store = new S3ObjectStore(client, BUCKET, 5 * 1024 * 1024, server.endpoint());
    store.checkBucket();
  }

  @AfterAll
  static void stopServer() throws Exception {
    server.close();
  }

  @Override
  ObjectStore store() {
    return store;
  }

  @Test
  void anUploadWhoseChecksumDoesNotMatchIsRefusedAndNotStored() {
    byte[] content = "betalningsorder".getBytes(StandardCharsets.UTF_8);
    String wrong = S3ObjectStore.md5("something else".getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(
            () ->
                store.put(
                    prefix + "records/c/original",
                    new ByteArrayInputStream(content),
                    content.length,
                    wrong))
        .isInstanceOf(StorageUnavailable.class)
        .hasMessageContaining("HTTP 400");
    assertThat(store.stat(prefix + "records/c/original")).isEmpty();
  }

  @Test
  void aLockModeOnABucketWithoutObjectLockStopsStartUp() {
    MinioAsyncClient client =
        MinioAsyncClient.builder()
            .endpoint(server.endpoint())
            .credentials(S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY)
            .build();
    S3ObjectStore locked =
        new S3ObjectStore(
            client,
            BUCKET,
            5 << 20,
            server.endpoint(),
            RetentionMode.COMPLIANCE,
            Period.ofDays(365),
            Clock.systemUTC());
    assertThatThrownBy(locked::checkObjectLock)
        .hasMessageContaining("object-lock.mode is COMPLIANCE")
        .hasMessageContaining(BUCKET);
  }

  @Test
  void aMissingBucketStopsStartUpWithAClearMessage() {
    MinioAsyncClient client =
        MinioAsyncClient.builder()
            .endpoint(server.endpoint())
            .credentials(S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY)
            .build();
    S3ObjectStore missing = new S3ObjectStore(client, "no-such-bucket", 5 << 20, server.endpoint());
    assertThatThrownBy(missing::checkBucket)
        .hasMessageContaining("no-such-bucket")
        .hasMessageContaining("does not exist");
  }
}
