package se.arkiv.storage;

import io.minio.GetObjectArgs;
import io.minio.ListObjectsArgs;
import io.minio.MinioAsyncClient;
import io.minio.RemoveObjectArgs;
import io.minio.Result;
import io.minio.messages.Item;
import io.minio.messages.RetentionMode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.Period;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import se.arkiv.storage.S3Calls.Operation;

/**
 * The object store on S3 (MinIO, Ceph RGW, or any S3 with Object Lock), through one shared MinIO
 * SDK client. Every upload carries a Content-MD5 that the store checks, so a corrupted upload is
 * refused rather than stored; originals larger than one part go up in parts straight from the spool
 * file, never whole in memory. Every request goes through {@link S3Calls}; the work is done by
 * {@link S3ConditionalCreate}, {@link S3ObjectLocks}, {@link S3ObjectVersions} and {@link
 * S3BucketChecks}.
 *
 * <p>Why it is over 300 lines: each method is one operation of the {@link ObjectStore} port, mostly
 * delegating to the classes above; what remains is the port's breadth, not logic.
 */
final class S3ObjectStore implements ObjectStore {

  private final S3Client client;
  private final String bucket;
  private final String endpoint;
  private final S3Calls calls;
  private final S3ObjectLocks locks;
  private final S3ObjectVersions versions;
  private final S3Uploads uploads;
  private final S3ConditionalCreate creates;
  private final S3BucketChecks checks;
  private final S3Guarantees guarantees;
  private final Clock clock;

  S3ObjectStore(MinioAsyncClient client, String bucket, long partSize, String endpoint) {
    this(client, bucket, partSize, endpoint, null, Period.ofDays(365), Clock.systemUTC());
  }

  S3ObjectStore(
      MinioAsyncClient client,
      String bucket,
      long partSize,
      String endpoint,
      RetentionMode lockMode,
      Period lockHorizon,
      Clock clock) {
    this(
        client,
        bucket,
        partSize,
        endpoint,
        lockMode,
        lockHorizon,
        clock,
        S3Guarantees.ASSUMED,
        new S3Calls());
  }

  private S3ObjectStore(
      MinioAsyncClient sdk,
      String bucket,
      long partSize,
      String endpoint,
      RetentionMode lockMode,
      Period lockHorizon,
      Clock clock,
      S3Guarantees guarantees,
      S3Calls calls) {
    this.client = sdk instanceof S3Client own ? own : new S3Client(sdk);
    this.bucket = bucket;
    this.endpoint = endpoint;
    this.calls = calls;
    this.guarantees = guarantees;
    this.clock = clock;
    this.locks = new S3ObjectLocks(client, bucket, lockMode, lockHorizon, clock, calls);
    this.versions = new S3ObjectVersions(client, bucket, calls);
    this.uploads = new S3Uploads(client, bucket, partSize, locks, calls);
    this.creates =
        new S3ConditionalCreate(
            client, bucket, uploads, locks, versions, guarantees, calls, clock, this::head);
    this.checks = new S3BucketChecks(client, bucket, endpoint, calls);
  }

  /**
   * The store as start-up makes it: the bucket and its Object Lock checked (a failure stops
   * start-up with a message naming the problem), and what the store enforces probed, so that the
   * store does itself what the server does not.
   */
  static S3ObjectStore checked(
      MinioAsyncClient client,
      String bucket,
      long partSize,
      String endpoint,
      RetentionMode lockMode,
      Period lockHorizon,
      Clock clock) {
    S3ObjectStore unprobed =
        new S3ObjectStore(client, bucket, partSize, endpoint, lockMode, lockHorizon, clock);
    unprobed.checkBucket();
    unprobed.checkObjectLock();
    S3Guarantees probed = unprobed.checks.probe(lockMode != null, unprobed.versions);
    return new S3ObjectStore(
        client, bucket, partSize, endpoint, lockMode, lockHorizon, clock, probed, unprobed.calls);
  }

  void checkBucket() {
    checks.checkBucket();
  }

  void checkObjectLock() {
    checks.checkObjectLock(locks.enabled() ? locks.mode().name() : null);
  }

  S3Guarantees guarantees() {
    return guarantees;
  }

  /** Who enforces what on this store, one line each, for the start-up log. */
  List<String> describeGuarantees() {
    return guarantees.describe(locks.enabled() ? locks.mode().name() : null);
  }

  @Override
  public ObjectInfo create(String key, Path content) {
    return creates.create(ObjectKeys.check(key), new S3Uploads.FileContent(content));
  }

