package se.arkiv.storage;

import io.minio.ListObjectsArgs;
import io.minio.MinioAsyncClient;
import io.minio.Result;
import io.minio.messages.Item;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * The versions S3 keeps of one key: data versions newest first, as S3 lists them, then the delete
 * markers (the SDK reads the two lists of the answer one after the other). A store without
 * versioning (S3Proxy answers 501 to the listing) is said to hold one unnamed version when the key
 * exists.
 */
final class S3ObjectVersions {

  /** One version of a key: a delete marker or data; {@code id} is null on an unversioned store. */
  record Version(String id, boolean deleteMarker, boolean latest, String etag, Instant modified) {}

  private final MinioAsyncClient client;
  private final String bucket;
  private final S3Calls calls;

  S3ObjectVersions(MinioAsyncClient client, String bucket, S3Calls calls) {
    this.client = client;
    this.bucket = bucket;
    this.calls = calls;
  }

  /** Every version of exactly {@code key}, newest first; empty when there is none. */
  List<Version> of(String key, BooleanSupplier exists) {
    try {
      return calls.callForAnswer(
          () -> {
            List<Version> versions = new ArrayList<>();
            for (Result<Item> result :
                client.listObjects(
                    ListObjectsArgs.builder()
                        .bucket(bucket)
                        .prefix(key)
                        .includeVersions(true)
                        .build())) {
              Item item = result.get();
              if (item.objectName().equals(key)) {
                versions.add(
                    new Version(
                        named(item.versionId()),
                        item.isDeleteMarker(),
                        item.isLatest(),
                        item.etag() == null ? "" : item.etag().replace("\"", ""),
                        item.lastModified() == null ? null : item.lastModified().toInstant()));
              }
            }
            return versions;
          });
    } catch (Exception e) {
      if (S3Calls.status(e) == 501) {
        return exists.getAsBoolean()
            ? List.of(new Version(null, false, true, "", null))
            : List.of();
      }
      throw S3Calls.translate(S3Calls.Operation.LIST, key, e);
    }
  }

  /**
   * Whether the store keeps versions (a probe of the listing, which S3Proxy does not implement).
   */
  boolean supported(String probeKey) {
    try {
      calls.callForAnswer(
          () -> {
            for (Result<Item> result :
                client.listObjects(
                    ListObjectsArgs.builder()
                        .bucket(bucket)
                        .prefix(probeKey)
                        .includeVersions(true)
                        .build())) {
              result.get();
            }
            return null;
          });
      return true;
    } catch (Exception e) {
      if (S3Calls.status(e) == 501) {
        return false;
      }
      throw S3Calls.translate(S3Calls.Operation.CHECK, probeKey, e);
    }
  }

  private static String named(String versionId) {
    return versionId == null || versionId.isBlank() || "null".equals(versionId) ? null : versionId;
  }
}
