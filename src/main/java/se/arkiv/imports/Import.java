package se.arkiv.imports;

import java.time.Instant;

/**
 * An import as the object store keeps it: {@code imports/<id>/000001.json} when it starts, the next
 * version when it has finished, with its counts.
 *
 * @param manifestKey the copy of the manifest in the object store: the import's evidence of what it
 *     was asked to file, and what a resumed import reads
 * @param lines the manifest's rows
 */
public record Import(
    String id,
    String source,
    String manifest,
    String manifestKey,
    boolean bag,
    String legacySystem,
    String startedBy,
    Instant startedAt,
    long lines,
    State state,
    Instant finishedAt,
    long filed,
    long duplicates,
    long refused,
    String node) {

  /** RUNNING until every line has an outcome; an interrupted import is still RUNNING. */
  public enum State {
    RUNNING,
    FINISHED
  }

  Import finished(Instant at, long filedCount, long duplicateCount, long refusedCount) {
    return new Import(
        id,
        source,
        manifest,
        manifestKey,
        bag,
        legacySystem,
        startedBy,
        startedAt,
        lines,
        State.FINISHED,
        at,
        filedCount,
        duplicateCount,
        refusedCount,
        node);
  }

  /**
   * Whether {@code node} files this import: the node that started it (null, in imports stored
   * before several nodes, is the only node, ""), since it reads the import's folder on its own
   * disk.
   */
  boolean runsOn(String node) {
    return node.equals(this.node == null ? "" : this.node);
  }
}
