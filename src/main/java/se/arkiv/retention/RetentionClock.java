package se.arkiv.retention;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import se.arkiv.record.OlderRule;
import se.arkiv.record.RecordClass;
import se.arkiv.record.RecordMetadata;
import se.arkiv.record.RetentionRule;
import se.arkiv.record.Trigger;

/**
 * Computes when a record may go. Pure: the same record, class, events and holds give the same
 * answer for the same moment.
 *
 * <p>The legal rule for every trigger: the record is kept through the whole day on which the period
 * ends, in Europe/Stockholm, and may go from 00:00 the next day. A period of whole years from 29
 * February ends on 28 February in a common year (java.time), so such a record may go from 1 March.
 * A voucher of a fiscal year ending in 2024 is kept through 2031 and may go from 2032-01-01 00:00
 * Stockholm, which is 2031-12-31T23:00Z.
 */
final class RetentionClock {

  static final ZoneId LEGAL_ZONE = ZoneId.of("Europe/Stockholm");

  private RetentionClock() {}

  /**
   * One rule's outcome: either pending an event, or a minimum and an optional maximum; {@code
   * extensionId} and {@code note} when an authority's extension lengthened the minimum.
   */
  private record RuleClock(
      RetentionRule rule,
      LocalDate start,
      Instant minimum,
      Instant maximum,
      String pendingEvent,
      String eventId,
      String extensionId,
      String note) {

    RuleClock(
        RetentionRule rule,
        LocalDate start,
        Instant minimum,
        Instant maximum,
        String pendingEvent,
        String eventId) {
      this(rule, start, minimum, maximum, pendingEvent, eventId, null, "");
    }
  }

  static Retention compute(
      RecordMetadata record,
      RecordClass recordClass,
      List<RetentionEvent> activeEvents,
      List<String> holds,
      Instant asOf) {
    List<RuleClock> clocks = new ArrayList<>();
    for (RetentionRule rule : recordClass.rules()) {
      clocks.add(extended(clock(rule, record, activeEvents), record, activeEvents));
    }
    // A rule of a replaced law still binds what was filed under it until a person decides: kept
    // the longer of the two meanwhile, never a day shorter.
    List<String> undecided = new ArrayList<>();
    for (OlderRule older : recordClass.olderRules()) {
      if (!record.filedAt().isAfter(older.filedBefore())) {
        clocks.add(extended(clock(older.rule(), record, activeEvents), record, activeEvents));
        if (older.undecided()) {
          undecided.add(
              "filed under "
                  + older.rule().legalSource()
                  + ", which file-plan version "
                  + older.replacedInVersion()
                  + " replaced ("
                  + older.replacedBy()
                  + "): a records manager must decide whether it still binds this record");
        }
      }
    }
    List<String> eventIds =
        clocks.stream()
            .flatMap(c -> Stream.of(c.eventId(), c.extensionId()))
            .filter(id -> id != null)
            .distinct()
            .toList();
    Optional<RuleClock> pending = clocks.stream().filter(c -> c.pendingEvent() != null).findFirst();
    if (pending.isPresent()) {
      RetentionStatus status =
          holds.isEmpty() ? RetentionStatus.EVENT_PENDING : RetentionStatus.HELD;
      return new Retention(
          status,
          null,
          null,
          describe(pending.get()),
          pending.get().pendingEvent(),
          null,
          holds,
          eventIds);
    }
    RuleClock deciding =
        clocks.stream().max(Comparator.comparing(RuleClock::minimum)).orElseThrow();
    Optional<RuleClock> capping =
        clocks.stream()
            .filter(c -> c.maximum() != null)
            .min(Comparator.comparing(RuleClock::maximum));
    String conflict = null;
    if (capping.isPresent() && deciding.minimum().isAfter(capping.get().maximum())) {
      conflict =
          describe(deciding)
              + " keeps the record until "
              + deciding.minimum()
              + ", but "
              + capping.get().rule().legalSource()
              + " allows it at most until "
              + capping.get().maximum()
              + ": a records manager must decide";
    }
    if (!undecided.isEmpty()) {
      String older = String.join("; ", undecided);
      conflict = conflict == null ? older : conflict + "; " + older;
    }
    RetentionStatus status;
    if (!holds.isEmpty()) {
      status = RetentionStatus.HELD;
    } else if (conflict != null || asOf.isBefore(deciding.minimum())) {
      status = RetentionStatus.RETAINED;
    } else {
      status = RetentionStatus.ELIGIBLE;
    }
    return new Retention(
        status,
        deciding.minimum(),
        capping.map(RuleClock::maximum).orElse(null),
        describe(deciding),
        null,
        conflict,
        holds,
        eventIds);
  }

