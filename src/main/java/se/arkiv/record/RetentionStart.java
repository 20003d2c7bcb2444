package se.arkiv.record;

import java.time.LocalDate;
import java.time.ZoneId;

/**
 * The earliest day from which a dated retention clock of a record can start, whatever its class and
 * whatever the file plan says: its document date (the filing day in Stockholm when it has none), or
 * its fiscal year's end when that comes earlier. Every dated trigger ({@link
 * Trigger#DOCUMENT_DATE}, {@link Trigger#END_OF_CALENDAR_YEAR}, {@link Trigger#END_OF_FISCAL_YEAR})
 * starts on or after this day, so a record whose earliest start plus its class's period has not
 * passed cannot be eligible. It depends on the record alone, not on the file plan, so it can be
 * indexed and stays true when the plan's periods change.
 */
public final class RetentionStart {

  /** Legal days are Swedish days, as the retention clock counts them. */
  public static final ZoneId LEGAL_ZONE = ZoneId.of("Europe/Stockholm");

  private RetentionStart() {}

  public static LocalDate earliest(RecordMetadata record) {
    LocalDate documentDate =
        record.documentDate() != null
            ? record.documentDate()
            : record.filedAt().atZone(LEGAL_ZONE).toLocalDate();
    LocalDate fiscalYearEnd = record.fiscalYearEnd();
    return fiscalYearEnd != null && fiscalYearEnd.isBefore(documentDate)
        ? fiscalYearEnd
        : documentDate;
  }
}
