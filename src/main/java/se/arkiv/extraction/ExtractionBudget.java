package se.arkiv.extraction;

import java.time.Duration;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code arkiv.extraction.budget.*}: what one record may cost. When a budget runs out, the record
 * is finished with the text found so far, marked truncated with the budget's name, and the queue
 * moves on. Scans and image-only pages are OCR'd whatever the image budget says; it limits the
 * images embedded in archives, office files and e-mails.
 *
 * @param enabled false turns every budget below off (the per-record timeout still applies)
 * @param time the longest the parse of one record (its text and embedded documents) may take
 * @param embedded embedded documents descended into (files in an archive, attachments, images)
 * @param depth how deep embedded documents are descended into (a zip in a zip is depth 2)
 * @param ocrImages embedded images OCR'd per record
 * @param ocrPixels total pixels of the embedded images OCR'd per record
 * @param minOcrImagePixels embedded images smaller than this (icons, logos) are not OCR'd
 */
public record ExtractionBudget(
    @DefaultValue("true") boolean enabled,
    @DefaultValue("60s") Duration time,
    @DefaultValue("500") int embedded,
    @DefaultValue("5") int depth,
    @DefaultValue("10") int ocrImages,
    @DefaultValue("50000000") long ocrPixels,
    @DefaultValue("100000") long minOcrImagePixels) {

  static final ExtractionBudget DEFAULTS =
      new ExtractionBudget(true, Duration.ofSeconds(60), 500, 5, 10, 50_000_000L, 100_000L);

  /** No budget: only the per-record timeout and the character limit apply. */
  public static final ExtractionBudget OFF =
      new ExtractionBudget(
          false,
          Duration.ofDays(1),
          Integer.MAX_VALUE,
          Integer.MAX_VALUE,
          Integer.MAX_VALUE,
          Long.MAX_VALUE,
          0);

  /** What applies: this budget, or none when it is off. */
  ExtractionBudget effective() {
    return enabled ? this : OFF;
  }
}
