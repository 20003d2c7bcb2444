package se.arkiv.record;

/** Published when an import has taken every line of its manifest. */
public record ImportFinished(
    String importId, String startedBy, long lines, long filed, long duplicates, long refused) {}
