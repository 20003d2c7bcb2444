package se.arkiv.imports;

import java.time.Instant;

/**
 * An import's progress: {@code GET /api/imports/{id}}.
 *
 * @param state RUNNING, INTERRUPTED (unfinished and not filing on this node: it resumes at the next
 *     start, or when resumed), or FINISHED
 * @param lines the manifest's rows; {@code done} of them have an outcome
 * @param ratePerSecond lines taken per second since the import (re)started on this node
 * @param etaSeconds the time left at that rate, or null when it is not known yet
 * @param problem why an interrupted import stopped, when it stopped on an error
 */
public record ImportProgress(
    String id,
    String state,
    String source,
    String manifest,
    boolean bag,
    String legacySystem,
    String startedBy,
    Instant startedAt,
    Instant finishedAt,
    long lines,
    long done,
    long filed,
    long duplicates,
    long refused,
    double ratePerSecond,
    Long etaSeconds,
    String problem) {
  static ImportProgress of(
      Import i,
      String state,
      long done,
      long filed,
      long duplicates,
      long refused,
      double rate,
      Long eta,
      String problem) {
    return new ImportProgress(
        i.id(),
        state,
        i.source(),
        i.manifest(),
        i.bag(),
        i.legacySystem(),
        i.startedBy(),
        i.startedAt(),
        i.finishedAt(),
        i.lines(),
        done,
        filed,
        duplicates,
        refused,
        Math.round(rate * 10) / 10.0,
        eta,
        problem);
  }

  /** A finished import: its counts as the journal kept them, nothing left to go. */
  static ImportProgress finished(Import i) {
    return of(i, "FINISHED", i.lines(), i.filed(), i.duplicates(), i.refused(), 0, 0L, null);
  }
}
