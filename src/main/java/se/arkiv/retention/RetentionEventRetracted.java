package se.arkiv.retention;

/** Published when a retention event is retracted: runs that relied on it become void. */
public record RetentionEventRetracted(String eventId, String reason, String retractedBy) {}
