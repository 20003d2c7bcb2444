package se.arkiv.web;

import se.arkiv.record.ExtractionStatus;
import se.arkiv.record.RecordMetadata;

/** A record has no extracted text (yet, or ever); the message says which and why. */
class TextNotAvailable extends RuntimeException {
  TextNotAvailable(RecordMetadata record) {
    super(
        record.extraction().status() == ExtractionStatus.FAILED
            ? "Text extraction failed for this record: " + record.extraction().reason()
            : "Text extraction for this record has not finished yet");
  }
}
