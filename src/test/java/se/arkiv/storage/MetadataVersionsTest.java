package se.arkiv.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.arkiv.record.BusinessKeys;
import se.arkiv.record.RecordId;
import se.arkiv.record.RecordMetadata;

/** Metadata versions on the filesystem store: append-only, numbered, the highest is current. */
class MetadataVersionsTest {

  @TempDir Path temp;
  private FilesystemObjectStore objects;
  private MetadataVersions versions;
  private RecordMetadata first;

  @BeforeEach
  void open() {
    objects = new FilesystemObjectStore(temp.resolve("objects"));
    versions = new MetadataVersions(new JsonDocuments(objects));
    first =
        FiledMetadata.of(
            RecordId.newId(Clock.systemUTC()),
            "ab".repeat(32),
            "ACC-VOUCHER",
            "ACCOUNTING",
            new BusinessKeys("C-1", "A-2", null, null, null));
  }

  @Test
  void theHighestStoredVersionIsTheLatestAndEveryVersionIsKept() {
    RecordMetadata second = FiledMetadata.retitled(first, "Verifikation 2025-0042");
    versions.store(first);
    versions.store(second);

    assertThat(versions.latest(first.id())).contains(second);
    assertThat(versions.all(first.id())).containsExactly(first, second);
    assertThat(versions.version(first.id(), 1)).isEqualTo(first);
  }

  @Test
  void writesReadableJsonWhereTheLayoutSays() throws IOException {
    versions.store(first);

    try (InputStream in = objects.get(RecordLayout.metadataVersion(first.id(), 1))) {
      assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8))
          .startsWith("{\n  \"schemaVersion\" : 1,\n  \"id\" : \"" + first.id() + "\",\n");
    }
  }

  @Test
  void refusesToOverwriteAStoredVersion() {
    versions.store(first);

    RecordMetadata otherFirst =
        FiledMetadata.of(first.id(), "cd".repeat(32), "ACC-VOUCHER", null, BusinessKeys.NONE);

    assertThatThrownBy(() -> versions.store(otherFirst)).isInstanceOf(ObjectAlreadyExists.class);
    assertThat(versions.version(first.id(), 1)).isEqualTo(first);
  }

  @Test
  void aRecordWithoutVersionsHasNoLatestAndAnAbsentVersionIsMissing() {
    assertThat(versions.latest(first.id())).isEmpty();
    assertThat(versions.all(first.id())).isEmpty();
    assertThatThrownBy(() -> versions.version(first.id(), 1)).isInstanceOf(ObjectMissing.class);
  }

  @Test
  void refusesAVersionFileThatHoldsAnotherVersion() throws IOException {
    versions.store(first);
    byte[] copied;
    try (InputStream in = objects.get(RecordLayout.metadataVersion(first.id(), 1))) {
      copied = in.readAllBytes();
    }
    objects.create(RecordLayout.metadataVersion(first.id(), 2), copied);

    assertThatThrownBy(() -> versions.latest(first.id()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("000002.json holds version 1");
  }
}
