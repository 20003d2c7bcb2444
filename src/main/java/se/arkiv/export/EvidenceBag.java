package se.arkiv.export;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.LongConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.stereotype.Component;
import se.arkiv.audit.AuditEvidence;
import se.arkiv.record.RecordId;
import se.arkiv.record.RecordMetadata;
import se.arkiv.retention.LegalHold;
import se.arkiv.retention.LegalHolds;
import se.arkiv.retention.Retention;
import se.arkiv.retention.RetentionService;
import se.arkiv.storage.ObjectMissing;
import se.arkiv.storage.ObjectStore;
import se.arkiv.storage.RecordLayout;
import se.arkiv.storage.RecordStore;
import se.arkiv.storage.StoredJson;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes one export's bag. Per record, below {@code data/records/<id>/}: the original as {@code
 * original} plus the extension of the filed name when it is a plain one (the filed name itself is
 * data, never a path), every metadata version as stored ({@code meta/000001.json}, ...) and the
 * extracted text ({@code text.txt}) when there is one. Below {@code data/audit/}: the sealed
 * segments that hold an entry about a record, whole and as stored, the checkpoints to check them
 * against, and {@code entries.log}, those entries' lines. The tag file {@code records.jsonl} has
 * one line per record: where its files are, its retention now and the holds on it.
 */
@Component
class EvidenceBag {

  private static final Pattern PLAIN_EXTENSION = Pattern.compile("\\.([A-Za-z0-9]{1,10})$");
  private static final ZoneId STOCKHOLM = ZoneId.of("Europe/Stockholm");
  private static final JsonMapper JSON = StoredJson.compact();

  private final RecordStore records;
  private final ObjectStore objects;
  private final RetentionService retention;
  private final LegalHolds holds;
  private final AuditEvidence audit;
  private final Clock clock;
  private final String agent;

  EvidenceBag(
      RecordStore records,
      ObjectStore objects,
      RetentionService retention,
      LegalHolds holds,
      AuditEvidence audit,
      Clock clock,
      ObjectProvider<BuildProperties> build) {
    this.records = records;
    this.objects = objects;
    this.retention = retention;
    this.holds = holds;
    this.audit = audit;
    this.clock = clock;
    BuildProperties properties = build.getIfAvailable();
    this.agent = "Arkiv " + (properties == null ? "development" : properties.getVersion());
  }

  /** One line of {@code records.jsonl}. */
  record RecordLine(
      String recordId,
      String recordClass,
      String department,
      String title,
      String fileName,
      String mediaType,
      long size,
      String sha256,
      String original,
      List<String> metadata,
      String text,
      Retention retention,
      List<HoldLine> holds,
      @JsonIgnore RecordMetadata latest) {}

  /** A hold on a record, as {@code records.jsonl} names it. */
  record HoldLine(String id, String name, String caseReference, String placedAt) {}

  /**
   * A row of {@code import-manifest.json}: the bag is a source for the bulk import (the record's id
   * is its legacy id), so an export moves records into another Arkiv with their metadata.
   */
  record ImportRow(
      String file,
      String recordClass,
      String department,
      LocalDate documentDate,
      LocalDate fiscalYearEnd,
      String title,
      List<String> tags,
      Map<String, String> keys,
      String legacyId,
      Instant originalFiledAt,
      String originalFiledBy) {

    static ImportRow of(RecordMetadata record, String file) {
      return new ImportRow(
          file,
          record.recordClass(),
          record.department(),
          record.documentDate(),
          record.fiscalYearEnd(),
          record.title(),
          record.tags(),
          record.keys().present(),
          record.id().value(),
          record.filedAt(),
          record.filedBy());
    }
  }

  /**
   * Writes the bag of {@code ids} into {@code zip}; {@code progress} hears each record done.
   *
   * @return the SHA-256 of the zip
   */
  String write(Export export, List<String> ids, Path zip, LongConsumer progress)
      throws IOException {
    Path lines = zip.resolveSibling(zip.getFileName() + ".records");
    Path rows = zip.resolveSibling(zip.getFileName() + ".import");
    try (BagWriter bag = new BagWriter(zip, "arkiv-export-" + export.id());
        Writer recordLines = Files.newBufferedWriter(lines, StandardCharsets.UTF_8);
        Writer importRows = Files.newBufferedWriter(rows, StandardCharsets.UTF_8)) {
      long done = 0;
      List<String> exported = new ArrayList<>(ids.size());
      for (String id : ids) {
        RecordLine line = writeRecord(bag, RecordId.of(id));
        if (line != null) {
          exported.add(id);
          recordLines.write(JSON.writeValueAsString(line));
          recordLines.write('\n');
          importRows.write(exported.size() == 1 ? "[\n" : ",\n");
          importRows.write(JSON.writeValueAsString(ImportRow.of(line.latest(), line.original())));
        }
        progress.accept(++done);
      }
      importRows.write(exported.isEmpty() ? "[]\n" : "\n]\n");
      recordLines.close();
      importRows.close();
      AuditEvidence.Selection trail = writeAudit(bag, exported);
      bag.tag("records.jsonl", out -> Files.copy(lines, out));
      bag.tag("import-manifest.json", out -> Files.copy(rows, out));
      return bag.finish(info(export, exported.size(), trail));
    } finally {
      Files.deleteIfExists(lines);
      Files.deleteIfExists(rows);
    }
  }

