package se.arkiv.retention;

/**
 * Published when an open disposition run becomes void because a retention event it relied on was
 * retracted: the retraction's request named the event, not the runs it stopped.
 */
public record DispositionRunVoided(String runId, String eventId, String reason, String actor) {}
