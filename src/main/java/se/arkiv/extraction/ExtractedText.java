package se.arkiv.extraction;

import se.arkiv.record.ExtractionStatus;

/**
 * What extraction made of one file.
 *
 * @param text the plain text (possibly cut at the limit); empty when extraction failed
 * @param reason why extraction failed, in words a clerk understands, or null
 * @param language "sv", "en", another ISO code, or null when it could not be told
 */
public record ExtractedText(
    ExtractionStatus status,
    String text,
    String reason,
    String language,
    boolean truncated,
    java.util.List<Attachment> attachments,
    java.util.List<se.arkiv.record.OcrPage> ocrPages) {

  /** An attachment of an e-mail, saved to a temporary file the caller stores and then deletes. */
  public record Attachment(int index, String fileName, String mediaType, java.nio.file.Path file) {}

  static ExtractedText failed(String reason) {
    return new ExtractedText(
        ExtractionStatus.FAILED, "", reason, null, false, java.util.List.of(), java.util.List.of());
  }
}
