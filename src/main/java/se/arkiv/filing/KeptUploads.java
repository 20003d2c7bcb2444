package se.arkiv.filing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import se.arkiv.record.RecordId;

/**
 * Uploads kept in the spool after filing, so that extraction reads the bytes already on local disk
 * instead of copying the original back from the object store (a GET of the whole file on S3).
 *
 * <p>Only up to {@link #BUDGET} bytes are kept at once: a backlog (a bulk import, a burst the lanes
 * cannot take) must not fill the spool's disk, and a record whose upload was not kept is read from
 * the store as before. What is kept when the service stops is deleted with the rest of the spool at
 * the next start; the store holds the original.
 */
@Component
class KeptUploads {

  /** Enough for the lanes' interactive backlog on a busy day; small beside any spool disk. */
  static final long BUDGET = 256L * 1024 * 1024;

  private record Kept(Path file, long size) {}

  private final Spool spool;
  private final long budget;
  private final Map<RecordId, Kept> kept = new ConcurrentHashMap<>();
  private final AtomicLong bytes = new AtomicLong();

  @Autowired
  KeptUploads(Spool spool) {
    this(spool, BUDGET);
  }

  KeptUploads(Spool spool, long budget) {
    this.spool = spool;
    this.budget = budget;
  }

  /**
   * Keeps the upload of a filed record for its extraction, moving it out of the way of the upload's
   * own clean-up; false when it would exceed the budget (the upload is then deleted as usual).
   */
  boolean keep(RecordId id, SpooledFile upload) {
    if (bytes.addAndGet(upload.size()) > budget) {
      bytes.addAndGet(-upload.size());
      return false;
    }
    Path file = spool.newTempFile();
    try {
      Files.move(upload.path(), file, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      bytes.addAndGet(-upload.size());
      deleteQuietly(file);
      return false;
    }
    Kept previous = kept.put(id, new Kept(file, upload.size()));
    if (previous != null) { // cannot happen for a new id; never leak the budget if it does
      release(previous);
    }
    return true;
  }

  /** The kept upload of this record, now the caller's to delete; empty when none was kept. */
  Optional<Path> take(RecordId id) {
    Kept taken = kept.remove(id);
    if (taken == null) {
      return Optional.empty();
    }
    bytes.addAndGet(-taken.size());
    return Optional.of(taken.file());
  }

  /** Bytes kept now. */
  long bytes() {
    return bytes.get();
  }

  private void release(Kept taken) {
    bytes.addAndGet(-taken.size());
    deleteQuietly(taken.file());
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException ignored) {
      // the spool is emptied at the next start
    }
  }
}
