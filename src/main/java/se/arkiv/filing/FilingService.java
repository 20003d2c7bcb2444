package se.arkiv.filing;

import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import se.arkiv.extraction.MediaTypeDetector;
import se.arkiv.record.BusinessKeys;
import se.arkiv.record.Extraction;
import se.arkiv.record.FilePlan;
import se.arkiv.record.Provenance;
import se.arkiv.record.RecordId;
import se.arkiv.record.RecordMetadata;
import se.arkiv.record.UnknownRecordClass;
import se.arkiv.storage.ObjectAlreadyExists;
import se.arkiv.storage.RecordStore;

/**
 * Files a record. The write protocol: spool and hash the upload, look for a duplicate, store the
 * original, store metadata version 1, and only then acknowledge. Extraction and indexing follow
 * from the queue; until then the record is found by its metadata.
 */
@Service
public class FilingService {

  private static final Logger log = LoggerFactory.getLogger(FilingService.class);

  private final FilePlan filePlan;
  private final RecordStore store;
  private final Spool spool;
  private final KeptUploads keptUploads;
  private final MediaTypeDetector mediaTypes;
  private final ExtractionQueue extractionQueue;
  private final Clock clock;
  private final FilingMetrics metrics;
  private final Object[] dedupLocks = new Object[64];

  FilingService(
      FilePlan filePlan,
      RecordStore store,
      Spool spool,
      KeptUploads keptUploads,
      MediaTypeDetector mediaTypes,
      ExtractionQueue extractionQueue,
      Clock clock,
      FilingMetrics metrics) {
    this.filePlan = filePlan;
    this.store = store;
    this.spool = spool;
    this.keptUploads = keptUploads;
    this.mediaTypes = mediaTypes;
    this.extractionQueue = extractionQueue;
    this.clock = clock;
    this.metrics = metrics;
    for (int i = 0; i < dedupLocks.length; i++) {
      dedupLocks[i] = new Object();
    }
  }

  /** Checks a request before any byte of the upload is read, so bad metadata costs nothing. */
  public void validate(FilingRequest request) {
    FilingRules.check(request, filePlan);
  }

  /**
   * Files one upload; {@link #validate} comes first, before a byte of the upload is read, so
   * callers need not (and should not) validate again.
   */
  public Filed file(FilingRequest request, InputStream content, String fileName, String filedBy) {
    return file(request, content, fileName, filedBy, null);
  }

  /**
   * Files a record migrated from a legacy system, through the same write protocol; {@code
   * provenance} is kept in its metadata. A duplicate answers the record archived already, whatever
   * its provenance.
   */
  public Filed file(
      FilingRequest request,
      InputStream content,
      String fileName,
      String filedBy,
      Provenance provenance) {
    boolean imported = provenance != null;
    try {
      Filed filed = fileOnce(request, content, fileName, filedBy, provenance);
      metrics.filing(filed.created() ? "filed" : "duplicate", imported);
      return filed;
    } catch (InvalidFilingRequest | UnknownRecordClass e) {
      metrics.filing("refused", imported);
      throw e;
    } catch (RuntimeException e) {
      metrics.filing("failed", imported);
      throw e;
    }
  }

  private Filed fileOnce(
      FilingRequest request,
      InputStream content,
      String fileName,
      String filedBy,
      Provenance provenance) {
    validate(request);
    String safeName = FileNames.sanitize(fileName);
    BusinessKeys keys = request.keys() == null ? BusinessKeys.NONE : request.keys();
    try (SpooledFile upload = spool.receive(content)) {
      metrics.received(upload.size());
      // Once, outside the lock: the type is the costliest CPU step of a filing (Tika's magic and
      // container detection) and goes into metadata v1, from which extraction and previews take it.
      String mediaType = mediaTypes.detect(upload.path(), safeName);
      String department = FilingRules.department(request.department());
      int identity = Objects.hash(upload.sha256(), request.recordClass(), department, keys);
      RecordMetadata first;
      synchronized (dedupLocks[Math.floorMod(identity, dedupLocks.length)]) {
        Optional<RecordMetadata> existing =
            store.findDuplicate(upload.sha256(), request.recordClass(), department, keys);
        if (existing.isPresent()) {
          return new Filed(existing.get(), false);
        }
        RecordId id = RecordId.newId(clock);
        String version = store.storeOriginal(id, upload.path()).versionId();
        first =
            firstVersion(
                id, version, request, keys, safeName, mediaType, upload, filedBy, provenance);
        try {
          store.storeVersion(first);
        } catch (RuntimeException e) {
          if (store.latest(first.id()).isPresent()) {
            // The metadata reached the store though the answer was lost: the record is whole.
            log.warn("Metadata of {} stored despite an error: {}", first.id(), e.toString());
          } else {
            // Not acknowledged: remove the original so no half-filed record is left behind.
            store.discardUnacknowledged(first.id());
            throw e;
          }
        }
        // Before the lock is let go, so that an identical upload waiting for it finds this one.
        registerDuplicateKey(first);
      }
      // Before the record is queued: extraction reads the upload from the spool, not the store.
      keptUploads.keep(first.id(), upload);
      // Indexing and the store locks follow outside the lock: an identical upload is answered as a
      // duplicate from the store meanwhile, and different uploads never wait for this index write.
      store.announce(first, null);
      extractionQueue.submit(first);
      return new Filed(first, true);
    }
  }

