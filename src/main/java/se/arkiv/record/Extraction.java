package se.arkiv.record;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * The outcome of text extraction for one record.
 *
 * @param reason why extraction failed (for example "encrypted"), or null
 * @param language detected language code ("sv", "en") or null when unknown
 * @param characters length of the extracted text
 * @param truncated true when a budget ended extraction early; the text found until then is kept
 * @param attachments the attachments of an e-mail, each kept and downloadable; empty otherwise
 * @param ocrPages the pages read by OCR with their confidence; empty when no page needed it
 * @param failure why there is no text, when the status is FAILED (null on records extracted before
 *     failures were named)
 * @param truncation which budget ended extraction, when truncated (null on older records)
 * @param foundKeys the personal numbers, IBANs and other keys found in the text (absent from the
 *     JSON when none were, and on records extracted before keys were looked for)
 * @param archival the PDF/A archival copy made with the extraction, or why there is none (null on
 *     records extracted before archival copies were made, and when extraction ended early)
 */
public record Extraction(
    ExtractionStatus status,
    String reason,
    String language,
    long characters,
    boolean truncated,
    Instant finishedAt,
    List<Attachment> attachments,
    List<OcrPage> ocrPages,
    ExtractionFailure failure,
    Truncation truncation,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) EntityKeys foundKeys,
    ArchivalCopy archival) {

  public Extraction {
    foundKeys = foundKeys == null ? EntityKeys.NONE : foundKeys;
    attachments = attachments == null ? List.of() : List.copyOf(attachments);
    ocrPages = ocrPages == null ? List.of() : List.copyOf(ocrPages);
    if (truncated && truncation == null && status == ExtractionStatus.DONE) {
      // Versions written before budgets had names were cut at the character limit only.
      truncation = Truncation.CHARACTER_LIMIT;
    }
  }

  /** An outcome without keys found in the text or an archival copy. */
  public Extraction(
      ExtractionStatus status,
      String reason,
      String language,
      long characters,
      boolean truncated,
      Instant finishedAt,
      List<Attachment> attachments,
      List<OcrPage> ocrPages,
      ExtractionFailure failure,
      Truncation truncation) {
    this(
        status,
        reason,
        language,
        characters,
        truncated,
        finishedAt,
        attachments,
        ocrPages,
        failure,
        truncation,
        null,
        null);
  }

  /** An outcome without named failure or truncation: what versions before them recorded. */
  public Extraction(
      ExtractionStatus status,
      String reason,
      String language,
      long characters,
      boolean truncated,
      Instant finishedAt,
      List<Attachment> attachments,
      List<OcrPage> ocrPages) {
    this(
        status,
        reason,
        language,
        characters,
        truncated,
        finishedAt,
        attachments,
        ocrPages,
        null,
        null);
  }

  /** An outcome without OCR. */
  public Extraction(
      ExtractionStatus status,
      String reason,
      String language,
      long characters,
      boolean truncated,
      Instant finishedAt,
      List<Attachment> attachments) {
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
    this(status, reason, language, characters, truncated, finishedAt, List.of());
  }

  /** The same outcome with its archival copy made after it (or why none was). */
  public Extraction withArchival(ArchivalCopy copy) {
    return new Extraction(
        status,
        reason,
        language,
        characters,
        truncated,
        finishedAt,
        attachments,
        ocrPages,
        failure,
        truncation,
        foundKeys,
        copy);
  }

  /** Whether the archival copy is still to be made ({@link ArchivalCopy#isLater}). */
  @JsonIgnore
  public boolean archivalLater() {
    return archival != null && archival.isLater();
  }

  public static Extraction pending() {
    return new Extraction(ExtractionStatus.PENDING, null, null, 0, false, null);
  }
}
