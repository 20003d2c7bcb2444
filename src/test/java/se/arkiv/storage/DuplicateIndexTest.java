package se.arkiv.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import se.arkiv.record.BusinessKeys;
import se.arkiv.record.RecordId;
import se.arkiv.record.RecordMetadata;

/** The same bytes filed again under the same class, department and keys are the same record. */
class DuplicateIndexTest {

  private static final String CONTENT = "ab".repeat(32);
  private static final BusinessKeys CUSTOMER = new BusinessKeys("C-1", null, null, null, null);

  @TempDir Path temp;
  private MetadataVersions versions;
  private DuplicateIndex index;
  private RecordMetadata filed;

  @BeforeEach
  void fileOneRecord() {
    FilesystemObjectStore objects = new FilesystemObjectStore(temp.resolve("objects"));
    versions = new MetadataVersions(new JsonDocuments(objects));
    index = new DuplicateIndex(objects, versions);
    filed = newRecord();
    versions.store(filed);
    index.register(filed);
  }

  private static RecordMetadata newRecord() {
    return FiledMetadata.of(RecordId.newId(Clock.systemUTC()), CONTENT, "KYC", "RETAIL", CUSTOMER);
  }

  @Test
  void findsTheRecordFiledWithTheSameIdentity() {
    assertThat(index.find(CONTENT, "KYC", "RETAIL", CUSTOMER)).contains(filed);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "other bytes,      cdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcd, KYC, RETAIL, C-1",
    "another class,    abababababababababababababababababababababababababababababababab, HR,  RETAIL, C-1",
    "another department, abababababababababababababababababababababababababababababababab, KYC, PAYROLL, C-1",
    "another customer, abababababababababababababababababababababababababababababababab, KYC, RETAIL, C-2",
  })
  void findsNothingWhenAnyPartOfTheIdentityDiffers(
      String difference, String sha256, String recordClass, String department, String customer) {
    BusinessKeys keys = new BusinessKeys(customer, null, null, null, null);

    assertThat(index.find(sha256, recordClass, department, keys)).isEmpty();
  }

  @Test
  void aRecordCorrectedToAnotherIdentityIsNoLongerItsDuplicate() {
    versions.store(
        filed.corrected(
            filed.title(),
            "PAYROLL",
            null,
            null,
            CUSTOMER,
            filed.tags(),
            FiledMetadata.FILED,
            "clerk",
            "corrected [department]: wrong desk"));

    assertThat(index.find(CONTENT, "KYC", "RETAIL", CUSTOMER)).isEmpty();
  }

  @Test
  void aKeyWhoseRecordWasNeverStoredIsReplacedByTheNextFiling() {
    RecordMetadata crashed = newRecord();
    index.register(crashed);
    assertThat(index.find(CONTENT, "KYC", "RETAIL", CUSTOMER)).isEmpty();

    RecordMetadata again = newRecord();
    versions.store(again);
    index.register(again);

    assertThat(index.find(CONTENT, "KYC", "RETAIL", CUSTOMER)).contains(again);
  }

  @Test
  void aDestroyedRecordLeavesNoKeyBehindSoItsBytesCanBeFiledAgain() {
    FilesystemObjectStore objects = new FilesystemObjectStore(temp.resolve("objects"));
    RecordStore store = new RecordStore(objects, event -> {});

    store.destroy(filed);

    assertThat(objects.list("dedup/")).isEmpty();
    assertThat(objects.list("records/")).isEmpty();
    assertThat(index.find(CONTENT, "KYC", "RETAIL", CUSTOMER)).isEmpty();
  }
}