  /** Duplicate detection is a convenience: failing to record its key must not fail a filing. */
  private void registerDuplicateKey(RecordMetadata record) {
    try {
      store.registerDuplicateKey(record);
    } catch (RuntimeException e) {
      log.warn("Duplicate key of {} not recorded: {}", record.id(), e.toString());
    }
  }

  /**
   * Refuses a correction that breaks a rule (a field that cannot be corrected, a value out of
   * bounds), as {@link #correct} would, without writing anything: a batch checks every record
   * before it changes the first.
   */
  public void check(RecordMetadata current, MetadataCorrection correction) {
    checked(current, correction);
  }

  /** The record as the correction would describe it, checked against the filing rules. */
  private FilingRequest checked(RecordMetadata current, MetadataCorrection correction) {
    for (String field : correction.fields()) {
      if (!MetadataCorrection.CORRECTABLE.contains(field)) {
        throw new InvalidFilingRequest(
            field
                + " cannot be corrected; correctable fields are "
                + new TreeSet<>(MetadataCorrection.CORRECTABLE));
      }
    }
    if (correction.fields().isEmpty()) {
      throw new InvalidFilingRequest("Name at least one field to correct");
    }
    FilingRules.checkReason(correction.reason());
    Set<String> f = correction.fields();
    FilingRequest checked =
        new FilingRequest(
            current.recordClass(),
            f.contains("title") ? correction.title() : current.title(),
            f.contains("department") ? correction.department() : current.department(),
            f.contains("documentDate") ? correction.documentDate() : current.documentDate(),
            f.contains("fiscalYearEnd") ? correction.fiscalYearEnd() : current.fiscalYearEnd(),
            f.contains("keys") ? correction.keys() : current.keys(),
            f.contains("tags") ? correction.tags() : current.tags());
    validate(checked);
    return checked;
  }

  /** Appends a metadata version with the corrected fields; earlier versions stay as they were. */
  public RecordMetadata correct(RecordId id, MetadataCorrection correction, String actor) {
    for (int attempt = 0; ; attempt++) {
      RecordMetadata current = store.require(id);
      FilingRequest checked = checked(current, correction);
      Set<String> f = correction.fields();
      String title =
          checked.title() == null || checked.title().isBlank()
              ? current.fileName()
              : checked.title().strip();
      RecordMetadata next =
          current.corrected(
              title,
              FilingRules.department(checked.department()),
              checked.documentDate(),
              checked.fiscalYearEnd(),
              checked.keys() == null ? BusinessKeys.NONE : checked.keys(),
              FilingRules.tags(checked.tags()),
              clock.instant(),
              actor,
              correction.reason() == null || correction.reason().isBlank()
                  ? "corrected " + new TreeSet<>(f)
                  : "corrected " + new TreeSet<>(f) + ": " + correction.reason());
      if (next.describedAs(current)) {
        return current; // a retried or empty correction: a version that changes nothing is noise
      }
      try {
        RecordMetadata stored = store.appendVersion(next);
        registerDuplicateKey(stored);
        return stored;
      } catch (ObjectAlreadyExists e) {
        if (attempt >= 5) {
          throw e;
        }
      }
    }
  }

  private RecordMetadata firstVersion(
      RecordId id,
      String originalVersionId,
      FilingRequest request,
      BusinessKeys keys,
      String fileName,
      String mediaType,
      SpooledFile upload,
      String filedBy,
      Provenance provenance) {
    Instant now = clock.instant();
    String title =
        request.title() == null || request.title().isBlank() ? fileName : request.title().strip();
    String department = FilingRules.department(request.department());
    List<String> tags = FilingRules.tags(request.tags());
    return new RecordMetadata(
        RecordMetadata.SCHEMA_VERSION,
        id,
        1,
        request.recordClass(),
        title,
        fileName,
        mediaType,
        upload.size(),
        upload.sha256(),
        department,
        request.documentDate(),
        request.fiscalYearEnd(),
        keys,
        tags,
        now,
        filedBy,
        Extraction.pending(),
        now,
        filedBy,
        "filed",
        originalVersionId,
        provenance);
  }
}
