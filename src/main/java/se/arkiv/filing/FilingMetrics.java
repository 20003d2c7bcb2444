package se.arkiv.filing;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Component;
import se.arkiv.extraction.ExtractedText;
import se.arkiv.record.OcrPage;

/**
 * Arkiv's own filing and extraction meters (each is described in docs/operations.md):
 *
 * <ul>
 *   <li>{@code arkiv.filings} by {@code outcome} (filed, duplicate, refused, failed) and {@code
 *       channel} (upload, import);
 *   <li>{@code arkiv.filing.upload.bytes}, the size of each upload received;
 *   <li>{@code arkiv.extraction.duration} by {@code mediaType} and {@code outcome} (done, or the
 *       named failure such as TIMEOUT or ENCRYPTED);
 *   <li>{@code arkiv.ocr.pages} and {@code arkiv.ocr.confidence} (Tesseract's 0 to 100 per page).
 * </ul>
 *
 * Tags take only bounded values: media types are Tika's registered names without parameters, never
 * a file name, a user or a record id.
 */
@Component
class FilingMetrics {

  private final MeterRegistry registry;
  private final DistributionSummary uploadBytes;
  private final Counter ocrPages;
  private final DistributionSummary ocrConfidence;

  FilingMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.uploadBytes =
        DistributionSummary.builder("arkiv.filing.upload.bytes")
            .description("Size of each upload received for filing")
            .baseUnit("bytes")
            .register(registry);
    this.ocrPages =
        Counter.builder("arkiv.ocr.pages").description("Pages read by OCR").register(registry);
    this.ocrConfidence =
        DistributionSummary.builder("arkiv.ocr.confidence")
            .description("Tesseract's mean word confidence per OCR'd page, 0 to 100")
            .serviceLevelObjectives(50, 70, 85, 95)
            .register(registry);
    // Every outcome from the start, so that a rate over them starts at zero rather than missing.
    for (String outcome : List.of("filed", "duplicate", "refused", "failed")) {
      filings(outcome, false);
      filings(outcome, true);
    }
  }

  void received(long bytes) {
    uploadBytes.record(bytes);
  }

  void filing(String outcome, boolean imported) {
    filings(outcome, imported).increment();
  }

  private Counter filings(String outcome, boolean imported) {
    return Counter.builder("arkiv.filings")
        .description("Filings by outcome")
        .tag("outcome", outcome)
        .tag("channel", imported ? "import" : "upload")
        .register(registry);
  }

  void extracted(String mediaType, ExtractedText result, Duration took) {
    String outcome =
        result.failure() != null
            ? result.failure().name()
            : result.status().name().toLowerCase(Locale.ROOT);
    Timer.builder("arkiv.extraction.duration")
        .description("Extraction of one record, by media type and outcome")
        .tag("mediaType", baseType(mediaType))
        .tag("outcome", outcome)
        .register(registry)
        .record(took);
    for (OcrPage page : result.ocrPages()) {
      ocrPages.increment();
      ocrConfidence.record(page.confidence());
    }
  }

  private static String baseType(String mediaType) {
    if (mediaType == null || mediaType.isBlank()) {
      return "unknown";
    }
    int parameters = mediaType.indexOf(';');
    return (parameters < 0 ? mediaType : mediaType.substring(0, parameters))
        .strip()
        .toLowerCase(Locale.ROOT);
  }
}
