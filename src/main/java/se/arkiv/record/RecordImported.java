package se.arkiv.record;

/**
 * Published when an import filed a manifest line as a record, or found it filed already.
 *
 * @param created false when the same bytes with the same class and keys were archived already
 */
public record RecordImported(
    RecordId id,
    String recordClass,
    String sha256,
    long size,
    String importId,
    int manifestLine,
    String legacyId,
    String filedBy,
    boolean created) {}
