package se.arkiv.extraction;

import java.nio.file.Path;

/** Turns a file into plain text, or says why it cannot. Never throws for a bad file. */
public interface TextExtractor {

  ExtractedText extract(Path file, String fileName);
}
