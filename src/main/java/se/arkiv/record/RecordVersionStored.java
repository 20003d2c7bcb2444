package se.arkiv.record;

/** Published after a metadata version of a record was durably stored. */
public record RecordVersionStored(RecordMetadata metadata) {}
