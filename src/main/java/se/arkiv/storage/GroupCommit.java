package se.arkiv.storage;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Group commit: writers that each need something flushed (fsync'd) hand it in and wait; one flush
 * serves everyone who arrived before it started. The first writer to find no flush running becomes
 * the leader and flushes what has gathered; writers arriving meanwhile wait for the next flush,
 * which one of them leads. There is no thread of its own and no timer: a lone writer flushes at
 * once, so a quiet service pays no latency for batching, and a busy one pays about one flush per
 * batch instead of one per writer.
 *
 * <p>A writer returns only when a flush that included its item succeeded; when the flush fails,
 * every writer of that batch gets the failure, since none of them can know their bytes are durable.
 *
 * @param <T> what a writer needs flushed (a file, a folder, an offset in a log)
 */
public final class GroupCommit<T> {

  /** Makes a batch durable; throws when it cannot say that it did. */
  @FunctionalInterface
  public interface Flush<T> {
    void flush(List<T> batch) throws IOException;
  }

  /** What a flush failure looks like to each writer of its batch. */
  public static final class FlushFailed extends IOException {
    FlushFailed(Throwable cause) {
      super("The flush of a group commit failed: " + cause, cause);
    }
  }

  private static final class Waiter<T> {
    final T item;
    boolean done;
    Throwable failure;

    Waiter(T item) {
      this.item = item;
    }
  }

  private final Flush<T> flush;
  private final Object lock = new Object();
  private List<Waiter<T>> gathering = new ArrayList<>();
  private boolean flushing;
  private long flushes;

  public GroupCommit(Flush<T> flush) {
    this.flush = flush;
  }

  /** Returns once {@code item} is durable; {@link FlushFailed} when its flush failed. */
  public void commit(T item) throws FlushFailed {
    Waiter<T> mine = new Waiter<>(item);
    List<Waiter<T>> batch;
    boolean interrupted = false;
    synchronized (lock) {
      gathering.add(mine);
      while (!mine.done && flushing) {
        try {
          lock.wait();
        } catch (InterruptedException e) {
          // The write has happened; leaving before we know whether it is durable would lie.
          interrupted = true;
        }
      }
      if (mine.done) {
        restore(interrupted);
        throwIfFailed(mine);
        return;
      }
      flushing = true;
      batch = gathering;
      gathering = new ArrayList<>();
    }
    Throwable failure = null;
    try {
      List<T> items = new ArrayList<>(batch.size());
      for (Waiter<T> waiter : batch) {
        items.add(waiter.item);
      }
      flush.flush(items);
    } catch (IOException | RuntimeException | Error e) {
      failure = e;
    }
    synchronized (lock) {
      for (Waiter<T> waiter : batch) {
        waiter.done = true;
        waiter.failure = failure;
      }
      flushes++;
      flushing = false;
      lock.notifyAll();
    }
    restore(interrupted);
    throwIfFailed(mine);
  }

  /** How many flushes ran so far: for tests and benchmarks, to see how many writers one served. */
  public long flushes() {
    synchronized (lock) {
      return flushes;
    }
  }

  /** Writers waiting for the next flush: for tests, to know when a batch has gathered. */
  int gathered() {
    synchronized (lock) {
      return gathering.size();
    }
  }

  private static void restore(boolean interrupted) {
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private static void throwIfFailed(Waiter<?> waiter) throws FlushFailed {
    if (waiter.failure != null) {
      throw new FlushFailed(waiter.failure);
    }
  }
}
