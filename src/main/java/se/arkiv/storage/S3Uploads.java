package se.arkiv.storage;

import io.minio.MinioAsyncClient;
import io.minio.ObjectWriteResponse;
import io.minio.PutObjectArgs;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

/**
 * The one way bytes go up: with an MD5, a single request the store verifies; without, parts of
 * {@code partSize} streamed from the file, never whole in memory. Each attempt opens the content
 * afresh, so a retried upload sends all of it again.
 */
final class S3Uploads {

  /** S3's smallest part, and so the smallest part size the SDK accepts. */
  private static final long MIN_PART = 5L * 1024 * 1024;

  /** Bytes to upload, re-readable for a retry. */
  interface Content {
    long size() throws IOException;

    InputStream open() throws IOException;

    String md5() throws IOException;
  }

  record FileContent(Path file) implements Content {
    @Override
    public long size() throws IOException {
      return Files.size(file);
    }

    @Override
    public InputStream open() throws IOException {
      return Files.newInputStream(file);
    }

    @Override
    public String md5() throws IOException {
      return S3ObjectStore.md5(file);
    }
  }

  record BytesContent(byte[] bytes) implements Content {
    @Override
    public long size() {
      return bytes.length;
    }

    @Override
    public InputStream open() {
      return new ByteArrayInputStream(bytes);
    }

    @Override
    public String md5() {
      return S3ObjectStore.md5(bytes);
    }
  }

  private final MinioAsyncClient client;
  private final String bucket;
  private final long partSize;
  private final S3ObjectLocks locks;
  private final S3Calls calls;

  S3Uploads(
      MinioAsyncClient client, String bucket, long partSize, S3ObjectLocks locks, S3Calls calls) {
    this.client = client;
    this.bucket = bucket;
    this.partSize = partSize;
    this.locks = locks;
    this.calls = calls;
  }

  /**
   * Whether the content goes up in parts: a file larger than one part. Bytes already in memory go
   * up in one request whatever their size, so the store verifies their MD5.
   */
  boolean inParts(Content content) throws IOException {
    return content instanceof FileContent && content.size() > partSize;
  }

  /**
   * Uploads the content. {@code md5} null means in parts; {@code ifNoneMatch} asks the store to
   * refuse if the key exists; {@code lockUntil} (null: none) sends the lock with the write. The
   * store's refusal comes back as the SDK's exception, for the caller to read.
   */
  ObjectWriteResponse put(
      String key, Content content, String md5, boolean ifNoneMatch, Instant lockUntil)
      throws Exception {
    long size = content.size();
    return calls.callForAnswer(
        () -> {
          try (InputStream in = content.open()) {
            PutObjectArgs.Builder args =
                PutObjectArgs.builder()
                    .bucket(bucket)
                    .object(key)
                    .contentType("application/octet-stream");
            if (md5 != null) {
              // One request up to the part size (with -1 the SDK would split anything over 5 MiB
              // into parts that carry no MD5).
              args.stream(in, size, Math.max(size, MIN_PART))
                  .headers(
                      ifNoneMatch
                          ? Map.of("Content-MD5", md5, "If-None-Match", "*")
                          : Map.of("Content-MD5", md5));
            } else {
              args.stream(in, size, partSize);
            }
            if (lockUntil != null && locks.enabled()) {
              args.retention(locks.retention(lockUntil));
            }
            return client.putObject(args.build()).get();
          }
        });
  }
}
