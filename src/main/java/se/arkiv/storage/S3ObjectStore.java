package se.arkiv.storage;

import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.ListObjectsArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.RemoveObjectArgs;
import io.minio.Result;
import io.minio.StatObjectArgs;
import io.minio.StatObjectResponse;
import io.minio.errors.ErrorResponseException;
import io.minio.messages.Item;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The object store on S3 (MinIO, or any S3 with Object Lock), through one shared {@link
 * MinioClient}. Every upload carries a Content-MD5 that the store checks, so a corrupted upload is
 * refused rather than stored; originals larger than one part go up in parts straight from the spool
 * file, never whole in memory.
 */
final class S3ObjectStore implements ObjectStore {

  private final MinioClient client;
  private final String bucket;
  private final long partSize;
  private final String endpoint;

  S3ObjectStore(MinioClient client, String bucket, long partSize, String endpoint) {
    this.client = client;
    this.bucket = bucket;
    this.partSize = partSize;
    this.endpoint = endpoint;
  }

  /** Fails start-up with a clear message when the bucket is missing or unreachable. */
  void checkBucket() {
    try {
      if (!client.bucketExists(BucketExistsArgs.builder().bucket(bucket).build())) {
        throw new IllegalStateException(
            "S3 bucket '"
                + bucket
                + "' does not exist at "
                + endpoint
                + ": create it (with versioning and Object Lock) as storage-config/minio-setup.md"
                + " says");
      }
    } catch (IllegalStateException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(
          "Cannot reach S3 bucket '" + bucket + "' at " + endpoint + ": " + e.getMessage(), e);
    }
  }

  @Override
  public ObjectInfo create(String key, Path content) {
    ObjectKeys.check(key);
    refuseIfExists(key);
    try {
      long size = Files.size(content);
      if (size <= partSize) {
        // One request: the store verifies the whole object against its MD5.
        String md5 = md5(content);
        try (InputStream in = Files.newInputStream(content)) {
          put(key, in, size, md5);
        }
      } else {
        try (InputStream in = Files.newInputStream(content)) {
          client.putObject(
              PutObjectArgs.builder().bucket(bucket).object(ObjectKeys.check(key)).stream(
                      in, size, partSize)
                  .contentType("application/octet-stream")
                  .build());
        }
      }
      return stat(key).orElseThrow(() -> new ObjectMissing(key));
    } catch (IOException e) {
      throw unavailable("write", key, e);
    } catch (ObjectAlreadyExists | StorageUnavailable e) {
      throw e;
    } catch (Exception e) {
      throw unavailable("write", key, e);
    }
  }

  @Override
  public ObjectInfo create(String key, byte[] content) {
    ObjectKeys.check(key);
    refuseIfExists(key);
    return write(key, content);
  }

  @Override
  public ObjectInfo replace(String key, byte[] content) {
    return write(key, content);
  }

  private ObjectInfo write(String key, byte[] content) {
    ObjectKeys.check(key);
    put(key, new ByteArrayInputStream(content), content.length, md5(content));
    return stat(key).orElseThrow(() -> new ObjectMissing(key));
  }

  /**
   * Puts with the Content-MD5 header, which the store checks against what it received: a mismatch
   * (BadDigest) fails the write and nothing is stored.
   */
  void put(String key, InputStream in, long size, String md5) {
    try {
      client.putObject(
          PutObjectArgs.builder().bucket(bucket).object(ObjectKeys.check(key)).stream(in, size, -1)
              .headers(Map.of("Content-MD5", md5))
              .contentType("application/octet-stream")
              .build());
    } catch (Exception e) {
      throw unavailable("write", key, e);
    }
  }

  private void refuseIfExists(String key) {
    if (stat(key).isPresent()) {
      throw new ObjectAlreadyExists(key);
    }
  }

  @Override
  public Optional<ObjectInfo> stat(String key) {
    ObjectKeys.check(key);
    try {
      StatObjectResponse stat =
          client.statObject(
              StatObjectArgs.builder().bucket(bucket).object(ObjectKeys.check(key)).build());
      return Optional.of(new ObjectInfo(key, stat.size(), stat.lastModified().toInstant()));
    } catch (ErrorResponseException e) {
      if (isMissing(e)) {
        return Optional.empty();
      }
      throw unavailable("read", key, e);
    } catch (Exception e) {
      throw unavailable("read", key, e);
    }
  }

  @Override
  public InputStream get(String key) {
    ObjectKeys.check(key);
    return read(key, GetObjectArgs.builder().bucket(bucket).object(ObjectKeys.check(key)).build());
  }

  @Override
  public InputStream getRange(String key, long offset, long length) {
    return read(
        key,
        GetObjectArgs.builder()
            .bucket(bucket)
            .object(ObjectKeys.check(key))
            .offset(offset)
            .length(length)
            .build());
  }

  private InputStream read(String key, GetObjectArgs args) {
    try {
      return client.getObject(args);
    } catch (ErrorResponseException e) {
      if (isMissing(e)) {
        throw new ObjectMissing(key);
      }
      throw unavailable("read", key, e);
    } catch (Exception e) {
      throw unavailable("read", key, e);
    }
  }

  @Override
  public Stream<String> list(String prefix) {
    ObjectKeys.check(prefix);
    List<String> keys = new ArrayList<>();
    try {
      for (Result<Item> result :
          client.listObjects(
              ListObjectsArgs.builder().bucket(bucket).prefix(prefix).delimiter("/").build())) {
        keys.add(result.get().objectName());
      }
    } catch (Exception e) {
      throw unavailable("list", prefix, e);
    }
    keys.sort(null);
    return keys.stream();
  }

  @Override
  public void delete(String key) {
    ObjectKeys.check(key);
    try {
      client.removeObject(
          RemoveObjectArgs.builder().bucket(bucket).object(ObjectKeys.check(key)).build());
    } catch (Exception e) {
      throw unavailable("delete", key, e);
    }
  }

  @Override
  public String describe() {
    return "s3 " + endpoint + " bucket " + bucket;
  }

  private static boolean isMissing(ErrorResponseException e) {
    String code = e.errorResponse().code();
    return "NoSuchKey".equals(code)
        || "NoSuchObject".equals(code)
        || "NotFound".equals(code)
        || e.response().code() == 404;
  }

  private static StorageUnavailable unavailable(String what, String key, Exception e) {
    String detail = e.getMessage();
    if (e instanceof ErrorResponseException error && error.errorResponse() != null) {
      detail = error.errorResponse().code() + " (HTTP " + error.response().code() + "): " + detail;
    }
    return new StorageUnavailable("S3 store could not " + what + " " + key + ": " + detail, e);
  }

  static String md5(byte[] content) {
    return Base64.getEncoder().encodeToString(digest().digest(content));
  }

  static String md5(Path file) throws IOException {
    MessageDigest md5 = digest();
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), md5)) {
      in.transferTo(java.io.OutputStream.nullOutputStream());
    }
    return Base64.getEncoder().encodeToString(md5.digest());
  }

  private static MessageDigest digest() {
    try {
      return MessageDigest.getInstance("MD5");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("MD5 is missing from this JVM", e);
    }
  }
}
