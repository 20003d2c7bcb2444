package se.arkiv.record;

/** When a retention rule's clock starts. */
public enum Trigger {
  /** The document date itself. */
  DOCUMENT_DATE,
  /** The end of the calendar year of the document date. */
  END_OF_CALENDAR_YEAR,
  /**
   * The end of the calendar year in which the record's fiscal year ended (Bokföringslagen 7:2):
   * uses {@code fiscalYearEnd}, or the document date when that is missing.
   */
  END_OF_FISCAL_YEAR,
  /** The effective date of a retention event, such as an account being closed. */
  EVENT,
  /**
   * Time-event: the end of the calendar year in which a retention event took effect, so that
   * records closed in one year are disposed of together.
   */
  END_OF_CALENDAR_YEAR_OF_EVENT
}
