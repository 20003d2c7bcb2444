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
 * @param ocrPages the pages read by OCR with their confidence; empty when no page needed it
 */
public record Extraction(
    ExtractionStatus status,
    String reason,
    String language,
    long characters,
    boolean truncated,
    Instant finishedAt,
    java.util.List<Attachment> attachments,
    java.util.List<OcrPage> ocrPages) {

  public Extraction {
    attachments = attachments == null ? java.util.List.of() : java.util.List.copyOf(attachments);
    ocrPages = ocrPages == null ? java.util.List.of() : java.util.List.copyOf(ocrPages);
  }

  /** An outcome without OCR. */
  public Extraction(
      ExtractionStatus status,
      String reason,
      String language,
      long characters,
      boolean truncated,
      Instant finishedAt,
      java.util.List<Attachment> attachments) {
    this(status, reason, language, characters, truncated, finishedAt, attachments, null);
  }

  /** The lowest confidence of any OCR'd page, or null when no page was OCR'd. */
  public Double lowestOcrConfidence() {
    return ocrPages.stream().mapToDouble(OcrPage::confidence).min().stream()
        .boxed()
        .findFirst()
        .orElse(null);
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
