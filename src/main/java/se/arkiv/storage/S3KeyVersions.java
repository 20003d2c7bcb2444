package se.arkiv.storage;

import io.minio.ListObjectsArgs;
import io.minio.MinioAsyncClient;
import io.minio.Result;
import io.minio.messages.Item;
import java.util.ArrayList;
import java.util.List;

/**
 * Every version and delete marker below a prefix, in one listing: fixity's view of what someone
 * with bucket access may have done behind Arkiv's back. A store without versioning (S3Proxy answers
 * 501) has one current version per object.
 */
final class S3KeyVersions {

  private final MinioAsyncClient client;
  private final String bucket;
  private final S3Calls calls;

  S3KeyVersions(MinioAsyncClient client, String bucket, S3Calls calls) {
    this.client = client;
    this.bucket = bucket;
    this.calls = calls;
  }

  List<ObjectVersion> under(String prefix) {
    ObjectKeys.check(prefix);
    try {
      return calls.callForAnswer(() -> list(prefix, true));
    } catch (Exception e) {
      if (S3Calls.status(e) == 501) {
        return calls.call(S3Calls.Operation.LIST, prefix, () -> list(prefix, false));
      }
      throw S3Calls.translate(S3Calls.Operation.LIST, prefix, e);
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
}
