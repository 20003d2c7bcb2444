package se.arkiv.record;

/**
 * Which budget ended a record's extraction early. The record keeps the text found until then and is
 * finished, so that the rest of the queue moves on.
 */
public enum Truncation {
  /** The text reached {@code arkiv.extraction.max-characters}. */
  CHARACTER_LIMIT,
  /** More embedded documents than {@code arkiv.extraction.budget.embedded}. */
  EMBEDDED_LIMIT,
  /** Documents embedded deeper than {@code arkiv.extraction.budget.depth}. */
  DEPTH_LIMIT,
  /** More embedded images or pixels to OCR than the OCR budget allows. */
  OCR_LIMIT,
  /** The record's extraction took longer than {@code arkiv.extraction.budget.time}. */
  TIME_LIMIT
}
