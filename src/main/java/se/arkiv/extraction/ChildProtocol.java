package se.arkiv.extraction;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.util.unit.DataSize;
import se.arkiv.record.ExtractionFailure;
import se.arkiv.record.ExtractionStatus;
import se.arkiv.record.OcrPage;
import se.arkiv.record.Truncation;
import se.arkiv.storage.StoredJson;
import tools.jackson.databind.json.JsonMapper;

/**
 * The lines between the service and an extraction child: JSON, one object per line. Paths travel as
 * strings and durations as milliseconds, so both sides read them the same way.
 */
final class ChildProtocol {

  /** The child's first line once its parser is loaded. */
  static final String READY = "ready";

  private final JsonMapper json = StoredJson.compact();

  record Settings(
      int maxCharacters,
      int threads,
      long timeoutMillis,
      boolean ocr,
      String ocrLanguages,
      long ocrPageTimeoutMillis,
      boolean budgetEnabled,
      long budgetTimeMillis,
      int embedded,
      int depth,
      int ocrImages,
      long ocrPixels,
      long minOcrImagePixels,
      boolean archivalCopies) {}

  /**
   * One record to read.
   *
   * @param afterText make only what its extraction left for after the text: the archival copy and
   *     the preview
   */
  record Request(String file, String fileName, String mediaType, boolean afterText) {}

  record Attachment(int index, String fileName, String mediaType, String file) {}

  record Answer(
      ExtractionStatus status,
      String text,
      String reason,
      String language,
      boolean truncated,
      List<Attachment> attachments,
      List<OcrPage> ocrPages,
      ExtractionFailure failure,
      Truncation truncation,
      String preview,
      String archival,
      int archivalPages,
      String archivalReason,
      boolean retiring) {

    /** The result this answer carries. */
    ExtractedText result() {
      return new ExtractedText(
          status,
          text == null ? "" : text,
          reason,
          language,
          truncated,
          attachments == null
              ? List.of()
              : attachments.stream()
                  .map(
                      x ->
                          new ExtractedText.Attachment(
                              x.index(), x.fileName(), x.mediaType(), Path.of(x.file())))
                  .toList(),
          ocrPages,
          failure,
          truncation,
          preview == null ? null : Path.of(preview),
          archival == null && archivalReason == null
              ? null
              : new ExtractedText.Archival(
                  archival == null ? null : Path.of(archival), archivalPages, archivalReason));
    }
  }

  String settings(ExtractionSettings settings) {
    ExtractionBudget budget = settings.budget();
    return json.writeValueAsString(
        new Settings(
            settings.maxCharacters(),
            settings.threads(),
            settings.timeout().toMillis(),
            settings.ocr(),
            settings.ocrLanguages(),
            settings.ocrPageTimeout().toMillis(),
            budget.enabled(),
            budget.time().toMillis(),
            budget.embedded(),
            budget.depth(),
            budget.ocrImages(),
            budget.ocrPixels(),
            budget.minOcrImagePixels(),
            settings.archivalCopies()));
  }

  ExtractionSettings settings(String line) {
    Settings s = json.readValue(line, Settings.class);
    return new ExtractionSettings(
        s.maxCharacters(),
        Duration.ofMillis(s.timeoutMillis()),
        s.threads(),
        1,
        s.ocr(),
        s.ocrLanguages(),
        Duration.ofMillis(s.ocrPageTimeoutMillis()),
        DataSize.ofBytes(0),
        0,
        new ExtractionBudget(
            s.budgetEnabled(),
            Duration.ofMillis(s.budgetTimeMillis()),
            s.embedded(),
            s.depth(),
            s.ocrImages(),
            s.ocrPixels(),
            s.minOcrImagePixels()),
        // The child extracts; the sweep that reads this runs in the service.
        Duration.ZERO,
        s.archivalCopies(),
        // Its own JVM's options were on its command line.
        List.of());
  }

  String request(Path file, String fileName, String mediaType, boolean afterText) {
    return json.writeValueAsString(
        new Request(file.toAbsolutePath().toString(), fileName, mediaType, afterText));
  }

  Request request(String line) {
    return json.readValue(line, Request.class);
  }

  /**
   * The answer to one request.
   *
   * @param retiring the child exits after this answer (a parse thread of it may still be running)
   */
  String answer(ExtractedText result, boolean retiring) {
    ExtractedText.Archival archival = result.archival();
    return json.writeValueAsString(
        new Answer(
            result.status(),
            result.text(),
            result.reason(),
            result.language(),
            result.truncated(),
            result.attachments().stream()
                .map(
                    a ->
                        new Attachment(a.index(), a.fileName(), a.mediaType(), a.file().toString()))
                .toList(),
            result.ocrPages(),
            result.failure(),
            result.truncation(),
            result.preview() == null ? null : result.preview().toString(),
            archival == null || archival.file() == null ? null : archival.file().toString(),
            archival == null ? 0 : archival.pages(),
            archival == null ? null : archival.reason(),
            retiring));
  }

  Answer answer(String line) {
    return json.readValue(line, Answer.class);
  }
}
