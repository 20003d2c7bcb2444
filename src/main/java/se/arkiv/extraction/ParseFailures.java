package se.arkiv.extraction;

import java.util.Locale;
import org.apache.tika.exception.EncryptedDocumentException;
import se.arkiv.record.ExtractionFailure;

/** The named failure of a parse that threw, from the exception and the ones it wraps. */
final class ParseFailures {

  private ParseFailures() {}

  static ExtractedText of(Exception e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      String message = String.valueOf(t.getMessage());
      String lower = message.toLowerCase(Locale.ROOT);
      if (lower.contains("zip bomb")) {
        return ExtractedText.failed(ExtractionFailure.LIMIT, "suspected zip bomb: " + message);
      }
      if (lower.contains("entity expansions") || lower.contains("doctype is disallowed")) {
        // Billion laughs and external entities: refused by the XML parser's safety limits.
        return ExtractedText.failed(
            ExtractionFailure.LIMIT, "refused by the XML safety limits: " + message);
      }
      if (t instanceof EncryptedDocumentException) {
        return ExtractedText.failed(ExtractionFailure.ENCRYPTED, "encrypted");
      }
    }
    Throwable cause = e.getCause() == null ? e : e.getCause();
    return ExtractedText.failed(
        ExtractionFailure.CORRUPT, "unreadable (corrupt or unsupported): " + cause.getMessage());
  }
}
