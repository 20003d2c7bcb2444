package se.arkiv.storage;

import io.minio.MinioAsyncClient;
import io.minio.ObjectWriteResponse;
import io.minio.RemoveObjectArgs;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.arkiv.storage.S3Calls.Operation;
import se.arkiv.storage.S3ObjectVersions.Version;

/**
 * Writing a key that must not exist yet, on any S3 store, and acknowledging it only once its lock
 * reads back as intended.
 *
 * <p>Where the store enforces {@code If-None-Match: *} (AWS S3, MinIO since 2024), one request
 * carries the condition and the lock and is refused atomically when another writer got there first.
 * Where it does not (Ceph RGW in versioned buckets, S3Proxy), or for an upload in parts (the SDK
 * cannot put the condition on its completion), the first version wins: the object goes up, the
 * key's versions are listed, and a writer whose version is not the oldest takes its own back and
 * reports the key as taken. Such a write goes up unlocked when it is a single request, so it can be
 * taken back; the lock is set right after, once the write has won.
 */
final class S3ConditionalCreate {

  private static final Logger log = LoggerFactory.getLogger(S3ConditionalCreate.class);

  /** The HEAD of a key, as the store reads it; empty when there is none. */
  interface Heads {
    Optional<S3Client.Head> head(String key);
  }

  private final MinioAsyncClient client;
  private final String bucket;
  private final S3Uploads uploads;
  private final S3ObjectLocks locks;
  private final S3ObjectVersions versions;
  private final S3Guarantees guarantees;
  private final S3Calls calls;
  private final Clock clock;

  private final Heads heads;

  S3ConditionalCreate(
      MinioAsyncClient client,
      String bucket,
      S3Uploads uploads,
      S3ObjectLocks locks,
      S3ObjectVersions versions,
      S3Guarantees guarantees,
      S3Calls calls,
      Clock clock,
      Heads heads) {
    this.client = client;
    this.bucket = bucket;
    this.uploads = uploads;
    this.locks = locks;
    this.versions = versions;
    this.guarantees = guarantees;
    this.calls = calls;
    this.clock = clock;
    this.heads = heads;
  }

  ObjectInfo create(String key, S3Uploads.Content content) {
    if (heads.head(key).isPresent()) {
      throw new ObjectAlreadyExists(key);
    }
    long size;
    boolean inParts;
    String md5;
    try {
      size = content.size();
      inParts = uploads.inParts(content);
      md5 = inParts ? null : content.md5();
    } catch (IOException e) {
      throw new StorageUnavailable("Cannot read the content for " + key + ": " + e, e);
    }
    boolean atomic = guarantees.conditionalCreate() && !inParts;
    Instant until = locks.enabled() ? locks.birthUntil() : null;
    // Parts carry the lock from the first part where the store honours it (MinIO); a single
    // request on a store without the condition goes unlocked, so a losing writer can take it back.
    Instant sentLock = atomic || inParts ? until : null;
    ObjectWriteResponse written;
    try {
      written = uploads.put(key, content, md5, true, sentLock);
    } catch (Exception e) {
      if (S3Calls.status(e) == 412) {
        return ownEarlierWrite(key, md5).orElseThrow(() -> new ObjectAlreadyExists(key));
      }
      throw S3Calls.translate(Operation.WRITE, key, e);
    }
    String versionId = blankToNull(written.versionId());
    if (!atomic && guarantees.versions()) {
      versionId = firstVersionWins(key, versionId, md5);
    }
    if (locks.enabled()) {
      try {
        if (inParts) {
          // Set, then read back: Ceph RGW ignores the lock and legal-hold headers of a multipart
          // upload. Where the store kept the lock sent with the parts (MinIO), it is left as it
          // is: setting the same date again may be refused.
          if (locks.lockOf(key, versionId).filter(lock -> locks.satisfies(lock, until)).isEmpty()) {
            locks.extend(key, versionId, until);
          }
          locks.legalHold(key, versionId, false);
          locks.verifyHold(key, versionId, false);
        } else if (!atomic) {
          // The single request went up unlocked so that a losing writer could take it back.
          locks.extend(key, versionId, until);
        }
        locks.verifyLock(key, versionId, until);
      } catch (RuntimeException e) {
        // Not acknowledged: an unlocked version must not stay to win the key later.
        takeBack(key, versionId);
        throw e;
      }
    }
    return new ObjectInfo(key, size, clock.instant(), versionId);
  }

  /**
   * The oldest version written since the key last held a delete marker is the one that counts. Our
   * own version is taken back when it is not that one; when that one has our bytes (the client sent
   * our request twice), it is ours and the write succeeded.
   */
  private String firstVersionWins(String key, String ours, String md5) {
    List<Version> all = versions.of(key, () -> true);
    Instant deleted =
        all.stream()
            .filter(Version::deleteMarker)
            .map(Version::modified)
            .filter(Objects::nonNull)
            .max(Comparator.naturalOrder())
            .orElse(Instant.MIN);
    // Data versions come newest first; those older than the key's last delete marker do not count.
    List<Version> live =
        all.stream()
            .filter(v -> !v.deleteMarker())
            .filter(v -> v.modified() == null || v.modified().isAfter(deleted))
            .toList();
    if (live.isEmpty()) {
      throw new StorageUnavailable(
          "S3 store lists no version of " + key + " right after writing it", null);
    }
    if (ours == null) {
      // A store that does not name the version of a completed upload: the newest is ours.
      ours = live.get(0).id();
    }
    Version first = live.get(live.size() - 1);
    if (Objects.equals(first.id(), ours)) {
      return ours;
    }
    boolean sameBytes = md5 != null && first.etag().equalsIgnoreCase(hex(md5));
    takeBack(key, ours);
    if (sameBytes) {
      return first.id();
    }
    throw new ObjectAlreadyExists(key);
  }

  /** Removes our own version of a write that is not acknowledged; a locked one stays. */
  private void takeBack(String key, String versionId) {
    if (versionId == null) {
      return;
    }
    try {
      calls.call(
          Operation.DELETE,
          key,
          () ->
              client
                  .removeObject(
                      RemoveObjectArgs.builder()
                          .bucket(bucket)
                          .object(key)
                          .versionId(versionId)
                          .build())
                  .get());
    } catch (RuntimeException e) {
      log.warn("Version {} of {} was not acknowledged and stays: {}", versionId, key, e.toString());
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
      return heads
          .head(key)
          .filter(head -> head.etag().equalsIgnoreCase(hex(md5)))
          .map(head -> new ObjectInfo(key, head.size(), head.lastModified(), head.versionId()));
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  private static String hex(String base64Md5) {
    return HexFormat.of().formatHex(Base64.getDecoder().decode(base64Md5));
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
