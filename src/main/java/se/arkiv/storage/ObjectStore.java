package se.arkiv.storage;

import java.io.InputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The object store port. Keys are slash-separated paths such as {@code records/<id>/original}.
 * Adapters: the filesystem (embedded default) and S3. Every write is all-or-nothing: a reader sees
 * the whole object or none of it. A new object is acknowledged only once its lock reads back as
 * intended (on S3 with Object Lock; the filesystem locks nothing at birth): otherwise the write
 * fails with {@link LockNotVerified}, a {@link StorageUnavailable}.
 */
public interface ObjectStore {

  /** Writes a new object; {@link ObjectAlreadyExists} when the key is taken (WORM semantics). */
  ObjectInfo create(String key, Path content);

  /** Writes a new object; {@link ObjectAlreadyExists} when the key is taken. */
  ObjectInfo create(String key, byte[] content);

  /** Writes or replaces a derived object (text, previews) that can be made again. */
  ObjectInfo replace(String key, byte[] content);

  Optional<ObjectInfo> stat(String key);

  /** The whole object; {@link ObjectMissing} when there is none. */
  InputStream get(String key);

  /** {@code length} bytes from {@code offset} (fewer at the end of the object). */
  InputStream getRange(String key, long offset, long length);

  /** One exact version of the object; a store without versions ignores the id. */
  default InputStream get(String key, String versionId) {
    return get(key);
  }

  /** A range of one exact version of the object. */
  default InputStream getRange(String key, String versionId, long offset, long length) {
    return getRange(key, offset, length);
  }

  /**
   * The keys directly below {@code prefix} (which ends with a slash): objects by their full key,
   * sub-folders as their full key ending in a slash. Sorted.
   */
  Stream<String> list(String prefix);

  /**
   * Deletes an object, every version of it; nothing happens when there is none. An object still
   * retained or under legal hold is refused with {@link ObjectLocked}; a store that refuses for
   * another reason (a permission, an outage) throws too, so a caller never believes a delete that
   * did not happen.
   */
  void delete(String key);

  /**
   * Deletes these objects in this order, each as {@link #delete(String)} does, and returns once
   * every deletion is durable; the first refusal stops it and is thrown, the objects before it
   * staying deleted. A store whose deletions wait on a flush (the filesystem) makes them durable
   * together at the end, rather than one flush per object.
   */
  default void deleteAll(List<String> keys) {
    keys.forEach(this::delete);
  }

  /**
   * Keeps the object at least until {@code until}: never shortens a retention already set (that is
   * refused with {@link ObjectLocked}). With S3 Object Lock the store itself enforces it; the
   * filesystem store enforces it in software.
   */
  void extendRetention(String key, Instant until);

  /** The retention set on the object, if any. */
  Optional<Instant> retainedUntil(String key);

  /** Sets or clears the legal hold of the object; a held object cannot be deleted. */
  void legalHold(String key, boolean on);

  boolean underLegalHold(String key);

  /**
   * Every version of every object whose key starts with {@code prefix}, delete markers included. A
   * store without versions has exactly one current version per object, without a version id.
   */
  default List<ObjectVersion> versions(String prefix) {
    List<ObjectVersion> found = new ArrayList<>();
    String folder =
        prefix.endsWith("/") ? prefix : prefix.substring(0, prefix.lastIndexOf('/') + 1);
    list(folder)
        .filter(key -> key.startsWith(prefix))
        .forEach(
            key -> {
              if (key.endsWith("/")) {
                found.addAll(versions(key));
              } else {
                stat(key)
                    .ifPresent(
                        info ->
                            found.add(
                                new ObjectVersion(
                                    key, null, true, false, info.size(), info.lastModified())));
              }
            });
    return found;
  }

  /** A short description for health and logs, without secrets. */
  String describe();

  /**
   * Throws when the store cannot serve: it does not answer, or (on S3) the bucket is gone or its
   * Object Lock is no longer as configured. Called by the health check, so it must be cheap.
   */
  default void checkServing() {
    stat("health/probe");
  }

  /** Who keeps retention and holds, for health: the S3 Object Lock mode, or Arkiv in software. */
  default String lockEnforcement() {
    return "Arkiv in software";
  }
}
