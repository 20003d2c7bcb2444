package se.arkiv.retention;

/**
 * Published when an authority's extension is recorded: the store locks of the records it may
 * lengthen are extended at once, not at the next daily renewal.
 */
record RetentionExtended(String eventId) {}
