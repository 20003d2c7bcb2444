package se.arkiv.fixity;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.arkiv.extraction.ExtractedText;
import se.arkiv.extraction.TextExtractor;
import se.arkiv.fixity.Finding.Kind;
import se.arkiv.record.Extraction;
import se.arkiv.record.ExtractionStatus;
import se.arkiv.record.RecordId;
import se.arkiv.record.RecordMetadata;
import se.arkiv.storage.ObjectInfo;
import se.arkiv.storage.RecordLayout;
import se.arkiv.storage.RecordStore;
import se.arkiv.storage.StorageSettings;
import se.arkiv.storage.VersionedMemoryStore;

/**
 * The checker on a store with S3 versioning, changed the way someone with bucket access can: a
 * delete without a version, an overwrite, a version removed for good.
 */
class RecordCheckTest {

  private static final byte[] ORIGINAL =
      "Avräkningsnota 2025-0042".getBytes(StandardCharsets.UTF_8);
  private static final String TEXT = "Avräkningsnota 2025-0042";

  @TempDir Path temp;
  private VersionedMemoryStore store;
  private RecordStore records;
  private RecordCheck check;
  private RecordMetadata record;

  @BeforeEach
  void fileOneRecord() throws Exception {
    store = new VersionedMemoryStore();
    records = store.records();
    ExtractedTextSource extractor = new ExtractedTextSource();
    check =
        new RecordCheck(
            records,
            new DerivedObjects(records, extractor, new StorageSettings(temp)),
            Clock.systemUTC());
    RecordId id = RecordId.newId(Clock.systemUTC());
    Path file = Files.write(temp.resolve("original"), ORIGINAL);
    ObjectInfo stored = records.storeOriginal(id, file);
    record =
        new RecordMetadata(
            RecordMetadata.SCHEMA_VERSION,
            id,
            1,
            "TRADE-CONFIRMATION",
            "Avräkningsnota",
            "nota.txt",
            "text/plain",
            ORIGINAL.length,
            HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(ORIGINAL)),
            null,
            null,
            null,
            null,
            null,
            Instant.now(),
            "clara",
            new Extraction(ExtractionStatus.DONE, null, "sv", TEXT.length(), false, Instant.now()),
            Instant.now(),
            "clara",
            "filed",
            stored.versionId());
    records.writeText(id, TEXT);
    records.appendVersion(record);
  }

  /** Extraction stand-in: the text of a text file is its content. */
  private static final class ExtractedTextSource implements TextExtractor {
    @Override
    public ExtractedText afterText(Path file, String name, String mediaType) {
      throw new AssertionError("a text file leaves nothing for after its text");
    }

    @Override
    public ExtractedText extract(Path file, String name, String mediaType) {
      try {
        return new ExtractedText(
            ExtractionStatus.DONE,
            Files.readString(file),
            null,
            "sv",
            false,
            List.of(),
            List.of(),
            null,
            null,
            null,
            null);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  @Test
  void anUntouchedRecordHasNoFindings() {
    RecordCheck.Checked checked = check.check("run", record.id());

    assertThat(checked.findings()).isEmpty();
    assertThat(checked.bytes()).isEqualTo(ORIGINAL.length);
  }

  @Test
  void aDeleteMarkerOnTheOriginalIsFoundWhileTheDeclaredVersionIsStillServed() throws Exception {
    store.deleteWithoutVersion(RecordLayout.original(record.id()));

    List<Finding> findings = check.check("run", record.id()).findings();

    assertThat(findings)
        .extracting(Finding::kind)
        .containsExactlyInAnyOrder(Kind.DELETE_MARKER, Kind.VERSION_NOT_CURRENT);
    assertThat(findings)
        .allMatch(f -> f.objectKey().equals("records/" + record.id() + "/original"));
    try (var in = records.openOriginal(record)) {
      assertThat(in.readAllBytes()).isEqualTo(ORIGINAL);
    }
  }

  @Test
  void anOverwriteOfTheOriginalIsFoundWhileTheDeclaredVersionIsStillServed() throws Exception {
    store.overwrite(RecordLayout.original(record.id()), "forged".getBytes(StandardCharsets.UTF_8));

    List<Finding> findings = check.check("run", record.id()).findings();

    assertThat(findings)
        .extracting(Finding::kind)
        .containsExactlyInAnyOrder(Kind.EXTRA_VERSIONS, Kind.VERSION_NOT_CURRENT);
    try (var in = records.openOriginal(record)) {
      assertThat(in.readAllBytes()).isEqualTo(ORIGINAL);
    }
  }

  @Test
  void theDeclaredVersionRemovedForGoodIsAMissingOriginal() {
    String key = RecordLayout.original(record.id());
    store.overwrite(key, "forged".getBytes(StandardCharsets.UTF_8));
    store.deleteVersion(key, record.originalVersionId());

    List<Finding> findings = check.check("run", record.id()).findings();

    assertThat(findings).extracting(Finding::kind).contains(Kind.ORIGINAL_MISSING);
    assertThat(findings).extracting(Finding::kind).doesNotContain(Kind.ORIGINAL_HASH_MISMATCH);
  }

  @Test
  void anOverwrittenMetadataVersionIsAnExtraVersion() {
    String key = RecordLayout.metadataVersion(record.id(), 1);
    store.overwrite(key, bytes(key));

    assertThat(check.check("run", record.id()).findings())
        .extracting(Finding::kind, Finding::objectKey)
        .containsExactly(Tuple.tuple(Kind.EXTRA_VERSIONS, key));
  }

  @Test
  void aDeleteMarkerOnTheTextIsRepairedFromTheVerifiedOriginal() {
    store.deleteWithoutVersion(RecordLayout.text(record.id()));

    List<Finding> findings = check.check("run", record.id()).findings();

    assertThat(findings).extracting(Finding::kind).containsExactly(Kind.DERIVED_REPAIRED);
    assertThat(records.readText(record.id())).contains(TEXT);
    // The text's history is no evidence: it is replaced whenever it is made again.
    assertThat(check.check("run", record.id()).findings()).isEmpty();
  }

  @Test
  void aDamagedOriginalIsReportedAndNothingIsDerivedFromIt() {
    store.deleteWithoutVersion(RecordLayout.text(record.id()));
    String key = RecordLayout.original(record.id());
    String forged =
        store.overwrite(key, "Avräkningsnota 2025-0043".getBytes(StandardCharsets.UTF_8));
    RecordMetadata pointingAtForged = withOriginalVersion(forged);

    List<Finding> findings = check.check("run", pointingAtForged.id()).findings();

    assertThat(findings)
        .extracting(Finding::kind)
        .contains(Kind.ORIGINAL_HASH_MISMATCH, Kind.DERIVED_MISSING)
        .doesNotContain(Kind.DERIVED_REPAIRED);
    assertThat(records.readText(record.id())).isEmpty();
  }

  private byte[] bytes(String key) {
    try (var in = store.get(key)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A next metadata version that declares another version of the original. */
  private RecordMetadata withOriginalVersion(String versionId) {
    RecordMetadata next =
        new RecordMetadata(
            record.schemaVersion(),
            record.id(),
            2,
            record.recordClass(),
            record.title(),
            record.fileName(),
            record.mediaType(),
            record.size(),
            record.sha256(),
            record.department(),
            record.documentDate(),
            record.fiscalYearEnd(),
            record.keys(),
            record.tags(),
            record.filedAt(),
            record.filedBy(),
            record.extraction(),
            Instant.now(),
            "test",
            "declares the forged version",
            versionId);
    return records.appendVersion(next);
  }
}
