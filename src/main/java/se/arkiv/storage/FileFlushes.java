package se.arkiv.storage;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The fsyncs of the filesystem store, grouped across concurrent writers ({@link GroupCommit}): a
 * writer waits for a flush of its files and folders, and one flush serves every writer that
 * gathered meanwhile; a folder shared by a batch (such as {@code records/} or {@code dedup/}) is
 * flushed once for all of them.
 *
 * <p>Derived objects are not flushed when written ({@link #later}); every flush takes those written
 * before it along, first. So a metadata version, written after the text and preview it names, is
 * never durable before them: its own flush, or one before it, has flushed them already.
 */
final class FileFlushes {

  private final GroupCommit<Collection<Path>> commit = new GroupCommit<>(this::flush);
  private final Set<Path> derived = ConcurrentHashMap.newKeySet();

  /** Returns once every path (files and folders) is durable, and every derived one before it. */
  void durable(Collection<Path> paths) throws IOException {
    commit.commit(paths);
  }

  /** Paths to flush with the next flush, whoever asks for it. */
  void later(Collection<Path> paths) {
    derived.addAll(paths);
  }

  long flushes() {
    return commit.flushes();
  }

  private void flush(List<Collection<Path>> batch) throws IOException {
    List<Path> earlier = new ArrayList<>(derived);
    derived.removeAll(earlier);
    try {
      for (Path path : earlier) {
        force(path, true);
      }
      Set<Path> paths = new LinkedHashSet<>();
      batch.forEach(paths::addAll);
      paths.removeAll(earlier);
      for (Path path : paths) {
        force(path, false);
      }
    } catch (IOException | RuntimeException e) {
      // Still not known to be durable: the next flush tries them again.
      derived.addAll(earlier);
      throw e;
    }
  }

  private static void force(Path path, boolean mayBeGone) throws IOException {
    if (Files.isDirectory(path)) {
      try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
        channel.force(true);
      } catch (IOException e) {
        // Some filesystems cannot open a folder for reading; the files themselves are fsync'd.
      }
      return;
    }
    try (FileChannel channel = FileChannel.open(path, StandardOpenOption.WRITE)) {
      channel.force(true);
    } catch (NoSuchFileException e) {
      if (!mayBeGone) {
        throw e;
      }
      // A derived object replaced or deleted since: its successor is flushed in its own turn.
    }
  }
}
