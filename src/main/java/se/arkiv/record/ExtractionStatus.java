package se.arkiv.record;

/** Where a record's text extraction stands. */
public enum ExtractionStatus {
  PENDING,
  DONE,
  FAILED
}
