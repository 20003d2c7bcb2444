package se.arkiv.extraction;

import java.nio.file.Path;

/** Turns a file into plain text, or says why it cannot. Never throws for a bad file. */
public interface TextExtractor {

  /**
   * @param mediaType the type filing detected, so that it is not detected again; null to detect
   */
  ExtractedText extract(Path file, String fileName, String mediaType);

  /**
   * Makes what a file's extraction left for after its text ({@link
   * ExtractedText.Archival#isLater}): the archival copy, in {@link ExtractedText#archival} (never
   * null: it says why when no copy is made), and the first-page preview; never throws for a bad
   * file.
   */
  ExtractedText afterText(Path file, String fileName, String mediaType);

  default ExtractedText extract(Path file, String fileName) {
    return extract(file, fileName, null);
  }
}
