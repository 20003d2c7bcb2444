package se.arkiv.extraction;

import java.io.IOException;
import java.time.Duration;
import org.springframework.context.annotation.Bean;

/**
 * Replaces the service's extractor with the real Tika one behind a pause, so that a test can file
 * faster than extraction keeps up, as a scanner batch does with OCR. Not scanned as a component;
 * {@code RunningArkiv} adds it as a source when asked.
 */
public class SlowExtractionSource {

  static final Duration PAUSE = Duration.ofMillis(400);

  @Bean
  TextExtractor tikaTextExtractor(ExtractionSettings settings) throws IOException {
    TikaTextExtractor tika = new TikaTextExtractor(settings);
    return (file, fileName) -> {
      try {
        Thread.sleep(PAUSE.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return tika.extract(file, fileName);
    };
  }
}
