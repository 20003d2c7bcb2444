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

/**
 * The fsyncs of the filesystem store. A file is written by one writer only (its temporary file), so
 * its fsync is that writer's own, run in its own thread, side by side with the others': the kernel
 * joins concurrent fsyncs into its journal commits, which a queue of them in one thread would undo
 * (measured: see docs/benchmarks.md). A folder is shared (every filing adds to {@code records/} and
 * {@code dedup/}), so the fsyncs of folders go through group commit ({@link GroupCommit}): one
 * flush of a folder serves every writer that added to it meanwhile.
 *
 * <p>Derived objects are not flushed when written ({@link #later}): the same thread's next durable
 * write flushes them first. The metadata version that names a text and a preview is written by the
 * thread that wrote them (the extraction worker), after them, so it is never durable before them;
 * and no other writer waits for them (an earlier version queued them for whoever came next, and
 * filings waited on the extraction's fsyncs).
 */
final class FileFlushes {

  private static final int STRIPES = 64;

  private final List<GroupCommit<Path>> folders = new ArrayList<>(STRIPES);
  private final ThreadLocal<Set<Path>> derived = ThreadLocal.withInitial(LinkedHashSet::new);

  FileFlushes() {
    for (int i = 0; i < STRIPES; i++) {
      folders.add(new GroupCommit<>(FileFlushes::forceFolders));
    }
  }

  /** Returns once these files are durable, and every derived object queued before them. */
  void durableFiles(Collection<Path> files) throws IOException {
    flushDerived();
    for (Path file : files) {
      forceFile(file, false);
    }
  }

  /** Returns once the entries of these folders are durable. */
  void durableFolders(Collection<Path> paths) throws IOException {
    for (Path folder : new LinkedHashSet<>(paths)) {
      folders.get(Math.floorMod(folder.hashCode(), STRIPES)).commit(folder);
    }
  }

  /** Files or folders to flush before this thread's next durable write. */
  void later(Collection<Path> paths) {
    derived.get().addAll(paths);
  }

  private void flushDerived() throws IOException {
    Set<Path> queued = derived.get();
    if (queued.isEmpty()) {
      return;
    }
    List<Path> earlier = new ArrayList<>(queued);
    queued.clear();
    try {
      for (Path path : earlier) {
        if (Files.isDirectory(path)) {
          durableFolders(List.of(path));
        } else {
          forceFile(path, true);
        }
      }
    } catch (IOException | RuntimeException e) {
      // Still not known to be durable: the next durable write tries them again.
      queued.addAll(earlier);
      throw e;
    }
  }

  private static void forceFolders(List<Path> batch) throws IOException {
    for (Path folder : new LinkedHashSet<>(batch)) {
      try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
        channel.force(true);
      } catch (NoSuchFileException e) {
        // Removed since (emptied by a delete): there is no entry in it left to keep.
      } catch (IOException e) {
        // Some filesystems cannot open a folder for reading; the files themselves are fsync'd.
      }
    }
  }

  private static void forceFile(Path file, boolean mayBeGone) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
      channel.force(true);
    } catch (NoSuchFileException e) {
      if (!mayBeGone) {
        throw e;
      }
      // A derived object replaced or deleted since: its successor is flushed in its own turn.
    }
  }
}
