package se.arkiv.retention;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.util.List;
import se.arkiv.record.RecordClass;
import se.arkiv.record.RetentionRule;
import se.arkiv.record.RetentionStart;

/**
 * Which records of a class can be eligible at a moment, in the terms the index answers: those whose
 * {@link RetentionStart#earliest} is on or before {@code latestStart} (any, when null), or none at
 * all ({@code empty}). It is a superset of what {@link RetentionClock} finds eligible, never less:
 * every dated rule starts on or after the earliest start, {@code start + period} only grows with
 * the start, and an event rule needs an active event of its type whose own clock has run out.
 */
record CandidateWindow(boolean empty, LocalDate latestStart) {

  static CandidateWindow of(RecordClass recordClass, List<RetentionEvent> active, Instant at) {
    // Eligible from 00:00 Stockholm the day after start + period: start + period <= the day before.
    LocalDate lastDay = at.atZone(RetentionStart.LEGAL_ZONE).toLocalDate().minusDays(1);
    LocalDate latestStart = null;
    for (RetentionRule rule : recordClass.rules()) {
      LocalDate latest = latestStart(rule.period(), lastDay);
      if (rule.needsEvent()) {
        // The event's own date starts the clock (or the end of its year, later still).
        boolean anyRunOut =
            active.stream()
                .anyMatch(e -> e.type().equals(rule.event()) && !e.effectiveDate().isAfter(latest));
        if (!anyRunOut) {
          return new CandidateWindow(true, null);
        }
      } else if (latestStart == null || latest.isBefore(latestStart)) {
        // Every rule must have run out: the strictest dated rule bounds the start.
        latestStart = latest;
      }
    }
    return new CandidateWindow(false, latestStart);
  }

  /**
   * The latest start whose {@code start + period} is on or before {@code lastDay}. Adding a period
   * clamps at month ends (31 January plus a month is 28 February), so the answer is found by
   * stepping from {@code lastDay - period} rather than trusted from it.
   */
  static LocalDate latestStart(Period period, LocalDate lastDay) {
    LocalDate start = lastDay.minus(period);
    while (start.plus(period).isAfter(lastDay)) {
      start = start.minusDays(1);
    }
    while (!start.plusDays(1).plus(period).isAfter(lastDay)) {
      start = start.plusDays(1);
    }
    return start;
  }
}
