package se.arkiv.record;

/** When a record class's retention clock starts. */
public enum Trigger {
  /** The document date itself. */
  DOCUMENT_DATE,
  /** The end of the calendar year of the document date. */
  END_OF_CALENDAR_YEAR,
  /**
   * The end of the calendar year in which the record's fiscal year ended (Bokföringslagen 7:2):
   * needs {@code fiscalYearEnd}, falls back to the document date.
   */
  END_OF_FISCAL_YEAR,
  /** The effective date of a retention event, such as an account being closed. */
  EVENT
}
