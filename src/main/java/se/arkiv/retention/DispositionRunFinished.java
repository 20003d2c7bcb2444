package se.arkiv.retention;

import java.time.Instant;

/**
 * Published when a disposition run has been carried out to its end, in the background, with its
 * certificate filed.
 */
public record DispositionRunFinished(
    String runId,
    long destroyed,
    long notDestroyed,
    String certificateRecordId,
    String actor,
    Instant at) {}