  @Override
  public ObjectInfo create(String key, byte[] content) {
    return creates.create(ObjectKeys.check(key), new S3Uploads.BytesContent(content));
  }

  @Override
  public ObjectInfo replace(String key, byte[] content) {
    ObjectKeys.check(key);
    S3Uploads.BytesContent bytes = new S3Uploads.BytesContent(content);
    try {
      String version =
          uploads
              .put(key, bytes, bytes.md5(), false, locks.enabled() ? locks.birthUntil() : null)
              .versionId();
      return new ObjectInfo(key, content.length, clock.instant(), version);
    } catch (Exception e) {
      throw S3Calls.translate(Operation.WRITE, key, e);
    }
  }

  /**
   * Puts with the Content-MD5 header, which the store checks against what it received: a mismatch
   * (BadDigest) fails the write and nothing is stored.
   */
  void put(String key, InputStream in, long size, String md5) throws IOException {
    byte[] bytes = in.readNBytes((int) size);
    try {
      uploads.put(key, new S3Uploads.BytesContent(bytes), md5, false, null);
    } catch (Exception e) {
      throw S3Calls.translate(Operation.WRITE, key, e);
    }
  }

  /** HEAD of the key, read leniently (see {@link S3Client}); empty when there is none. */
  private Optional<S3Client.Head> head(String key) {
    try {
      return Optional.of(calls.callForAnswer(() -> client.head(bucket, key, null).get()));
    } catch (Exception e) {
      if (S3Calls.isMissing(e)) {
        return Optional.empty();
      }
      throw S3Calls.translate(Operation.READ, key, e);
    }
  }

  @Override
  public Optional<ObjectInfo> stat(String key) {
    ObjectKeys.check(key);
    return head(key)
        .map(head -> new ObjectInfo(key, head.size(), head.lastModified(), head.versionId()));
  }

  @Override
  public InputStream get(String key) {
    return get(key, null);
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
  public InputStream getRange(String key, long offset, long length) {
    return getRange(key, null, offset, length);
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

  private InputStream read(String key, GetObjectArgs args) {
    return calls.call(Operation.READ, key, () -> client.getObject(args).get());
  }

  @Override
  public Stream<String> list(String prefix) {
    ObjectKeys.check(prefix);
    List<String> keys =
        calls.call(
            Operation.LIST,
            prefix,
            () -> {
              List<String> found = new ArrayList<>();
              for (Result<Item> result :
                  client.listObjects(
                      ListObjectsArgs.builder()
                          .bucket(bucket)
                          .prefix(prefix)
                          .delimiter("/")
                          .build())) {
                found.add(result.get().objectName());
              }
              return found;
            });
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
    for (S3ObjectVersions.Version version : versions.of(key, () -> stat(key).isPresent())) {
      RemoveObjectArgs.Builder remove = RemoveObjectArgs.builder().bucket(bucket).object(key);
      if (version.id() != null) {
        remove.versionId(version.id());
      }
      calls.call(Operation.DELETE, key, () -> client.removeObject(remove.build()).get());
    }
  }

  @Override
  public List<ObjectVersion> versions(String prefix) {
    return new S3KeyVersions(client, bucket, calls).under(prefix);
  }

  @Override
  public void extendRetention(String key, Instant until) {
    ObjectKeys.check(key);
    locks.extend(key, null, until);
  }

  @Override
  public Optional<Instant> retainedUntil(String key) {
    ObjectKeys.check(key);
    return locks.retainedUntil(key);
  }

  @Override
  public void legalHold(String key, boolean on) {
    ObjectKeys.check(key);
    locks.legalHold(key, null, on);
  }

  @Override
  public boolean underLegalHold(String key) {
    ObjectKeys.check(key);
    return locks.underLegalHold(key, null);
  }

  @Override
  public String describe() {
    return "s3 " + endpoint + " bucket " + bucket;
  }

  @Override
  public void checkServing() {
    checkBucket();
    checkObjectLock();
  }

  @Override
  public String lockEnforcement() {
    return locks.enabled() ? "S3 Object Lock " + locks.mode().name() : "Arkiv in software";
  }

  static String md5(byte[] content) {
    return Base64.getEncoder().encodeToString(digest().digest(content));
  }

  static String md5(Path file) throws IOException {
    MessageDigest md5 = digest();
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), md5)) {
      in.transferTo(OutputStream.nullOutputStream());
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
