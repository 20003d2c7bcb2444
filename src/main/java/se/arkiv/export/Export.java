package se.arkiv.export;

import java.time.Instant;

/**
 * One export: {@code GET /api/exports/{id}}.
 *
 * @param selection what was asked for, exactly one of its parts set
 * @param total records selected (inside the requester's scope)
 * @param done records written into the bag so far
 * @param bytes the size of the finished zip
 * @param sha256 the SHA-256 of the finished zip, to check a download against
 * @param problem why a FAILED export failed
 */
public record Export(
    String id,
    State state,
    ExportRequest selection,
    String requestedBy,
    Instant requestedAt,
    Instant finishedAt,
    long total,
    long done,
    long bytes,
    String sha256,
    String problem) {

  /** Where an export is. */
  public enum State {
    /** The bag is being written; {@code done} of {@code total} records are in it. */
    RUNNING,
    /** The zip can be downloaded at {@code /api/exports/{id}/content}. */
    READY,
    /** Not written; {@code problem} says why. */
    FAILED
  }

  static Export started(String id, ExportRequest selection, String by, Instant at, long total) {
    return new Export(id, State.RUNNING, selection, by, at, null, total, 0, 0, null, null);
  }

  Export progressed(long doneNow) {
    return new Export(
        id, state, selection, requestedBy, requestedAt, null, total, doneNow, 0, null, null);
  }

  Export ready(Instant at, long size, String zipSha256) {
    return new Export(
        id,
        State.READY,
        selection,
        requestedBy,
        requestedAt,
        at,
        total,
        total,
        size,
        zipSha256,
        null);
  }

  Export failed(Instant at, String why) {
    return new Export(
        id, State.FAILED, selection, requestedBy, requestedAt, at, total, done, 0, null, why);
  }
}
