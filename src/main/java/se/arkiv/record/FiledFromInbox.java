package se.arkiv.record;

/** Published when the inbox folder filed a file (or found it filed already). */
public record FiledFromInbox(
    RecordId id,
    String recordClass,
    String sha256,
    String fileName,
    String filedBy,
    boolean created) {}
