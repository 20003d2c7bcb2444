package se.arkiv.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The embedded object store: one file per object below a root folder. A write goes to a temporary
 * file in the target folder, is fsync'd, then appears under its key in one step: a hard link for
 * create (which fails if the key is taken, so nothing is ever overwritten) or an atomic rename for
 * replace. The folder is fsync'd afterwards so the new name survives a power cut.
 */
final class FilesystemObjectStore implements ObjectStore {

  private static final String TEMP_PREFIX = ".tmp-";
  private static final String LOCKS = ".locks";

  private final Path root;
  private final java.time.Clock clock;
  private final tools.jackson.databind.json.JsonMapper json =
      tools.jackson.databind.json.JsonMapper.builder().build();

  FilesystemObjectStore(Path root) {
    this(root, java.time.Clock.systemUTC());
  }

  FilesystemObjectStore(Path root, java.time.Clock clock) {
    this.clock = clock;
    this.root = root.toAbsolutePath().normalize();
    try {
      Files.createDirectories(this.root);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create object store folder " + this.root, e);
    }
  }

  @Override
  public ObjectInfo create(String key, Path content) {
    return write(
        key, temp -> Files.copy(content, temp, StandardCopyOption.REPLACE_EXISTING), false);
  }

  @Override
  public ObjectInfo create(String key, byte[] content) {
    return write(key, temp -> Files.write(temp, content), false);
  }

  @Override
  public ObjectInfo replace(String key, byte[] content) {
    return write(key, temp -> Files.write(temp, content), true);
  }

  private interface TempWriter {
    void writeTo(Path temp) throws IOException;
  }

