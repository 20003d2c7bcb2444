package se.arkiv.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;
import se.arkiv.record.BusinessKeys;
import se.arkiv.record.RecordMetadata;

/**
 * Which record holds a filing identity (the bytes' SHA-256, the class, the department and the
 * business keys; see {@link DedupKeys}): one small object per identity, holding the record's id.
 * The object store has no unique index of its own, so this is it.
 */
final class DuplicateIndex {

  private final ObjectStore objects;
  private final MetadataVersions metadata;

  DuplicateIndex(ObjectStore objects, MetadataVersions metadata) {
    this.objects = objects;
    this.metadata = metadata;
  }

  /** The record already filed with these bytes, class and business keys, if it still exists. */
  Optional<RecordMetadata> find(
      String sha256, String recordClass, String department, BusinessKeys keys) {
    String key = RecordLayout.duplicate(sha256, recordClass, department, keys);
    if (objects.stat(key).isEmpty()) {
      return Optional.empty();
    }
    BusinessKeys asked = keys == null ? BusinessKeys.NONE : keys;
    try (InputStream in = objects.get(key)) {
      // A key may be stale (the record was corrected since): it counts only while the record
      // still has exactly this identity.
      return RecordLayout.recordId(new String(in.readAllBytes(), StandardCharsets.US_ASCII).strip())
          .flatMap(metadata::latest)
          .filter(
              r ->
                  r.sha256().equals(sha256)
                      && r.recordClass().equals(recordClass)
                      && Objects.equals(r.department(), department)
                      && r.keys().equals(asked));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Marks a record as the holder of its bytes, class and keys. */
  void register(RecordMetadata record) {
    String key = keyOf(record);
    // A key left by a destroyed record, or by a crash before its record was stored, is stale.
    objects.delete(key);
    objects.create(key, record.id().value().getBytes(StandardCharsets.US_ASCII));
  }

  /** The key of the record's identity; {@link RecordStore#destroy} deletes it with the record. */
  static String keyOf(RecordMetadata record) {
    return RecordLayout.duplicate(
        record.sha256(), record.recordClass(), record.department(), record.keys());
  }
}
