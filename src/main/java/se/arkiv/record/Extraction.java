package se.arkiv.record;

import java.time.Instant;

/**
 * The outcome of text extraction for one record.
 *
 * @param reason why extraction failed (for example "encrypted"), or null
 * @param language detected language code ("sv", "en") or null when unknown
 * @param characters length of the extracted text
 * @param truncated true when the text was cut at the configured character limit
 * @param attachments the attachments of an e-mail, each kept and downloadable; empty otherwise
 */
public record Extraction(
    ExtractionStatus status,
    String reason,
    String language,
    long characters,
    boolean truncated,
    Instant finishedAt,
    java.util.List<Attachment> attachments) {

  public Extraction {
    attachments = attachments == null ? java.util.List.of() : java.util.List.copyOf(attachments);
  }

  /** An outcome without attachments. */
  public Extraction(
      ExtractionStatus status,
      String reason,
      String language,
      long characters,
      boolean truncated,
      Instant finishedAt) {
    this(status, reason, language, characters, truncated, finishedAt, java.util.List.of());
  }

  public static Extraction pending() {
    return new Extraction(ExtractionStatus.PENDING, null, null, 0, false, null);
  }
}
