package se.arkiv.record;

import java.time.Instant;

/** Published after a disposition run destroyed a record in every copy. */
public record RecordDestroyed(
    RecordId id, String recordClass, String sha256, String runId, String actor, Instant at) {}
