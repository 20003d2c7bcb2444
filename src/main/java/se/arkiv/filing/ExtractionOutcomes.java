package se.arkiv.filing;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.arkiv.extraction.ExtractedText;
import se.arkiv.record.ArchivalCopy;
import se.arkiv.record.Attachment;
import se.arkiv.record.EntityKeyFinder;
import se.arkiv.record.EntityKeys;
import se.arkiv.record.Extraction;
import se.arkiv.record.ExtractionStatus;
import se.arkiv.record.RecordId;
import se.arkiv.record.RecordMetadata;
import se.arkiv.storage.ObjectAlreadyExists;
import se.arkiv.storage.RecordStore;

/**
 * What an extraction leaves in the store: the derived objects (preview, attachments, text) first,
 * then the metadata version that names them and the keys found in the text, built on the newest
 * version; nothing for a record destroyed meanwhile.
 */
final class ExtractionOutcomes {

  private static final Logger log = LoggerFactory.getLogger(ExtractionOutcomes.class);
  private static final String ACTOR = "arkiv-extraction";

  private final RecordStore store;
  private final Clock clock;

  ExtractionOutcomes(RecordStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  /**
   * Keeps the preview, the archival copy, the attachments and the text, then names them in a new
   * version.
   */
  RecordMetadata write(RecordMetadata current, ExtractedText result) {
    RecordId id = current.id();
    if (!store.hasOriginal(id)) {
      log.info("Record {} was destroyed while its text was extracted; nothing to write", id);
      return null;
    }
    keepPreview(id, result);
    ArchivalCopy archival = keepArchival(id, result.archival());
    List<Attachment> attachments = keepAttachments(id, result);
    if (result.status() == ExtractionStatus.DONE) {
      store.writeText(id, result.text());
    }
    Extraction outcome =
        new Extraction(
            result.status(),
            result.reason(),
            result.language(),
            result.text().length(),
            result.truncated(),
            clock.instant(),
            attachments,
            result.ocrPages(),
            result.failure(),
            result.truncation(),
            foundKeys(current, result),
            archival);
    String change =
        result.status() == ExtractionStatus.DONE ? "text extracted" : "extraction failed";
    // The text goes to the indexer with the version, rather than being read back from the store.
    return appendWithRetry(
        id,
        latest -> outcome,
        change,
        result.status() == ExtractionStatus.DONE ? result.text() : null);
  }

  /**
   * Keeps the preview and the archival copy made after the text and names the copy (or why there is
   * none) in a new version; nothing when the record is gone or no longer waits for its copy.
   */
  RecordMetadata writeArchival(RecordMetadata current, ExtractedText made) {
    if (!store.hasOriginal(current.id())) {
      return null;
    }
    keepPreview(current.id(), made);
    ArchivalCopy archival = keepArchival(current.id(), made.archival());
    String change =
        archival.isMade() ? "archival copy made" : "archival copy not made: " + archival.reason();
    return appendWithRetry(
        current.id(),
        latest ->
            latest.extraction().archivalLater() ? latest.extraction().withArchival(archival) : null,
        change,
        null);
  }

  /**
   * The keys in the text, read on the day the document speaks from (its date, else the day it was
   * filed), which is what a ten-digit personal number's century depends on.
   */
  private static EntityKeys foundKeys(RecordMetadata record, ExtractedText result) {
    if (result.status() != ExtractionStatus.DONE) {
      return EntityKeys.NONE;
    }
    return EntityKeyFinder.find(result.text(), record.writtenOn());
  }

  private void keepPreview(RecordId id, ExtractedText result) {
    if (result.preview() != null) {
      try {
        store.writePreview(id, Files.readAllBytes(result.preview()));
      } catch (IOException e) {
        log.info("Preview of {} not kept: {}", id, e.toString());
      }
    }
  }

  /** Stores the archival copy, if one was made, and says what the metadata records of it. */
  private ArchivalCopy keepArchival(RecordId id, ExtractedText.Archival archival) {
    if (archival == null) {
      return null;
    }
    if (archival.file() == null) {
      return ArchivalCopy.notMade(archival.reason());
    }
    try {
      store.writeArchival(id, Files.readAllBytes(archival.file()));
      return ArchivalCopy.made(ExtractedText.Archival.CONFORMANCE, archival.pages());
    } catch (IOException e) {
      log.info("Archival copy of {} not kept: {}", id, e.toString());
      return ArchivalCopy.notMade("the archival copy could not be kept: " + e.getMessage());
    }
  }

  /** Stores each attachment as a derived object and lists it. */
  private List<Attachment> keepAttachments(RecordId id, ExtractedText result) {
    List<Attachment> kept = new ArrayList<>();
    for (ExtractedText.Attachment attachment : result.attachments()) {
      kept.add(
          store.writeAttachment(
              id,
              attachment.index(),
              FileNames.sanitize(attachment.fileName()),
              attachment.mediaType(),
              attachment.file()));
    }
    return kept;
  }

  /**
   * Another writer may have added a version meanwhile; build on the newest one. The outcome is
   * worked out from it; null writes nothing.
   */
  private RecordMetadata appendWithRetry(
      RecordId id, Function<RecordMetadata, Extraction> outcome, String change, String text) {
    for (int attempt = 0; ; attempt++) {
      RecordMetadata latest = store.latest(id).orElse(null);
      if (latest == null || !store.hasOriginal(id)) {
        log.info("Record {} was destroyed while its text was extracted; nothing to write", id);
        return null;
      }
      Extraction extraction = outcome.apply(latest);
      if (extraction == null) {
        return null;
      }
      try {
        return store.appendVersion(
            latest.withExtraction(extraction, clock.instant(), ACTOR, change), text);
      } catch (ObjectAlreadyExists e) {
        if (attempt >= 5) {
          throw e;
        }
      }
    }
  }
}
