package se.arkiv.storage;

import io.minio.ListObjectsArgs;
import io.minio.MinioClient;
import io.minio.Result;
import io.minio.errors.ErrorResponseException;
import io.minio.messages.Item;
import java.util.ArrayList;
import java.util.List;

/**
 * Every version and delete marker below a prefix, in one listing: fixity's view of what someone
 * with bucket access may have done behind Arkiv's back. A store without versioning (S3Proxy answers
 * 501) has one current version per object.
 */
final class S3KeyVersions {

  private final MinioClient client;
  private final String bucket;

  S3KeyVersions(MinioClient client, String bucket) {
    this.client = client;
    this.bucket = bucket;
  }

  List<ObjectVersion> under(String prefix) {
    ObjectKeys.check(prefix);
    try {
      return list(prefix, true);
    } catch (ErrorResponseException e) {
      if (e.response().code() != 501) {
        throw unavailable(prefix, e);
      }
      try {
        return list(prefix, false);
      } catch (Exception again) {
        throw unavailable(prefix, again);
      }
    } catch (Exception e) {
      throw unavailable(prefix, e);
    }
  }

  private List<ObjectVersion> list(String prefix, boolean versions) throws Exception {
    List<ObjectVersion> found = new ArrayList<>();
    for (Result<Item> result :
        client.listObjects(
            ListObjectsArgs.builder()
                .bucket(bucket)
                .prefix(prefix)
                .recursive(true)
                .includeVersions(versions)
                .build())) {
      Item item = result.get();
      String id = item.versionId();
      found.add(
          new ObjectVersion(
              item.objectName(),
              id == null || id.isBlank() || "null".equals(id) ? null : id,
              !versions || item.isLatest(),
              item.isDeleteMarker(),
              item.isDeleteMarker() ? 0 : item.size(),
              item.lastModified() == null ? null : item.lastModified().toInstant()));
    }
    return found;
  }

  private static StorageUnavailable unavailable(String prefix, Exception e) {
    return new StorageUnavailable(
        "S3 store could not list the versions below " + prefix + ": " + e.getMessage(), e);
  }
}
