package se.arkiv.record;

import java.time.Period;

/**
 * One legal rule for how long a record class is kept. A class may have several (payroll falls under
 * both Bokföringslagen and Skatteförfarandelagen): the latest minimum wins, capped by the earliest
 * maximum.
 *
 * @param legalSource the law and section this rule comes from
 * @param period the minimum retention, counted from the trigger
 * @param event the event type that starts the clock for {@link Trigger#EVENT} and {@link
 *     Trigger#END_OF_CALENDAR_YEAR_OF_EVENT}
 * @param maximum the longest the record may be kept, or null when the law sets no maximum
 */
public record RetentionRule(
    String legalSource, Period period, Trigger trigger, String event, Period maximum) {

  public boolean needsEvent() {
    return trigger == Trigger.EVENT || trigger == Trigger.END_OF_CALENDAR_YEAR_OF_EVENT;
  }
}
