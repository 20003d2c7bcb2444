package se.arkiv.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** Metadata written before imports existed still reads; provenance is written only when set. */
class RecordMetadataJsonTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  // A first version as filed before imports existed: the constructor without provenance.
  private static final RecordMetadata FILED =
      new RecordMetadata(
          1,
          RecordId.of("0190f5a4-0000-7000-8000-000000000000"),
          1,
          "ACC-VOUCHER",
          "v.pdf",
          "v.pdf",
          "application/pdf",
          3,
          "abc",
          "ACCOUNTING",
          LocalDate.parse("2024-12-31"),
          null,
          new BusinessKeys(null, null, null, null, "C-1"),
          List.of(),
          Instant.parse("2025-01-02T08:00:00Z"),
          "clara",
          Extraction.pending(),
          Instant.parse("2025-01-02T08:00:00Z"),
          "clara",
          "filed",
          null);

  private static final String BEFORE_IMPORTS = JSON.writeValueAsString(FILED);

  @Test
  void readsMetadataWrittenBeforeImportsWithoutProvenance() {
    RecordMetadata old = JSON.readValue(BEFORE_IMPORTS, RecordMetadata.class);

    assertThat(old.provenance()).isNull();
    assertThat(old.importId()).isNull();
    assertThat(old).isEqualTo(FILED);
    assertThat(BEFORE_IMPORTS).doesNotContain("provenance");
  }

  @Test
  void keepsTheProvenanceOfAnImportedRecordThroughLaterVersions() {
    RecordMetadata old = JSON.readValue(BEFORE_IMPORTS, RecordMetadata.class);
    Provenance provenance =
        new Provenance(
            "imp-1",
            "Lagret",
            "L-7",
            Instant.parse("2010-05-01T10:00:00Z"),
            "anna",
            "data/v.pdf",
            12,
            "sha512:ff");
    RecordMetadata imported =
        JSON.readValue(
            BEFORE_IMPORTS.replace(
                "\"originalVersionId\":null",
                "\"originalVersionId\":null,\"provenance\":" + JSON.writeValueAsString(provenance)),
            RecordMetadata.class);

    RecordMetadata corrected =
        imported.corrected(
            "New title", null, null, null, null, null, Instant.now(), "maja", "typo");

    assertThat(imported.provenance()).isEqualTo(provenance);
    assertThat(corrected.provenance()).isEqualTo(provenance);
    assertThat(corrected.importId()).isEqualTo("imp-1");
    assertThat(JSON.readValue(JSON.writeValueAsString(corrected), RecordMetadata.class))
        .isEqualTo(corrected);
  }

  @Test
  void keepsKeysFoundInTheTextBesideTheClerksOwnAndWritesNoneWhenThereAreNone() {
    Extraction done =
        new Extraction(
            ExtractionStatus.DONE,
            null,
            "sv",
            40,
            false,
            Instant.parse("2025-01-02T08:01:00Z"),
            null,
            null,
            null,
            null,
            EntityKeyFinder.find("Bankgiro 5050-1055, 811218-9876", LocalDate.now()),
            null);
    RecordMetadata extracted =
        FILED.withExtraction(
            done, Instant.parse("2025-01-02T08:01:00Z"), "arkiv", "text extracted");

    String json = JSON.writeValueAsString(extracted);
    RecordMetadata read = JSON.readValue(json, RecordMetadata.class);

    assertThat(json)
        .contains(
            "\"foundKeys\":{\"personnummer\":[\"198112189876\"],\"bankgiro\":[\"50501055\"]}");
    assertThat(read).isEqualTo(extracted);
    assertThat(read.keys().caseId()).isEqualTo("C-1");
    assertThat(BEFORE_IMPORTS).doesNotContain("foundKeys");
    assertThat(JSON.readValue(BEFORE_IMPORTS, RecordMetadata.class).extraction().foundKeys())
        .isEqualTo(EntityKeys.NONE);
  }
}
