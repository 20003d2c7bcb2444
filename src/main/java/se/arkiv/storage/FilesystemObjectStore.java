package se.arkiv.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The embedded object store: one file per object below a root folder. A create goes to a temporary
 * file in the target folder, is fsync'd, then appears under its key in one step, a hard link (which
 * fails if the key is taken, so nothing is ever overwritten); the folder, and the parent of any
 * folder the create made, are fsync'd afterwards so the new name survives a power cut. A replace
 * (derived objects only) is an atomic rename, flushed with the next create's flush rather than at
 * once. Folder fsyncs of concurrent writers are grouped, file fsyncs run side by side ({@link
 * FileFlushes}).
 *
 * <p>Just over 300 lines: the create and delete protocols sit together because both check and keep
 * the lock files under the same per-key guards; the flushes, locks and empty folders are classes of
 * their own.
 */
final class FilesystemObjectStore implements ObjectStore {

  private static final String TEMP_PREFIX = ".tmp-";
  private static final String LOCKS = LockSidecars.FOLDER;

  private final Path root;
  private final Clock clock;
  private final FileFlushes flushes = new FileFlushes();
  private final LockSidecars locks;

  FilesystemObjectStore(Path root) {
    this(root, Clock.systemUTC());
  }

  FilesystemObjectStore(Path root, Clock clock) {
    this.clock = clock;
    this.root = root.toAbsolutePath().normalize();
    this.locks = new LockSidecars(this.root, TEMP_PREFIX, flushes);
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
      List<Path> folders = createFolders(folder);
      if (!replace && Files.exists(target)) {
        throw new ObjectAlreadyExists(key);
      }
      writer.writeTo(temp);
      if (replace) {
        // Derived and made again when lost: flushed with the next flush, whoever asks for it.
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        folders.add(0, target);
        flushes.later(folders);
      } else {
        // The bytes are durable before the name is, so a name never stands for a torn object.
        flushes.durableFiles(List.of(temp));
        try {
          Files.createLink(target, temp);
        } catch (FileAlreadyExistsException e) {
          throw new ObjectAlreadyExists(key);
        } finally {
          Files.deleteIfExists(temp);
        }
        flushes.durableFolders(folders);
      }
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

  /**
   * Creates the folder (and its parents) as needed; answers the folders whose entries must be
   * flushed for a new name in {@code folder} to survive a power cut: the folder itself and the
   * parent of each folder made here.
   */
  private List<Path> createFolders(Path folder) throws IOException {
    List<Path> flush = new ArrayList<>();
    flush.add(folder);
    for (Path f = folder; f != null && f.startsWith(root) && !Files.isDirectory(f); ) {
      Path parent = f.getParent();
      flush.add(parent);
      f = parent;
    }
    Files.createDirectories(folder);
    return flush;
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
  public void extendRetention(String key, Instant until) {
    synchronized (locks.guard(key)) {
      LockSidecar lock = locks.read(key);
      if (lock.retainUntil() != null && until.isBefore(lock.retainUntil())) {
        throw new ObjectLocked(
            key + " is retained until " + lock.retainUntil() + "; retention is never shortened");
      }
      locks.write(key, new LockSidecar(until, lock.legalHold()));
    }
  }

  @Override
  public Optional<Instant> retainedUntil(String key) {
    return Optional.ofNullable(locks.read(key).retainUntil());
  }

  @Override
  public void legalHold(String key, boolean on) {
    synchronized (locks.guard(key)) {
      LockSidecar lock = locks.read(key);
      locks.write(key, new LockSidecar(lock.retainUntil(), on));
    }
  }

  @Override
  public boolean underLegalHold(String key) {
    return locks.read(key).legalHold();
  }

  @Override
  public void delete(String key) {
    deleteAll(List.of(key));
  }

  /**
   * In three steps over all the keys: the objects go (each checked against its lock, under the
   * lock's guard), with the folders they leave empty; then one flush of each folder that lost an
   * entry and is still there (for a record's objects: {@code records/} and {@code dedup/}, flushed
   * together with every other writer's deletions there); only then the lock files. So a crash
   * leaves a locked object or none, never an unlocked one, at one flush per folder rather than one
   * per object. Flushing the folder above an emptied one makes the deletions inside it durable:
   * that folder could only go once it was empty.
   */
  @Override
  public void deleteAll(List<String> keys) {
    List<String> unlocked = new ArrayList<>();
    Set<Path> losing = new LinkedHashSet<>();
    try {
      try {
        for (String key : keys) {
          Path path = resolve(key);
          if (deleteUnlessLocked(key, path)) {
            losing.add(path.getParent());
          }
          unlocked.add(key);
        }
      } finally {
        // Also after a refusal: the objects deleted before it are made durable and unlocked.
        flushes.durableFolders(EmptyFolders.remove(losing, root));
        Set<Path> lockFolders = new LinkedHashSet<>();
        for (String key : unlocked) {
          Path lockFile = locks.path(key);
          if (Files.deleteIfExists(lockFile)) {
            lockFolders.add(lockFile.getParent());
          }
        }
        // Or every destroyed record would leave its lock folders behind.
        EmptyFolders.remove(lockFolders, locks.folder());
      }
    } catch (IOException e) {
      throw new StorageUnavailable("Cannot delete " + keys + ": " + e.getMessage(), e);
    }
  }

  private boolean deleteUnlessLocked(String key, Path path) throws IOException {
    synchronized (locks.guard(key)) {
      LockSidecar lock = locks.read(key);
      if (lock.legalHold()) {
        throw new ObjectLocked(key + " is under legal hold");
      }
      if (lock.retainUntil() != null && clock.instant().isBefore(lock.retainUntil())) {
        throw new ObjectLocked(key + " is retained until " + lock.retainUntil());
      }
      return Files.deleteIfExists(path);
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
