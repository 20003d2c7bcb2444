package se.arkiv.fixity;

import java.time.Instant;

/**
 * One fixity run's progress, saved as {@code fixity/runs/<id>/00000N.json}, a new version at every
 * checkpoint; its findings are kept beside it, one document per record.
 *
 * @param total records in the store when the run started
 * @param checked records checked so far
 * @param bytes bytes of originals read and hashed so far
 * @param seconds time spent checking, summed over resumes (a pause at restart does not count)
 * @param cursor the last record id of the last checkpoint: a resumed run goes on after it (ids are
 *     time-ordered and listed in order)
 * @param findings findings so far
 * @param unresolved findings that still need a person
 */
public record FixityRun(
    int schemaVersion,
    String id,
    State state,
    Instant startedAt,
    String startedBy,
    Instant finishedAt,
    long total,
    long checked,
    long bytes,
    double seconds,
    double recordsPerSecond,
    double megabytesPerSecond,
    String cursor,
    long findings,
    long unresolved,
    String node) {

  /** Where a run is. */
  public enum State {
    /** Checking; after a restart it resumes from its cursor. */
    RUNNING,
    /** Every record was checked. */
    FINISHED
  }

  static FixityRun started(String id, Instant at, String by, long total, String node) {
    return new FixityRun(
        1, id, State.RUNNING, at, by, null, total, 0, 0, 0, 0, 0, null, 0, 0, node);
  }

  /**
   * Whether {@code node} carries this run out: the node that started it (null, in runs stored
   * before several nodes, is the only node, ""). Another node of several never resumes it, even
   * when it leads, since the node that started it may still be running it.
   */
  boolean runsOn(String node) {
    return node.equals(this.node == null ? "" : this.node);
  }

  FixityRun progressed(
      long checkedNow,
      long bytesNow,
      double secondsNow,
      String cursorNow,
      long findingsNow,
      long unresolvedNow) {
    return new FixityRun(
        schemaVersion,
        id,
        state,
        startedAt,
        startedBy,
        finishedAt,
        total,
        checkedNow,
        bytesNow,
        secondsNow,
        secondsNow > 0 ? checkedNow / secondsNow : 0,
        secondsNow > 0 ? bytesNow / 1_000_000.0 / secondsNow : 0,
        cursorNow,
        findingsNow,
        unresolvedNow,
        node);
  }

  FixityRun finished(Instant at) {
    return new FixityRun(
        schemaVersion,
        id,
        State.FINISHED,
        startedAt,
        startedBy,
        at,
        total,
        checked,
        bytes,
        seconds,
        recordsPerSecond,
        megabytesPerSecond,
        cursor,
        findings,
        unresolved,
        node);
  }
}
