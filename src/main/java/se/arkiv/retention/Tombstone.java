package se.arkiv.retention;

import java.time.Instant;
import java.time.LocalDate;

/**
 * What remains of a destroyed record: enough to prove what was destroyed, under which rule and run,
 * and nothing of its content. Stored as {@code disposition/tombstones/<id>.json}.
 */
public record Tombstone(
    int schemaVersion,
    String id,
    String recordClass,
    String department,
    String sha256,
    long size,
    LocalDate documentDate,
    Instant filedAt,
    Instant retainUntil,
    String rule,
    String runId,
    Instant destroyedAt,
    String startedBy,
    String approvedBy) {}
