package se.arkiv.web;

import se.arkiv.record.ArchivalCopy;
import se.arkiv.record.ExtractionStatus;
import se.arkiv.record.RecordMetadata;

/**
 * A record has no archival copy: not yet (404), or none will be made and the reason says why (409:
 * an office file, an encrypted or damaged PDF). The original downloads as filed either way.
 */
class ArchivalCopyNotAvailable extends RuntimeException {

  private final boolean refused;

  private ArchivalCopyNotAvailable(String message, boolean refused) {
    super(message);
    this.refused = refused;
  }

  /** Why the record's metadata names no archival copy it could be downloaded from. */
  static ArchivalCopyNotAvailable of(RecordMetadata record) {
    ArchivalCopy copy = record.extraction().archival();
    if (record.extraction().status() == ExtractionStatus.PENDING) {
      return new ArchivalCopyNotAvailable(
          "The archival copy is made with or after the record's text extraction, which has not"
              + " finished yet",
          false);
    }
    if (record.extraction().archivalLater()) {
      return new ArchivalCopyNotAvailable(
          "The archival copy is being made: after the text, in the background. The original"
              + " downloads as filed",
          false);
    }
    if (copy == null) {
      return new ArchivalCopyNotAvailable(
          "This record has no archival copy: it was extracted before archival copies were made,"
              + " or its extraction ended early. The original downloads as filed",
          false);
    }
    return new ArchivalCopyNotAvailable(
        "No archival copy was made of this record: " + copy.reason(), true);
  }

  /** The metadata names a copy the store does not hold (a fixity run makes it again). */
  static ArchivalCopyNotAvailable missing() {
    return new ArchivalCopyNotAvailable(
        "The archival copy is missing from the store; a fixity run makes it again from the"
            + " original, which downloads as filed",
        false);
  }

  /** Whether no copy will ever be made (409), rather than none being there yet (404). */
  boolean refused() {
    return refused;
  }
}
