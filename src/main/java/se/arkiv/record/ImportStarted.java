package se.arkiv.record;

/** Published when a validated import begins to file (not again when it resumes). */
public record ImportStarted(
    String importId, String startedBy, String source, String manifest, boolean bag, long lines) {}