  private static RuleClock clock(
      RetentionRule rule, RecordMetadata record, List<RetentionEvent> activeEvents) {
    LocalDate filed = record.filedAt().atZone(LEGAL_ZONE).toLocalDate();
    LocalDate documentDate = record.documentDate() != null ? record.documentDate() : filed;
    switch (rule.trigger()) {
      case DOCUMENT_DATE:
        return dated(rule, documentDate, null);
      case END_OF_CALENDAR_YEAR:
        return dated(rule, endOfYear(documentDate), null);
      case END_OF_FISCAL_YEAR:
        // Without the fiscal year's end, assume the latest it can be: a fiscal year holding the
        // document ends at most a year after it. Kept a year too long, never a day too short.
        LocalDate fiscal =
            record.fiscalYearEnd() != null
                ? record.fiscalYearEnd()
                : documentDate.plusYears(1).minusDays(1);
        return dated(rule, endOfYear(fiscal), null);
      case EVENT:
      case END_OF_CALENDAR_YEAR_OF_EVENT:
        // The latest matching event counts: a later event never shortens what an earlier one
        // started, in line with "the latest minimum wins".
        Optional<RetentionEvent> event =
            activeEvents.stream()
                .filter(e -> e.type().equals(rule.event()) && e.covers(record.keys()))
                .max(Comparator.comparing(RetentionEvent::effectiveDate));
        if (event.isEmpty()) {
          return new RuleClock(rule, null, null, null, rule.event(), null);
        }
        LocalDate start = event.get().effectiveDate();
        return dated(
            rule, rule.trigger() == Trigger.EVENT ? start : endOfYear(start), event.get().id());
      default:
        throw new IllegalStateException("Unknown trigger " + rule.trigger());
    }
  }

  /**
   * Applies an authority's extension to a rule with a legal maximum: the minimum grows to the day
   * after the last day asked for, and never beyond the maximum, which the law sets for exactly this
   * case (Penningtvättslagen 5 kap. 3 §: five years, at most ten on an authority's request).
   */
  private static RuleClock extended(
      RuleClock clock, RecordMetadata record, List<RetentionEvent> activeEvents) {
    if (clock.minimum() == null || clock.maximum() == null) {
      return clock;
    }
    Optional<RetentionEvent> extension =
        activeEvents.stream()
            .filter(e -> RetentionEvent.EXTENSION.equals(e.type()) && e.extendedUntil() != null)
            .filter(e -> e.covers(record.keys()))
            .max(Comparator.comparing(RetentionEvent::extendedUntil));
    if (extension.isEmpty()) {
      return clock;
    }
    Instant asked = dayAfter(extension.get().extendedUntil(), Period.ZERO);
    if (!asked.isAfter(clock.minimum())) {
      return clock;
    }
    boolean capped = asked.isAfter(clock.maximum());
    String note =
        ", extended by "
            + extension.get().reference()
            + " until "
            + extension.get().extendedUntil()
            + (capped ? ", capped at the law's maximum " + clock.rule().maximum() : "");
    return new RuleClock(
        clock.rule(),
        clock.start(),
        capped ? clock.maximum() : asked,
        clock.maximum(),
        null,
        clock.eventId(),
        extension.get().id(),
        note);
  }

  private static RuleClock dated(RetentionRule rule, LocalDate start, String eventId) {
    Instant minimum = dayAfter(start, rule.period());
    Instant maximum = rule.maximum() == null ? null : dayAfter(start, rule.maximum());
    return new RuleClock(rule, start, minimum, maximum, null, eventId);
  }

  /** 00:00 Stockholm on the day after {@code start + period}, as an instant. */
  static Instant dayAfter(LocalDate start, Period period) {
    return start.plus(period).plusDays(1).atStartOfDay(LEGAL_ZONE).toInstant();
  }

  private static LocalDate endOfYear(LocalDate date) {
    return LocalDate.of(date.getYear(), 12, 31);
  }

  private static String describe(RuleClock clock) {
    RetentionRule rule = clock.rule();
    String from =
        clock.start() == null ? rule.event() + " (pending)" : rule.trigger() + " " + clock.start();
    return rule.legalSource() + ": " + rule.period() + " from " + from + clock.note();
  }
}
