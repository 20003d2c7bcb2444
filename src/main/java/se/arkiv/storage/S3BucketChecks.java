package se.arkiv.storage;

import io.minio.BucketExistsArgs;
import io.minio.GetObjectLockConfigurationArgs;
import io.minio.PutObjectArgs;
import io.minio.RemoveObjectArgs;
import io.minio.messages.ObjectLockConfiguration;
import java.io.ByteArrayInputStream;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.arkiv.storage.S3Calls.Operation;

/**
 * The start-up checks of an S3 store: the bucket exists, Object Lock is on when a lock mode is set,
 * and a probe of what the store enforces (conditional creates, versions, checksums), so that Arkiv
 * does itself what the store does not. Each failure stops start-up with a message naming the
 * problem.
 */
final class S3BucketChecks {

  private static final Logger log = LoggerFactory.getLogger(S3BucketChecks.class);

  private static final String PROBES = "health/probes/";

  private final S3Client client;
  private final String bucket;
  private final String endpoint;
  private final S3Calls calls;

  S3BucketChecks(S3Client client, String bucket, String endpoint, S3Calls calls) {
    this.client = client;
    this.bucket = bucket;
    this.endpoint = endpoint;
    this.calls = calls;
  }

  void checkBucket() {
    boolean exists;
    try {
      exists =
          calls.callForAnswer(
              () -> client.bucketExists(BucketExistsArgs.builder().bucket(bucket).build()).get());
    } catch (Exception e) {
      throw new IllegalStateException(
          "Cannot reach S3 bucket '" + bucket + "' at " + endpoint + ": " + e.getMessage(), e);
    }
    if (!exists) {
      throw new IllegalStateException(
          "S3 bucket '"
              + bucket
              + "' does not exist at "
              + endpoint
              + ": create it (with versioning and Object Lock) as storage-config/minio-setup.md"
              + " says");
    }
  }

  /**
   * With a lock mode, the bucket must have Object Lock enabled: otherwise every locked write would
   * fail, or worse, a store without it would quietly accept deletes.
   */
  void checkObjectLock(String lockMode) {
    if (lockMode == null) {
      return;
    }
    ObjectLockConfiguration config;
    try {
      config =
          calls.callForAnswer(
              () ->
                  client
                      .getObjectLockConfiguration(
                          GetObjectLockConfigurationArgs.builder().bucket(bucket).build())
                      .get());
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
    if (config == null) {
      throw new IllegalStateException(
          "arkiv.storage.s3.object-lock.mode is "
              + lockMode
              + " but bucket '"
              + bucket
              + "' has no Object Lock: create the bucket with Object Lock (see"
              + " storage-config/minio-setup.md)");
    }
  }

  /**
   * Writes a small probe object twice on condition and once with a wrong checksum, lists its
   * versions, and removes it again. The probe carries no lock, so it can always be removed.
   */
  S3Guarantees probe(boolean objectLock, S3ObjectVersions versions) {
    String key = PROBES + UUID.randomUUID();
    byte[] content = {'p'};
    String md5 = S3ObjectStore.md5(content);
    put(key, content, Map.of("Content-MD5", md5, "If-None-Match", "*"));
    boolean conditional;
    try {
      put(key, content, Map.of("Content-MD5", md5, "If-None-Match", "*"));
      conditional = false;
    } catch (StorageUnavailable e) {
      if (S3Calls.status(e.getCause()) != 412) {
        throw e;
      }
      conditional = true;
    }
    boolean checksums;
    try {
      put(key + "-md5", content, Map.of("Content-MD5", S3ObjectStore.md5(new byte[] {'x'})));
      checksums = false;
    } catch (StorageUnavailable e) {
      if (S3Calls.status(e.getCause()) != 400) {
        throw e;
      }
      checksums = true;
    }
    boolean versioned = versions.supported(key);
    remove(key, versions);
    remove(key + "-md5", versions);
    return new S3Guarantees(objectLock, conditional, versioned, checksums);
  }

  private void put(String key, byte[] content, Map<String, String> headers) {
    calls.call(
        Operation.CHECK,
        key,
        () ->
            client
                .putObject(
                    PutObjectArgs.builder().bucket(bucket).object(key).stream(
                            new ByteArrayInputStream(content), content.length, -1)
                        .headers(headers)
                        .build())
                .get());
  }

  /** Removes every version of a probe; one a bucket's default retention locks stays, harmless. */
  private void remove(String key, S3ObjectVersions versions) {
    for (S3ObjectVersions.Version version : versions.of(key, () -> true)) {
      RemoveObjectArgs.Builder args = RemoveObjectArgs.builder().bucket(bucket).object(key);
      if (version.id() != null) {
        args.versionId(version.id());
      }
      try {
        calls.call(Operation.DELETE, key, () -> client.removeObject(args.build()).get());
      } catch (ObjectLocked e) {
        log.warn("Start-up probe {} stays: {}", key, e.getMessage());
      }
    }
  }
}
