package se.arkiv.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.minio.GetObjectArgs;
import io.minio.ListObjectsArgs;
import io.minio.MinioAsyncClient;
import io.minio.RemoveObjectArgs;
import io.minio.Result;
import io.minio.errors.ErrorResponseException;
import io.minio.messages.Item;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import se.arkiv.testing.CephRgwServer;

/**
 * The whole service on Ceph RGW with Object Lock in COMPLIANCE mode, as a bank would run it on S3:
 * the same end-to-end tests as on S3Proxy, and every original is seen locked by the store.
 */
@Tag("ceph")
class CephStoreIT extends S3EndToEnd {

  /** A bucket of each test's own on the run's one gateway. */
  private static final AtomicInteger BUCKETS = new AtomicInteger();

  @Override
  Server startServer() throws Exception {
    CephRgwServer server = CephRgwServer.shared();
    String bucket = "arkiv-end-to-end-" + BUCKETS.incrementAndGet();
    server.makeLockedBucket(bucket);
    MinioAsyncClient raw = server.client();
    return new Server() {
      private boolean down;

      @Override
      public Map<String, Object> properties() {
        return Map.of(
            "arkiv.storage.type",
            "s3",
            "arkiv.storage.s3.endpoint",
            server.endpoint(),
            "arkiv.storage.s3.bucket",
            bucket,
            "arkiv.storage.s3.access-key",
            server.accessKey(),
            "arkiv.storage.s3.secret-key",
            server.secretKey(),
            "arkiv.storage.s3.object-lock.mode",
            "COMPLIANCE",
            "arkiv.storage.s3.read-timeout",
            "5s",
            "arkiv.storage.s3.connect-timeout",
            "2s");
      }

      @Override
      public void down() throws Exception {
        down = true;
        server.stopGateway();
      }

      @Override
      public void up() throws Exception {
        server.startGateway();
        down = false;
      }

      @Override
      public void assertHoldsOriginal(String id, byte[] content) throws Exception {
        String key = "records/" + id + "/original";
        List<String> versions = new ArrayList<>();
        for (Result<Item> result :
            raw.listObjects(
                ListObjectsArgs.builder()
                    .bucket(bucket)
                    .prefix(key)
                    .includeVersions(true)
                    .build())) {
          versions.add(result.get().versionId());
        }
        assertThat(versions).hasSize(1);
        try (var in =
            raw.getObject(
                    GetObjectArgs.builder()
                        .bucket(bucket)
                        .object(key)
                        .versionId(versions.get(0))
                        .build())
                .get()) {
          assertThat(in.readAllBytes()).isEqualTo(content);
        }
        // The store itself refuses to delete it, whatever Arkiv would do.
        try {
          raw.removeObject(
                  RemoveObjectArgs.builder()
                      .bucket(bucket)
                      .object(key)
                      .versionId(versions.get(0))
                      .bypassGovernanceMode(true)
                      .build())
              .get();
          throw new AssertionError(key + " was deleted: it is not locked in the store");
        } catch (ExecutionException e) {
          Throwable cause = e.getCause();
          while (cause != null && !(cause instanceof ErrorResponseException)) {
            cause = cause.getCause();
          }
          assertThat(cause).isInstanceOf(ErrorResponseException.class);
          assertThat(((ErrorResponseException) cause).errorResponse().code())
              .isEqualTo("AccessDenied");
        }
      }

      @Override
      public void close() throws Exception {
        // The gateway is the run's: a test that failed during its outage must not leave it down.
        if (down) {
          up();
        }
      }
    };
  }
}
