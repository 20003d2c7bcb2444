package se.arkiv.record;

import java.time.Instant;

/**
 * The outcome of text extraction for one record.
 *
 * @param reason why extraction failed (for example "encrypted"), or null
 * @param language detected language code ("sv", "en") or null when unknown
 * @param characters length of the extracted text
 * @param truncated true when the text was cut at the configured character limit
 */
public record Extraction(
    ExtractionStatus status,
    String reason,
    String language,
    long characters,
    boolean truncated,
    Instant finishedAt) {

  public static Extraction pending() {
    return new Extraction(ExtractionStatus.PENDING, null, null, 0, false, null);
  }
}
