package se.arkiv.record;

import java.time.Period;

/**
 * How long a record class is kept.
 *
 * @param period the minimum retention, counted from the trigger
 * @param event the event type that starts the clock when the trigger is {@link Trigger#EVENT}
 * @param maximum the longest the record may be kept, or null when the law sets no maximum
 */
public record RetentionRule(Period period, Trigger trigger, String event, Period maximum) {}
