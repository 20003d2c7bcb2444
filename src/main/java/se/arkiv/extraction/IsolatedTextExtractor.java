package se.arkiv.extraction;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.CancellationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The service's extractor: each record is parsed in an extraction child process. A record whose
 * parse ends its child (timeout, out of memory, crash) is tried once more on a fresh child; when
 * that child dies too, the record is failed with the named reason and never tried again.
 */
@Component
class IsolatedTextExtractor implements TextExtractor {

  private static final Logger log = LoggerFactory.getLogger(IsolatedTextExtractor.class);
  static final int ATTEMPTS = 2;

  private final ExtractionChildren children;
  private final Languages languages;

  IsolatedTextExtractor(ExtractionChildren children) throws IOException {
    this.children = children;
    // Here, not in the children: the models take long to load and the text is safe to read.
    this.languages = new Languages();
  }

  @Override
  public ExtractedText extract(Path file, String fileName, String mediaType) {
    ExtractedText result =
        onChild(child -> child.extract(file, fileName, mediaType, children.watchdogTimeout()));
    return result.withLanguage(languages.sampled(result.text()));
  }

  @Override
  public ExtractedText afterText(Path file, String fileName, String mediaType) {
    ExtractedText result =
        onChild(child -> child.afterText(file, fileName, mediaType, children.watchdogTimeout()));
    return result.archival() != null
        ? result
        : result.withArchival(
            ExtractedText.Archival.notMade(
                "the archival copy could not be made: " + result.reason()));
  }

  /** One request to a child. */
  private interface ChildRequest {
    ExtractedText ask(ExtractionChild child) throws ChildDied;
  }

  private ExtractedText onChild(ChildRequest request) {
    ChildDied last = null;
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      ExtractionChild child = children.borrow();
      boolean released = false;
      try {
        ExtractedText result = request.ask(child);
        children.release(child);
        released = true;
        return result;
      } catch (ChildDied died) {
        if (Thread.currentThread().isInterrupted() || children.closed() || died.stopped()) {
          // The service (or whoever sent the signal) is stopping: nothing is wrong with the
          // file, and the record stays pending for the sweep.
          throw new CancellationException("extraction stopped: the service is stopping");
        }
        last = died;
        log.warn(
            "Extraction child {} ended while reading a record ({}: {}), attempt {} of {}",
            child.pid(),
            died.failure(),
            died.getMessage(),
            attempt,
            ATTEMPTS);
      } finally {
        if (!released) {
          children.discard(child);
        }
      }
    }
    return ExtractedText.failed(
        last.failure(), "the parser " + last.getMessage() + ", twice; the file is kept as is");
  }
}
