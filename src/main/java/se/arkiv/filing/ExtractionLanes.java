package se.arkiv.filing;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import se.arkiv.record.RecordId;

/**
 * The records waiting for extraction, in three lanes. A clerk's ordinary filing waits in the
 * interactive lane; archives, big files and imports wait in the bulk lane; archival copies made
 * after the text wait in the archival lane. Workers take the interactive lane first, then bulk,
 * then archival; while there is more than one worker, at least one never starts bulk or archival
 * work: a batch of slow files cannot hold up the documents filed after it.
 */
final class ExtractionLanes {

  /** A record waiting in a lane since a moment. */
  record Waiting(RecordId id, ExtractionLane lane, Instant since) {}

  private final Deque<Waiting> interactive = new ArrayDeque<>();
  private final Deque<Waiting> bulk = new ArrayDeque<>();
  private final Deque<Waiting> archival = new ArrayDeque<>();
  private final int bulkWorkers;
  private final int capacity;
  private final Clock clock;
  private int bulkRunning;
  private boolean closed;

  ExtractionLanes(int workers, int capacity, Clock clock) {
    this.bulkWorkers = Math.max(1, workers - 1);
    this.capacity = capacity;
    this.clock = clock;
  }

  /** Adds a record; false when the lanes hold their capacity already. */
  synchronized boolean add(RecordId id, ExtractionLane lane) {
    if (interactive.size() + bulk.size() + archival.size() >= capacity) {
      return false;
    }
    lane(lane).addLast(new Waiting(id, lane, clock.instant()));
    notifyAll();
    return true;
  }

  /** The next record to extract, waiting for one; empty once the lanes are closed. */
  synchronized Optional<Waiting> take() throws InterruptedException {
    while (!closed) {
      Waiting next = interactive.pollFirst();
      if (next == null && bulkRunning < bulkWorkers) {
        next = bulk.isEmpty() ? archival.pollFirst() : bulk.pollFirst();
        if (next != null) {
          bulkRunning++;
        }
      }
      if (next != null) {
        return Optional.of(next);
      }
      wait();
    }
    return Optional.empty();
  }

  /** A worker finished a record it took. */
  synchronized void finished(Waiting done) {
    if (done.lane() != ExtractionLane.INTERACTIVE) {
      bulkRunning--;
      notifyAll();
    }
  }

  synchronized int waiting(ExtractionLane lane) {
    return lane(lane).size();
  }

  private Deque<Waiting> lane(ExtractionLane lane) {
    return switch (lane) {
      case INTERACTIVE -> interactive;
      case BULK -> bulk;
      case ARCHIVAL -> archival;
    };
  }

  /**
   * When the record waiting longest for its text was added, if any waits (archival copies wait
   * behind all text by design).
   */
  synchronized Optional<Instant> oldest() {
    Waiting a = interactive.peekFirst();
    Waiting b = bulk.peekFirst();
    if (a == null || b == null) {
      return Optional.ofNullable(a == null ? b : a).map(Waiting::since);
    }
    return Optional.of(a.since().isBefore(b.since()) ? a.since() : b.since());
  }

  synchronized void close() {
    closed = true;
    notifyAll();
  }
}
