package se.arkiv.extraction;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code arkiv.extraction.*}: limits that keep one bad file from starving the service.
 *
 * @param maxCharacters text beyond this is cut and the record marked truncated
 * @param timeout a parse that takes longer is abandoned and the record marked failed
 * @param threads parallel extractions; 0 (the default) means half the processors, at least one,
 *     leaving the other half to filing, search and the HTTP edge
 * @param queueCapacity filed records waiting for extraction; beyond it they wait for the sweep
 * @param ocr run Tesseract on images and on PDF pages without a text layer, when tesseract is
 *     installed (if it is not, OCR is off and the log says so)
 * @param ocrLanguages Tesseract's languages, e.g. "swe+eng"
 * @param ocrPageTimeout the longest one page may take to OCR
 */
@ConfigurationProperties("arkiv.extraction")
public record ExtractionSettings(
    @DefaultValue("5000000") int maxCharacters,
    @DefaultValue("120s") Duration timeout,
    @DefaultValue("0") int threads,
    @DefaultValue("1000") int queueCapacity,
    @DefaultValue("true") boolean ocr,
    @DefaultValue("swe+eng") String ocrLanguages,
    @DefaultValue("60s") Duration ocrPageTimeout) {

  @org.springframework.boot.context.properties.bind.ConstructorBinding
  public ExtractionSettings {
    if (threads <= 0) {
      threads = Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
    }
  }

  /** Settings with the default OCR languages and page timeout. */
  public ExtractionSettings(
      int maxCharacters, Duration timeout, int threads, int queueCapacity, boolean ocr) {
    this(maxCharacters, timeout, threads, queueCapacity, ocr, "swe+eng", Duration.ofSeconds(60));
  }
}
