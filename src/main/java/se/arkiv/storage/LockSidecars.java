package se.arkiv.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.UUID;
import tools.jackson.databind.json.JsonMapper;

/**
 * The lock files of the filesystem store, {@code .locks/<key>.json}, one {@link LockSidecar} per
 * object. A lock's read-modify-write, and a delete's check of the lock, run under {@link
 * #guard(String)}: one monitor per key, striped, so that filings of different records do not wait
 * for each other's fsyncs as they did under one monitor for the whole store.
 */
final class LockSidecars {

  static final String FOLDER = ".locks";

  private final Path folder;
  private final String tempPrefix;
  private final FileFlushes flushes;
  private final Object[] guards = new Object[64];
  private final JsonMapper json = StoredJson.compact();

  LockSidecars(Path root, String tempPrefix, FileFlushes flushes) {
    this.folder = root.resolve(FOLDER);
    this.tempPrefix = tempPrefix;
    this.flushes = flushes;
    for (int i = 0; i < guards.length; i++) {
      guards[i] = new Object();
    }
  }

  Object guard(String key) {
    return guards[Math.floorMod(key.hashCode(), guards.length)];
  }

  Path folder() {
    return folder;
  }

  LockSidecar read(String key) {
    Path sidecar = path(key);
    if (!Files.isRegularFile(sidecar)) {
      return LockSidecar.NONE;
    }
    try {
      return json.readValue(Files.readAllBytes(sidecar), LockSidecar.class);
    } catch (IOException e) {
      throw new StorageUnavailable("Cannot read the lock of " + key, e);
    }
  }

  /** Call under {@link #guard(String)} of the key. */
  void write(String key, LockSidecar lock) {
    Path sidecar = path(key);
    Path temp = sidecar.resolveSibling(tempPrefix + UUID.randomUUID());
    try {
      Files.createDirectories(sidecar.getParent());
      Files.write(temp, json.writeValueAsBytes(lock));
      flushes.durableFiles(List.of(temp));
      Files.move(temp, sidecar, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new StorageUnavailable("Cannot write the lock of " + key, e);
    }
  }

  Path path(String key) {
    return folder.resolve(ObjectKeys.check(key) + ".json").normalize();
  }
}