  private ObjectInfo write(String key, TempWriter writer, boolean replace) {
    Path target = resolve(key);
    Path folder = target.getParent();
    Path temp = folder.resolve(TEMP_PREFIX + UUID.randomUUID());
    try {
      Files.createDirectories(folder);
      if (!replace && Files.exists(target)) {
        throw new ObjectAlreadyExists(key);
      }
      writer.writeTo(temp);
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        channel.force(true);
      }
      if (replace) {
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
      } else {
        try {
          Files.createLink(target, temp);
        } catch (FileAlreadyExistsException e) {
          throw new ObjectAlreadyExists(key);
        } finally {
          Files.deleteIfExists(temp);
        }
      }
      fsyncFolder(folder);
      return stat(key).orElseThrow(() -> new ObjectMissing(key));
    } catch (IOException e) {
      throw new StorageUnavailable("Cannot write " + key + ": " + e.getMessage(), e);
    } finally {
      try {
        Files.deleteIfExists(temp);
      } catch (IOException ignored) {
        // a leftover temp file is invisible to readers and harmless
      }
    }
  }

  private static void fsyncFolder(Path folder) {
    try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException e) {
      // Some filesystems cannot open a folder for reading; the data itself is already fsync'd.
    }
  }

  @Override
  public Optional<ObjectInfo> stat(String key) {
    Path path = resolve(key);
    try {
      BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
      if (!attributes.isRegularFile()) {
        return Optional.empty();
      }
      return Optional.of(
          new ObjectInfo(key, attributes.size(), attributes.lastModifiedTime().toInstant(), null));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new StorageUnavailable("Cannot read " + key + ": " + e.getMessage(), e);
    }
  }

  @Override
  public InputStream get(String key) {
    try {
      return Files.newInputStream(existing(key));
    } catch (IOException e) {
      throw new StorageUnavailable("Cannot read " + key + ": " + e.getMessage(), e);
    }
  }

  @Override
  public InputStream getRange(String key, long offset, long length) {
    try {
      SeekableByteChannel channel = Files.newByteChannel(existing(key), StandardOpenOption.READ);
      channel.position(offset);
      return new BoundedInputStream(Channels.newInputStream(channel), length);
    } catch (IOException e) {
      throw new StorageUnavailable("Cannot read " + key + ": " + e.getMessage(), e);
    }
  }

  @Override
  public Stream<String> list(String prefix) {
    ObjectKeys.check(prefix);
    Path folder = resolve(prefix);
    if (!Files.isDirectory(folder)) {
      return Stream.empty();
    }
    List<String> keys = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
      for (Path entry : entries) {
        String name = entry.getFileName().toString();
        if (name.startsWith(TEMP_PREFIX) || name.equals(LOCKS)) {
          continue;
        }
        keys.add(prefix + name + (Files.isDirectory(entry) ? "/" : ""));
      }
    } catch (IOException e) {
      throw new StorageUnavailable("Cannot list " + prefix + ": " + e.getMessage(), e);
    }
    keys.sort(null);
    return keys.stream();
  }

  @Override
  public synchronized void extendRetention(String key, java.time.Instant until) {
    LockSidecar lock = lock(key);
    if (lock.retainUntil() != null && until.isBefore(lock.retainUntil())) {
      throw new ObjectLocked(
          key + " is retained until " + lock.retainUntil() + "; retention is never shortened");
    }
    writeLock(key, new LockSidecar(until, lock.legalHold()));
  }

  @Override
  public Optional<java.time.Instant> retainedUntil(String key) {
    return Optional.ofNullable(lock(key).retainUntil());
  }

  @Override
  public synchronized void legalHold(String key, boolean on) {
    LockSidecar lock = lock(key);
    writeLock(key, new LockSidecar(lock.retainUntil(), on));
  }

  @Override
  public boolean underLegalHold(String key) {
    return lock(key).legalHold();
  }

  private LockSidecar lock(String key) {
    Path sidecar = lockPath(key);
    if (!Files.isRegularFile(sidecar)) {
      return LockSidecar.NONE;
    }
    try {
      return json.readValue(Files.readAllBytes(sidecar), LockSidecar.class);
    } catch (IOException e) {
      throw new StorageUnavailable("Cannot read the lock of " + key, e);
    }
  }

  private void writeLock(String key, LockSidecar lock) {
    Path sidecar = lockPath(key);
    Path temp = sidecar.resolveSibling(TEMP_PREFIX + UUID.randomUUID());
    try {
      Files.createDirectories(sidecar.getParent());
      Files.write(temp, json.writeValueAsBytes(lock));
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        channel.force(true);
      }
      Files.move(temp, sidecar, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new StorageUnavailable("Cannot write the lock of " + key, e);
    }
  }

  private Path lockPath(String key) {
    return root.resolve(LOCKS).resolve(ObjectKeys.check(key) + ".json").normalize();
  }

  @Override
  public synchronized void delete(String key) {
    Path path = resolve(key);
    LockSidecar lock = lock(key);
    if (lock.legalHold()) {
      throw new ObjectLocked(key + " is under legal hold");
    }
    if (lock.retainUntil() != null && clock.instant().isBefore(lock.retainUntil())) {
      throw new ObjectLocked(key + " is retained until " + lock.retainUntil());
    }
    try {
      if (Files.deleteIfExists(path)) {
        fsyncFolder(path.getParent());
        removeEmptyFolders(path.getParent(), root);
      }
      // The lock goes after the object, so a crash in between leaves a locked object, never an
      // unlocked one; its folders go too, or every destroyed record would leave some behind.
      Path lockFile = lockPath(key);
      if (Files.deleteIfExists(lockFile)) {
        removeEmptyFolders(lockFile.getParent(), root.resolve(LOCKS));
      }
    } catch (IOException e) {
      throw new StorageUnavailable("Cannot delete " + key + ": " + e.getMessage(), e);
    }
  }

  /** Empty folders would list as records that are no longer there. */
  private static void removeEmptyFolders(Path from, Path stopAt) throws IOException {
    try {
      for (Path folder = from;
          folder != null && !folder.equals(stopAt) && folder.startsWith(stopAt);
          folder = folder.getParent()) {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
          if (entries.iterator().hasNext()) {
            return;
          }
        }
        Files.deleteIfExists(folder);
      }
    } catch (java.nio.file.DirectoryNotEmptyException | java.nio.file.NoSuchFileException e) {
      // another writer put something in the folder meanwhile, or removed it: keep going
    }
  }

  @Override
  public String describe() {
    return "filesystem " + root;
  }

  private Path existing(String key) {
    Path path = resolve(key);
    if (!Files.isRegularFile(path)) {
      throw new ObjectMissing(key);
    }
    return path;
  }

  private Path resolve(String key) {
    Path path = root.resolve(ObjectKeys.check(key)).normalize();
    if (!path.startsWith(root)) {
      throw new IllegalArgumentException("Object key escapes the store: " + key);
    }
    return path;
  }
}
