package se.arkiv.retention;

import java.time.Instant;
import se.arkiv.record.RecordId;

/** Published after a disposition run destroyed a record in every copy. */
public record RecordDestroyed(
    RecordId id, String recordClass, String sha256, String runId, String actor, Instant at) {}
