package se.arkiv.storage;

import io.minio.BucketExistsArgs;
import io.minio.DisableObjectLegalHoldArgs;
import io.minio.EnableObjectLegalHoldArgs;
import io.minio.GetObjectArgs;
import io.minio.GetObjectRetentionArgs;
import io.minio.IsObjectLegalHoldEnabledArgs;
import io.minio.ListObjectsArgs;
import io.minio.MinioClient;
import io.minio.ObjectWriteResponse;
import io.minio.PutObjectArgs;
import io.minio.RemoveObjectArgs;
import io.minio.Result;
import io.minio.SetObjectRetentionArgs;
import io.minio.StatObjectArgs;
import io.minio.StatObjectResponse;
import io.minio.errors.ErrorResponseException;
import io.minio.messages.Item;
import io.minio.messages.Retention;
import io.minio.messages.RetentionMode;
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
import java.util.HexFormat;
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

  /** S3's smallest part, and so the smallest part size the SDK accepts. */
  private static final long MIN_PART = 5L * 1024 * 1024;

  private final MinioClient client;
  private final String bucket;
  private final long partSize;
  private final String endpoint;
  private final RetentionMode lockMode;
  private final java.time.Period lockHorizon;
  private final java.time.Clock clock;

  S3ObjectStore(MinioClient client, String bucket, long partSize, String endpoint) {
    this(
        client,
        bucket,
        partSize,
        endpoint,
        null,
        java.time.Period.ofDays(365),
        java.time.Clock.systemUTC());
  }

  S3ObjectStore(
      MinioClient client,
      String bucket,
      long partSize,
      String endpoint,
      RetentionMode lockMode,
      java.time.Period lockHorizon,
      java.time.Clock clock) {
    this.client = client;
    this.bucket = bucket;
    this.partSize = partSize;
    this.endpoint = endpoint;
    this.lockMode = lockMode;
    this.lockHorizon = lockHorizon;
    this.clock = clock;
  }

  /** Every new object is locked from its first byte until now + the horizon. */
  private Retention birthLock() {
    return new Retention(
        lockMode,
        java.time.ZonedDateTime.now(clock)
            .plus(lockHorizon)
            .withZoneSameInstant(java.time.ZoneOffset.UTC));
  }

  /**
   * With a lock mode, the bucket must have Object Lock enabled: otherwise every locked write would
   * fail, or worse, a store without it would quietly accept deletes.
   */
  void checkObjectLock() {
    if (lockMode == null) {
      return;
    }
    try {
      io.minio.messages.ObjectLockConfiguration config =
          client.getObjectLockConfiguration(
              io.minio.GetObjectLockConfigurationArgs.builder().bucket(bucket).build());
      if (config == null) {
        throw new IllegalStateException(
            "arkiv.storage.s3.object-lock.mode is "
                + lockMode
                + " but bucket '"
                + bucket
                + "' has no Object Lock: create the bucket with Object Lock (see"
                + " storage-config/minio-setup.md)");
      }
    } catch (IllegalStateException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(
          "arkiv.storage.s3.object-lock.mode is "
              + lockMode
              + " but Object Lock of bucket '"
              + bucket
              + "' cannot be read: "
              + e.getMessage(),
          e);
    }
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
      // Up to the part size: one request whose MD5 the store verifies. Larger: parts streamed
      // from the file, never whole in memory.
      String md5 = size <= partSize ? md5(content) : null;
      try (InputStream in = Files.newInputStream(content)) {
        return upload(key, in, size, md5, true);
      }
    } catch (IOException e) {
      throw unavailable("write", key, e);
    }
  }

  @Override
  public ObjectInfo create(String key, byte[] content) {
    ObjectKeys.check(key);
    refuseIfExists(key);
    return upload(key, new ByteArrayInputStream(content), content.length, md5(content), true);
  }

  @Override
  public ObjectInfo replace(String key, byte[] content) {
    ObjectKeys.check(key);
    return upload(key, new ByteArrayInputStream(content), content.length, md5(content), false);
  }

  /**
   * Puts with the Content-MD5 header, which the store checks against what it received: a mismatch
   * (BadDigest) fails the write and nothing is stored.
   */
  void put(String key, InputStream in, long size, String md5) {
    upload(key, in, size, md5, false);
  }

  /**
   * The one upload: with an MD5, a single request the store verifies; without, parts of {@code
   * partSize}. Every object carries its birth lock when a lock mode is set. The answer is built
   * from the store's reply, so a write costs no extra request.
   *
   * <p>A new object's single request carries {@code If-None-Match: *}: a store with conditional
   * writes (AWS S3, MinIO since 2024) refuses it atomically if another writer got there first,
   * where the check before it leaves a gap. Stores that ignore the header (older MinIO, S3Proxy)
   * keep that check alone; S3 takes the condition on the completion of a multipart upload, which
   * the SDK does not let us set, so large originals rely on the check and their unique keys.
   */
  private ObjectInfo upload(String key, InputStream in, long size, String md5, boolean mustBeNew) {
    try {
      PutObjectArgs.Builder args =
          PutObjectArgs.builder()
              .bucket(bucket)
              .object(ObjectKeys.check(key))
              .contentType("application/octet-stream");
      if (md5 != null) {
        // One request up to the part size (with -1 the SDK would split anything over 5 MiB
        // into parts that carry no MD5).
        args.stream(in, size, Math.max(size, MIN_PART))
            .headers(
                mustBeNew
                    ? Map.of("Content-MD5", md5, "If-None-Match", "*")
                    : Map.of("Content-MD5", md5));
      } else {
        args.stream(in, size, partSize);
      }
      if (lockMode != null) {
        args.retention(birthLock());
      }
      ObjectWriteResponse written = client.putObject(args.build());
      return new ObjectInfo(key, size, clock.instant(), written.versionId());
    } catch (ErrorResponseException e) {
      if (mustBeNew && e.response().code() == 412) {
        return ownEarlierWrite(key, md5).orElseThrow(() -> new ObjectAlreadyExists(key));
      }
      throw unavailable("write", key, e);
    } catch (Exception e) {
      throw unavailable("write", key, e);
    }
  }

  /**
   * After a 412: the HTTP client may have sent our PUT again after a connection reset, and the
   * first attempt stored it. Then the object there is ours (its ETag is the MD5 we sent) and the
   * write succeeded; anything else is another writer's object.
   */
  private Optional<ObjectInfo> ownEarlierWrite(String key, String md5) {
    if (md5 == null) {
      return Optional.empty();
    }
    try {
      StatObjectResponse stat =
          client.statObject(StatObjectArgs.builder().bucket(bucket).object(key).build());
      String etag = stat.etag() == null ? "" : stat.etag().replace("\"", "");
      String ours = HexFormat.of().formatHex(Base64.getDecoder().decode(md5));
      return etag.equalsIgnoreCase(ours)
          ? Optional.of(
              new ObjectInfo(key, stat.size(), stat.lastModified().toInstant(), stat.versionId()))
          : Optional.empty();
    } catch (Exception e) {
      return Optional.empty();
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
          withRetry(
              () -> client.statObject(StatObjectArgs.builder().bucket(bucket).object(key).build()));
      return Optional.of(
          new ObjectInfo(key, stat.size(), stat.lastModified().toInstant(), stat.versionId()));
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
  public InputStream get(String key, String versionId) {
    ObjectKeys.check(key);
    GetObjectArgs.Builder args = GetObjectArgs.builder().bucket(bucket).object(key);
    if (versionId != null) {
      args.versionId(versionId);
    }
    return read(key, args.build());
  }

  @Override
  public InputStream getRange(String key, String versionId, long offset, long length) {
    ObjectKeys.check(key);
    GetObjectArgs.Builder args =
        GetObjectArgs.builder().bucket(bucket).object(key).offset(offset).length(length);
    if (versionId != null) {
      args.versionId(versionId);
    }
    return read(key, args.build());
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
      return withRetry(() -> client.getObject(args));
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
      withRetry(
          () -> {
            keys.clear();
            for (Result<Item> result :
                client.listObjects(
                    ListObjectsArgs.builder()
                        .bucket(bucket)
                        .prefix(prefix)
                        .delimiter("/")
                        .build())) {
              keys.add(result.get().objectName());
            }
            return keys;
          });
    } catch (Exception e) {
      throw unavailable("list", prefix, e);
    }
    keys.sort(null);
    return keys.stream();
  }

  /**
   * Deletes every version of the key, each by its exact version id, so that nothing is left behind
   * a delete marker. Never sends a governance bypass: a locked version is refused by the store and
   * reported as {@link ObjectLocked}.
   */
  @Override
  public void delete(String key) {
    ObjectKeys.check(key);
    try {
      List<String> versions = versionsOf(key);
      for (String version : versions) {
        RemoveObjectArgs.Builder remove = RemoveObjectArgs.builder().bucket(bucket).object(key);
        if (version != null && !version.isBlank() && !"null".equals(version)) {
          remove.versionId(version);
        }
        client.removeObject(remove.build());
      }
    } catch (ErrorResponseException e) {
      if ("AccessDenied".equals(e.errorResponse().code())
          || "ObjectLocked".equals(e.errorResponse().code())) {
        throw new ObjectLocked(key + " is locked in the store: " + e.errorResponse().message());
      }
      throw unavailable("delete", key, e);
    } catch (Exception e) {
      throw unavailable("delete", key, e);
    }
  }

  /**
   * The version ids of a key. A store without versioning (S3Proxy answers 501 to the versions
   * listing) has one unnamed version.
   */
  private List<String> versionsOf(String key) throws Exception {
    List<String> versions = new ArrayList<>();
    try {
      for (Result<Item> result :
          client.listObjects(
              ListObjectsArgs.builder().bucket(bucket).prefix(key).includeVersions(true).build())) {
        Item item = result.get();
        if (item.objectName().equals(key)) {
          versions.add(item.versionId());
        }
      }
    } catch (ErrorResponseException e) {
      if (e.response().code() != 501) {
        throw e;
      }
      return stat(key).isPresent() ? java.util.Collections.singletonList(null) : List.of();
    }
    return versions;
  }

  @Override
  public List<ObjectVersion> versions(String prefix) {
    return new S3KeyVersions(client, bucket).under(prefix);
  }

  @Override
  public void extendRetention(String key, java.time.Instant until) {
    ObjectKeys.check(key);
    if (lockMode == null) {
      return;
    }
    // No governance bypass is ever sent, so the store itself refuses a shorter date.
    try {
      client.setObjectRetention(
          SetObjectRetentionArgs.builder()
              .bucket(bucket)
              .object(key)
              .config(new Retention(lockMode, until.atZone(java.time.ZoneOffset.UTC)))
              .build());
    } catch (ErrorResponseException e) {
      if ("AccessDenied".equals(e.errorResponse().code())
          || "InvalidRequest".equals(e.errorResponse().code())) {
        throw new ObjectLocked(
            key + " keeps its longer retention; the store refused: " + e.errorResponse().message());
      }
      throw unavailable("extend the retention of", key, e);
    } catch (Exception e) {
      throw unavailable("extend the retention of", key, e);
    }
  }

  @Override
  public Optional<java.time.Instant> retainedUntil(String key) {
    ObjectKeys.check(key);
    if (lockMode == null) {
      return Optional.empty();
    }
    try {
      Retention retention =
          client.getObjectRetention(
              GetObjectRetentionArgs.builder().bucket(bucket).object(key).build());
      return retention == null || retention.retainUntilDate() == null
          ? Optional.empty()
          : Optional.of(retention.retainUntilDate().toInstant());
    } catch (Exception e) {
      throw unavailable("read the retention of", key, e);
    }
  }

  @Override
  public void legalHold(String key, boolean on) {
    ObjectKeys.check(key);
    if (lockMode == null) {
      return;
    }
    try {
      if (on) {
        client.enableObjectLegalHold(
            EnableObjectLegalHoldArgs.builder().bucket(bucket).object(key).build());
      } else {
        client.disableObjectLegalHold(
            DisableObjectLegalHoldArgs.builder().bucket(bucket).object(key).build());
      }
    } catch (Exception e) {
      throw unavailable("set the legal hold of", key, e);
    }
  }

  @Override
  public boolean underLegalHold(String key) {
    ObjectKeys.check(key);
    if (lockMode == null) {
      return false;
    }
    try {
      return client.isObjectLegalHoldEnabled(
          IsObjectLegalHoldEnabledArgs.builder().bucket(bucket).object(key).build());
    } catch (Exception e) {
      throw unavailable("read the legal hold of", key, e);
    }
  }

  @Override
  public String describe() {
    return "s3 " + endpoint + " bucket " + bucket;
  }

  /** A call to the store that may fail transiently. */
  interface StoreCall<T> {
    T call() throws Exception;
  }

  private static final long[] BACKOFF_MILLIS = {200, 600};

  /**
   * Retries a call that failed on the way (connection refused or reset, a timeout) with a short
   * backoff; an answer from the store (404, 403, a checksum mismatch) is final at once.
   */
  static <T> T withRetry(StoreCall<T> call) throws Exception {
    for (int attempt = 0; ; attempt++) {
      try {
        return call.call();
      } catch (ErrorResponseException | ObjectAlreadyExists | IllegalArgumentException final_) {
        throw final_;
      } catch (IOException e) {
        if (attempt >= BACKOFF_MILLIS.length) {
          throw e;
        }
        Thread.sleep(BACKOFF_MILLIS[attempt]);
      }
    }
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
