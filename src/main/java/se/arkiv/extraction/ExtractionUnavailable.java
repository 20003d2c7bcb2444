package se.arkiv.extraction;

/**
 * No extraction child process could be started (no java binary, no memory for another JVM). Nothing
 * is wrong with the file: the record stays pending and is extracted once children start.
 */
public final class ExtractionUnavailable extends RuntimeException {

  ExtractionUnavailable(String message, Throwable cause) {
    super(message, cause);
  }
}
