package se.arkiv.retention;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import se.arkiv.record.BusinessKeys;
import se.arkiv.record.Extraction;
import se.arkiv.record.ExtractionStatus;
import se.arkiv.record.FilePlan;
import se.arkiv.record.FilePlanFiles;
import se.arkiv.record.RecordId;
import se.arkiv.record.RecordMetadata;
import se.arkiv.search.TemporaryIndex;
import se.arkiv.storage.JsonDocuments;
import se.arkiv.storage.RecordStore;
import se.arkiv.storage.VersionedMemoryStore;

/**
 * A small archive for unit tests of disposition: the shipped file plan, a store in memory, a real
 * index, real events and holds, and a clock standing still on 1 March 2030.
 */
final class Archive implements AutoCloseable {

  static final Instant NOW = Instant.parse("2030-03-01T09:00:00Z");

  final VersionedMemoryStore objects = new VersionedMemoryStore();
  final RecordStore records = objects.records();
  final JsonDocuments documents = objects.documents();
  final FilePlan filePlan = FilePlanFiles.load(Path.of("storage-config/file-plan.yaml"));
  final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

  /** Every event published, in order. */
  final List<Object> published = new CopyOnWriteArrayList<>();

  final TemporaryIndex index;
  final RetentionEvents events;
  final LegalHolds holds;
  final RetentionService retention;
  private final Path files;

  Archive(Path dir) {
    this.files = dir;
    this.index = TemporaryIndex.over(dir.resolve("index"), records);
    this.events = new RetentionEvents(documents, clock, filePlan, published::add);
    this.holds = new LegalHolds(documents, index.search(), records, clock, published::add);
    this.retention = new RetentionService(filePlan, events, holds, clock);
  }

  DispositionPlanner planner() {
    return new DispositionPlanner(records, retention, holds, filePlan, index.candidates());
  }

  RecordDestruction destruction() {
    return new RecordDestruction(
        records, documents, retention, holds, index.search(), clock, published::add);
  }

  /** Files a record whose text is extracted, stored and indexed. */
  RecordMetadata file(String recordClass, LocalDate documentDate, BusinessKeys keys) {
    return file(recordClass, documentDate, keys, ExtractionStatus.DONE);
  }

  RecordMetadata file(
      String recordClass, LocalDate documentDate, BusinessKeys keys, ExtractionStatus status) {
    return file(recordClass, documentDate, null, keys, status, true);
  }

  /** A voucher of a fiscal year that ended on {@code fiscalYearEnd}. */
  RecordMetadata fileVoucher(LocalDate documentDate, LocalDate fiscalYearEnd) {
    return file(
        "ACC-VOUCHER", documentDate, fiscalYearEnd, BusinessKeys.NONE, ExtractionStatus.DONE, true);
  }

  /** A record in the store that the index has not seen, as after a crash before indexing. */
  RecordMetadata fileUnindexed(String recordClass, LocalDate documentDate) {
    return file(recordClass, documentDate, null, BusinessKeys.NONE, ExtractionStatus.DONE, false);
  }

  private RecordMetadata file(
      String recordClass,
      LocalDate documentDate,
      LocalDate fiscalYearEnd,
      BusinessKeys keys,
      ExtractionStatus status,
      boolean indexed) {
    RecordId id = RecordId.newId(clock);
    String text = recordClass + " of " + documentDate + " " + id;
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    try {
      Path original = Files.write(files.resolve(id.value()), bytes);
      String versionId = records.storeOriginal(id, original).versionId();
      RecordMetadata record =
          new RecordMetadata(
              RecordMetadata.SCHEMA_VERSION,
              id,
              1,
              recordClass,
              "A " + recordClass,
              "doc.txt",
              "text/plain",
              bytes.length,
              HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)),
              "BACK-OFFICE",
              documentDate,
              fiscalYearEnd,
              keys,
              List.of(),
              NOW,
              "clara",
              new Extraction(status, null, "sv", text.length(), false, NOW),
              NOW,
              "clara",
              "filed",
              versionId);
      records.writeText(id, text);
      records.appendVersion(record);
      if (indexed) {
        index.add(record, text);
      }
      return record;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A corrected document date: a new metadata version. */
  RecordMetadata correctDocumentDate(RecordMetadata record, LocalDate documentDate) {
    return records.appendVersion(
        record.corrected(
            record.title(),
            record.department(),
            documentDate,
            record.fiscalYearEnd(),
            record.keys(),
            record.tags(),
            NOW,
            "maja",
            "document date corrected"));
  }

  LegalHold holdOn(String name, RecordMetadata record) {
    return holds.place(name, "dispute", null, null, List.of(record.id().value()), "maja");
  }

  <T> List<T> published(Class<T> type) {
    return published.stream().filter(type::isInstance).map(type::cast).toList();
  }

  @Override
  public void close() throws IOException {
    index.close();
  }
}
