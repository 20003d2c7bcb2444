package se.arkiv.extraction;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import se.arkiv.record.ArchivalCopy;
import se.arkiv.record.ExtractionFailure;
import se.arkiv.record.ExtractionStatus;
import se.arkiv.record.OcrPage;
import se.arkiv.record.Truncation;

/**
 * What extraction made of one file.
 *
 * @param text the plain text (possibly cut short by a budget); empty when extraction failed
 * @param reason why extraction failed, in words a clerk understands, or null
 * @param language "sv", "en", another ISO code, or null when it could not be told
 * @param truncated whether a budget ended extraction early; {@code truncation} says which
 * @param failure the named reason when the status is FAILED, else null
 * @param truncation the budget that ended extraction when truncated, else null
 * @param preview a PNG of the first page, in a temporary file the caller stores and then deletes;
 *     null when the format has none
 * @param archival the PDF/A archival copy, or why none was made; null when none was tried (the
 *     extraction ended early)
 */
public record ExtractedText(
    ExtractionStatus status,
    String text,
    String reason,
    String language,
    boolean truncated,
    List<Attachment> attachments,
    List<OcrPage> ocrPages,
    ExtractionFailure failure,
    Truncation truncation,
    Path preview,
    Archival archival) {

  public ExtractedText {
    attachments = attachments == null ? List.of() : List.copyOf(attachments);
    ocrPages = ocrPages == null ? List.of() : List.copyOf(ocrPages);
  }

  /**
   * The PDF/A-2b archival copy of the file: a temporary file the caller stores and then deletes,
   * with its page count; or, with a null file, the reason none was made.
   */
  public record Archival(Path file, int pages, String reason) {

    /** What every archival copy made here conforms to. */
    public static final String CONFORMANCE = PdfADocument.CONFORMANCE;

    static Archival notMade(String reason) {
      return new Archival(null, 0, reason);
    }

    /**
     * The copy (and a born-digital PDF's preview) is to be made later, by {@link
     * TextExtractor#afterText}.
     */
    static Archival later() {
      return notMade(ArchivalCopy.LATER);
    }

    /** Whether the copy is to be made later. */
    public boolean isLater() {
      return file == null && ArchivalCopy.LATER.equals(reason);
    }
  }

  /** An attachment of an e-mail, saved to a temporary file the caller stores and then deletes. */
  public record Attachment(int index, String fileName, String mediaType, Path file) {}

  public static ExtractedText failed(ExtractionFailure failure, String reason) {
    return new ExtractedText(
        ExtractionStatus.FAILED,
        "",
        reason,
        null,
        false,
        List.of(),
        List.of(),
        failure,
        null,
        null,
        null);
  }

  /** What an archival copy made on its own ({@link TextExtractor#afterText}) travels in. */
  static ExtractedText archivalOnly(Archival copy) {
    return new ExtractedText(
        ExtractionStatus.DONE, "", null, null, false, List.of(), List.of(), null, null, null, copy);
  }

  /** The same result in another language. */
  ExtractedText withLanguage(String code) {
    return with(code, preview, archival);
  }

  ExtractedText withPreview(Path png) {
    return with(language, png, archival);
  }

  ExtractedText withArchival(Archival copy) {
    return with(language, preview, copy);
  }

  /** The same text and outcome, with what is added after the parse (language, preview, copy). */
  private ExtractedText with(String code, Path png, Archival copy) {
    return new ExtractedText(
        status,
        text,
        reason,
        code,
        truncated,
        attachments,
        ocrPages,
        failure,
        truncation,
        png,
        copy);
  }

  /** The temporary files this result points to: the preview, archival copy and attachments. */
  public List<Path> temporaryFiles() {
    List<Path> files = new ArrayList<>();
    if (preview != null) {
      files.add(preview);
    }
    if (archival != null && archival.file() != null) {
      files.add(archival.file());
    }
    attachments.forEach(a -> files.add(a.file()));
    return files;
  }
}
