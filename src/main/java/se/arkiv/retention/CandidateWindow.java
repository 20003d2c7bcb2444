package se.arkiv.retention;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import se.arkiv.record.RecordClass;
import se.arkiv.record.RetentionRule;
import se.arkiv.record.RetentionStart;

/**
 * Which records of a class can be eligible at a moment, in the terms the index answers: those whose
 * {@link RetentionStart#earliest} is on or before {@code latestStart}, or every record of the class
 * when it is null. It is a superset of what {@link RetentionClock} finds eligible, never less:
 * every dated rule starts on or after the earliest start, and {@code start + period} only grows
 * with the start.
 *
 * <p>A rule that waits for an event bounds nothing: the index does not know which records an event
 * covers, so a class of such rules only is read whole, and its records still waiting for their
 * event are listed as such, with or without an event of that type on file.
 */
record CandidateWindow(LocalDate latestStart) {

  static CandidateWindow of(RecordClass recordClass, Instant at) {
    // Eligible from 00:00 Stockholm the day after start + period: start + period <= the day before.
    LocalDate lastDay = at.atZone(RetentionStart.LEGAL_ZONE).toLocalDate().minusDays(1);
    LocalDate latestStart = null;
    for (RetentionRule rule : recordClass.rules()) {
      if (rule.needsEvent()) {
        continue;
      }
      LocalDate latest = latestStart(rule.period(), lastDay);
      // Every rule must have run out: the strictest dated rule bounds the start.
      if (latestStart == null || latest.isBefore(latestStart)) {
        latestStart = latest;
      }
    }
    return new CandidateWindow(latestStart);
  }

  /** True when a record with this earliest retention start may be eligible. */
  boolean holds(LocalDate earliestStart) {
    return latestStart == null || !earliestStart.isAfter(latestStart);
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
