package se.arkiv.retention;

import java.time.Instant;
import java.util.List;

/**
 * A record's retention as of a moment.
 *
 * @param retainUntil the first instant the record may be destroyed (UTC), or null while an event is
 *     pending
 * @param maximumUntil the instant by which the strictest maximum says it should be gone, or null
 * @param rule the rule that decided {@code retainUntil}, e.g. "Bokföringslagen 7 kap. 2 §: P7Y from
 *     END_OF_FISCAL_YEAR (2024-12-31)"
 * @param pendingEvent the event type the record waits for, when EVENT_PENDING
 * @param conflict a description of rules that cannot both be met, for a person to resolve
 * @param holds the ids of the active holds that cover the record
 * @param events the ids of the retention events its clock depends on
 */
public record Retention(
    RetentionStatus status,
    Instant retainUntil,
    Instant maximumUntil,
    String rule,
    String pendingEvent,
    String conflict,
    List<String> holds,
    List<String> events) {}
