package se.arkiv.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.arkiv.record.BusinessKeys;
import se.arkiv.record.RecordId;
import se.arkiv.record.RecordMetadata;

class RecordStoreTest {

  @TempDir Path temp;

  @Test
  void everyLivingRecordIsWalkedOnceOldestFirstAtItsLatestVersion() {
    RecordStore store = new RecordStore(new FilesystemObjectStore(temp), event -> {});
    RecordMetadata first = filed("2026-01-05T08:00:00Z", "aa");
    RecordMetadata destroyed = filed("2026-01-06T08:00:00Z", "bb");
    RecordMetadata corrected = filed("2026-01-07T08:00:00Z", "cc");
    store.appendVersion(corrected);
    store.appendVersion(first);
    store.appendVersion(destroyed);
    RecordMetadata second = store.appendVersion(FiledMetadata.retitled(corrected, "Rättad"));
    store.destroy(destroyed);

    assertThat(store.latestRecords()).containsExactly(first, second);
  }

  private static RecordMetadata filed(String at, String hash) {
    RecordId id = RecordId.newId(Clock.fixed(Instant.parse(at), ZoneOffset.UTC));
    return FiledMetadata.of(id, hash.repeat(32), "ACC-VOUCHER", "ACCOUNTING", BusinessKeys.NONE);
  }
}
