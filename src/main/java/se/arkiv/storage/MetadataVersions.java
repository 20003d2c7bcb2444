package se.arkiv.storage;

import java.util.List;
import java.util.Optional;
import se.arkiv.record.RecordId;
import se.arkiv.record.RecordMetadata;

/**
 * A record's metadata versions, kept as every other versioned document is ({@link JsonDocuments}):
 * each change a new numbered version below {@link RecordLayout#metadataFolder}, never overwritten;
 * the highest number is the current metadata.
 */
final class MetadataVersions {

  private final JsonDocuments documents;

  MetadataVersions(JsonDocuments documents) {
    this.documents = documents;
  }

  /** Stores version {@code metadata.version()}; {@link ObjectAlreadyExists} when it is there. */
  void store(RecordMetadata metadata) {
    documents.createOnce(RecordLayout.metadataVersion(metadata.id(), metadata.version()), metadata);
  }

  Optional<RecordMetadata> latest(RecordId id) {
    return documents
        .versionKeys(RecordLayout.metadataFolder(id))
        .max(String::compareTo)
        .map(this::read);
  }

  /**
   * The number of the latest version, from the names of the versions alone (0: none): a comparison
   * of the whole store with the index reads only the records whose number differs.
   */
  int latestNumber(RecordId id) {
    return documents
        .versionKeys(RecordLayout.metadataFolder(id))
        .mapToInt(RecordLayout::metadataVersionOf)
        .max()
        .orElse(0);
  }

  /** One version by its number; {@link ObjectMissing} when it is not there. */
  RecordMetadata version(RecordId id, int version) {
    return read(RecordLayout.metadataVersion(id, version));
  }

  /** Every version, oldest first. */
  List<RecordMetadata> all(RecordId id) {
    return documents.versionKeys(RecordLayout.metadataFolder(id)).map(this::read).toList();
  }

  private RecordMetadata read(String key) {
    RecordMetadata metadata = documents.require(key, RecordMetadata.class);
    // A version copied or renamed by hand would otherwise pass for another one.
    if (RecordLayout.metadataVersionOf(key) != metadata.version()) {
      throw new IllegalStateException(key + " holds version " + metadata.version());
    }
    return metadata;
  }
}
