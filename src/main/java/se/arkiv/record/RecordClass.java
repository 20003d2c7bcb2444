package se.arkiv.record;

/**
 * One class of the file plan: what kind of record it is, the law that says how long to keep it, and
 * what happens when that time is up.
 */
public record RecordClass(
    String code,
    String title,
    String legalSource,
    RetentionRule retention,
    DispositionAction disposition) {}