  private RecordLine writeRecord(BagWriter bag, RecordId id) throws IOException {
    int latestNumber = records.latestVersionNumber(id);
    if (latestNumber == 0) {
      // Destroyed since it was selected: a disposition run may go on while the bag is written.
      return null;
    }
    RecordMetadata latest = records.version(id, latestNumber);
    String folder = "records/" + id + "/";
    String original = folder + "original" + extension(latest.fileName());
    try (InputStream in = records.openOriginal(latest)) {
      DigestInputStream checked = new DigestInputStream(in, BagWriter.digest("SHA-256"));
      bag.payload(original, checked);
      String sha256 = HexFormat.of().formatHex(checked.getMessageDigest().digest());
      if (!sha256.equals(latest.sha256())) {
        // Evidence must not carry a damaged original as if it were the one filed.
        throw new IllegalStateException(
            "the original of record "
                + id
                + " does not match its metadata (SHA-256 "
                + sha256
                + ", declared "
                + latest.sha256()
                + "); run fixity");
      }
    }
    List<String> metadata = new ArrayList<>();
    for (int version = 1; version <= latestNumber; version++) {
      String path = folder + "meta/" + String.format("%06d", version) + ".json";
      try (InputStream in = objects.get(RecordLayout.metadataVersion(id, version))) {
        bag.payload(path, in);
      }
      metadata.add("data/" + path);
    }
    String text = null;
    try (InputStream in = objects.get(RecordLayout.text(id))) {
      bag.payload(folder + "text.txt", in);
      text = "data/" + folder + "text.txt";
    } catch (ObjectMissing e) {
      // No text extracted (an image without OCR, a failed parse): its metadata says why.
    }
    Retention now = retention.retentionOf(latest);
    List<HoldLine> on = new ArrayList<>();
    for (String holdId : now.holds()) {
      LegalHold hold = holds.find(holdId);
      on.add(
          new HoldLine(hold.id(), hold.name(), hold.caseReference(), hold.placedAt().toString()));
    }
    return new RecordLine(
        id.value(),
        latest.recordClass(),
        latest.department(),
        latest.title(),
        latest.fileName(),
        latest.mediaType(),
        latest.size(),
        latest.sha256(),
        "data/" + original,
        metadata,
        text,
        now,
        on,
        latest);
  }

  private AuditEvidence.Selection writeAudit(BagWriter bag, List<String> ids) throws IOException {
    AuditEvidence.Selection trail = audit.about(ids);
    List<String> copied = new ArrayList<>(trail.segments());
    copied.addAll(trail.checkpoints());
    for (String key : copied) {
      // Under the same name as in the store (audit/segments/..., audit/checkpoints/...).
      try (InputStream in = audit.open(key)) {
        bag.payload(key, in);
      }
    }
    Set<String> targets = new HashSet<>(ids);
    bag.payload(
        "audit/entries.log",
        out -> {
          Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
          for (String key : trail.segments()) {
            audit.linesAbout(key, targets, writer);
          }
          writer.flush();
        });
    return trail;
  }

  private Map<String, String> info(Export export, long count, AuditEvidence.Selection trail) {
    Map<String, String> info = new LinkedHashMap<>();
    info.put("Source-Organization", "Arkiv records archive");
    info.put("Bag-Software-Agent", agent);
    info.put("Bagging-Date", LocalDate.now(clock.withZone(STOCKHOLM)).toString());
    info.put("External-Identifier", "arkiv-export-" + export.id());
    info.put(
        "External-Description",
        "Evidence export of "
            + count
            + " records: originals, metadata versions, extracted text, retention and holds"
            + " (records.jsonl), and the audit trail segments that prove their history");
    info.put("Arkiv-Export-Id", export.id());
    info.put("Arkiv-Selection", export.selection().describe());
    info.put("Arkiv-Requested-By", export.requestedBy());
    info.put("Arkiv-Requested-At", export.requestedAt().toString());
    info.put("Arkiv-Record-Count", String.valueOf(count));
    info.put("Arkiv-Records-File", "records.jsonl");
    info.put("Arkiv-Import-Manifest", "import-manifest.json");
    info.put("Arkiv-Audit-Segments", String.valueOf(trail.segments().size()));
    info.put("Arkiv-Audit-Entries", String.valueOf(trail.entries()));
    if (trail.unsealed() > 0) {
      info.put("Arkiv-Audit-Entries-Not-Sealed", String.valueOf(trail.unsealed()));
    }
    return info;
  }

  /** {@code .pdf} of {@code "Faktura ../../x.PDF"}; nothing when the name has no plain one. */
  static String extension(String fileName) {
    if (fileName == null) {
      return "";
    }
    Matcher matcher = PLAIN_EXTENSION.matcher(fileName.strip());
    return matcher.find() ? "." + matcher.group(1).toLowerCase(Locale.ROOT) : "";
  }
}
