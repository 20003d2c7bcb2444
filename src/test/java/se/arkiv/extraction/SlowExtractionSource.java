package se.arkiv.extraction;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.context.annotation.Bean;

/**
 * Puts a pause before the service's own extractor (Tika in a child process), so that a test can
 * file faster than extraction keeps up, as a scanner batch does with OCR. Not scanned as a
 * component; {@code RunningArkiv} adds it as a source when asked.
 */
public class SlowExtractionSource {

  static final Duration PAUSE = Duration.ofMillis(400);

  @Bean
  TextExtractor isolatedTextExtractor(ExtractionChildren children) throws IOException {
    IsolatedTextExtractor tika = new IsolatedTextExtractor(children);
    return new TextExtractor() {
      @Override
      public ExtractedText extract(Path file, String fileName, String mediaType) {
        try {
          Thread.sleep(PAUSE.toMillis());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return tika.extract(file, fileName, mediaType);
      }

      @Override
      public ExtractedText afterText(Path file, String fileName, String mediaType) {
        return tika.afterText(file, fileName, mediaType);
      }
    };
  }
}
