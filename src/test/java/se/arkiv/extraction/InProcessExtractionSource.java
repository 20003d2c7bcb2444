package se.arkiv.extraction;

import java.io.IOException;
import org.springframework.context.annotation.Bean;
import se.arkiv.storage.StorageSettings;
import se.arkiv.testing.MovableClockSource;
import se.arkiv.testing.RunningArkiv;

/**
 * Replaces the service's extractor, which parses in child processes, with the same Tika extraction
 * in the test's own JVM, and starts no child. For tests about what happens after extraction
 * (retention, holds, corrections), where starting and warming a child JVM for each service they
 * start is most of their time. The tests of isolation itself (ExtractionChildrenIT, HostileFilesIT)
 * and every other integration test keep the children. A plain class, like {@link
 * MovableClockSource}, that {@link RunningArkiv} adds as a source when asked.
 */
public class InProcessExtractionSource {

  @Bean
  TextExtractor isolatedTextExtractor(ExtractionSettings settings) throws IOException {
    return new TikaTextExtractor(settings);
  }

  @Bean
  ExtractionChildren extractionChildren(ExtractionSettings settings, StorageSettings storage)
      throws IOException {
    return new ExtractionChildren(settings, storage) {
      @Override
      void startOne() {
        // no child is needed: nothing is parsed in one
      }
    };
  }
}
