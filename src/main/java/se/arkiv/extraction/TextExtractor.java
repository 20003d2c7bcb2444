package se.arkiv.extraction;

import java.nio.file.Path;

/** Turns a file into plain text, or says why it cannot. Never throws for a bad file. */
public interface TextExtractor {

  /**
   * @param mediaType the type filing detected, so that it is not detected again; null to detect
   */
  ExtractedText extract(Path file, String fileName, String mediaType);

  /**
   * Makes the archival copy of a file whose extraction left it for later ({@link
   * ExtractedText.Archival#isLater}); never throws for a bad file, and says why when no copy is
   * made.
   */
  ExtractedText.Archival archival(Path file, String fileName, String mediaType);

  default ExtractedText extract(Path file, String fileName) {
    return extract(file, fileName, null);
  }
}
