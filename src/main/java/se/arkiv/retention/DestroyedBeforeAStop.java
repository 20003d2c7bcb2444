package se.arkiv.retention;

import java.time.Instant;
import se.arkiv.record.RecordId;

/**
 * Published when a resumed run finds a record it destroyed before the service stopped: its
 * tombstone is written, but the stop may have come before {@link RecordDestroyed} was heard, so the
 * audit trail checks that it has the destruction's entry.
 */
public record DestroyedBeforeAStop(
    RecordId id, String recordClass, String sha256, String runId, String actor, Instant at) {}
