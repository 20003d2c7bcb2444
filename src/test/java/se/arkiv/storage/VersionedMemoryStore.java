package se.arkiv.storage;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * An object store in memory with S3's versioning: every write is a new version, a delete without a
 * version id leaves a delete marker, and a read by version id gets exactly that version. For unit
 * tests that change the store behind Arkiv's back the way someone with bucket access can.
 */
public final class VersionedMemoryStore implements ObjectStore {

  private record Version(String id, byte[] bytes, boolean marker, Instant at) {}

  private final Map<String, List<Version>> objects = new TreeMap<>();
  private volatile Consumer<String> beforeReplace = key -> {};

  /** A handle on the store's records, as the service would have. */
  public RecordStore records() {
    return new RecordStore(this, event -> {});
  }

  /** A handle on the store's JSON documents (runs, holds, events), as the service would have. */
  public JsonDocuments documents() {
    return new JsonDocuments(this);
  }

  /** A plain PUT by someone with bucket access: a new current version. */
  public synchronized String overwrite(String key, byte[] content) {
    return put(key, content).versionId();
  }

  /** A plain DELETE without a version id: a delete marker becomes current. */
  public synchronized void deleteWithoutVersion(String key) {
    objects
        .computeIfAbsent(key, k -> new ArrayList<>())
        .add(new Version(UUID.randomUUID().toString(), null, true, Instant.now()));
  }

  /** A DELETE with a version id: that version is gone for good. */
  public synchronized void deleteVersion(String key, String versionId) {
    objects.getOrDefault(key, new ArrayList<>()).removeIf(v -> v.id().equals(versionId));
  }

  private ObjectInfo put(String key, byte[] content) {
    Version version = new Version(UUID.randomUUID().toString(), content, false, Instant.now());
    objects.computeIfAbsent(ObjectKeys.check(key), k -> new ArrayList<>()).add(version);
    return new ObjectInfo(key, content.length, version.at(), version.id());
  }

  private Optional<Version> current(String key) {
    List<Version> versions = objects.get(key);
    if (versions == null || versions.isEmpty()) {
      return Optional.empty();
    }
    Version latest = versions.get(versions.size() - 1);
    return latest.marker() ? Optional.empty() : Optional.of(latest);
  }

  @Override
  public synchronized ObjectInfo create(String key, Path content) {
    try {
      return create(key, Files.readAllBytes(content));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public synchronized ObjectInfo create(String key, byte[] content) {
    if (current(key).isPresent()) {
      throw new ObjectAlreadyExists(key);
    }
    return put(key, content);
  }

  /** Runs before each replace, outside the store's lock: a test can hold a writer there. */
  public void beforeReplace(Consumer<String> hook) {
    this.beforeReplace = hook;
  }

  @Override
  public ObjectInfo replace(String key, byte[] content) {
    beforeReplace.accept(key);
    synchronized (this) {
      return put(key, content);
    }
  }

  @Override
  public synchronized Optional<ObjectInfo> stat(String key) {
    return current(key).map(v -> new ObjectInfo(key, v.bytes().length, v.at(), v.id()));
  }

  @Override
  public synchronized InputStream get(String key) {
    return new ByteArrayInputStream(current(key).orElseThrow(() -> new ObjectMissing(key)).bytes());
  }

  @Override
  public synchronized InputStream get(String key, String versionId) {
    if (versionId == null) {
      return get(key);
    }
    return objects.getOrDefault(key, List.of()).stream()
        .filter(v -> v.id().equals(versionId) && !v.marker())
        .findFirst()
        .map(v -> (InputStream) new ByteArrayInputStream(v.bytes()))
        .orElseThrow(() -> new ObjectMissing(key));
  }

  @Override
  public synchronized InputStream getRange(String key, long offset, long length) {
    byte[] bytes = current(key).orElseThrow(() -> new ObjectMissing(key)).bytes();
    int from = (int) Math.min(offset, bytes.length);
    int to = (int) Math.min(bytes.length, offset + length);
    return new ByteArrayInputStream(bytes, from, to - from);
  }

  @Override
  public synchronized Stream<String> list(String prefix) {
    TreeSet<String> keys = new TreeSet<>();
    for (String key : objects.keySet()) {
      if (key.startsWith(prefix) && current(key).isPresent()) {
        int slash = key.indexOf('/', prefix.length());
        keys.add(slash < 0 ? key : key.substring(0, slash + 1));
      }
    }
    return new ArrayList<>(keys).stream();
  }

  @Override
  public synchronized List<ObjectVersion> versions(String prefix) {
    List<ObjectVersion> found = new ArrayList<>();
    objects.forEach(
        (key, versions) -> {
          if (key.startsWith(prefix)) {
            for (int i = 0; i < versions.size(); i++) {
              Version v = versions.get(i);
              found.add(
                  new ObjectVersion(
                      key,
                      v.id(),
                      i == versions.size() - 1,
                      v.marker(),
                      v.marker() ? 0 : v.bytes().length,
                      v.at()));
            }
          }
        });
    return found;
  }

  @Override
  public synchronized void delete(String key) {
    objects.remove(key);
  }

  @Override
  public void extendRetention(String key, Instant until) {}

  @Override
  public Optional<Instant> retainedUntil(String key) {
    return Optional.empty();
  }

  @Override
  public void legalHold(String key, boolean on) {}

  @Override
  public boolean underLegalHold(String key) {
    return false;
  }

  @Override
  public String describe() {
    return "versioned memory store";
  }
}
