package se.arkiv.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import se.arkiv.record.BusinessKeys;
import se.arkiv.record.RecordId;

/** The keys of docs/storage-layout.md, spelt out: existing stores are read with exactly these. */
class RecordLayoutTest {

  private static final RecordId ID = RecordId.of("01a21999-58b4-7349-a193-db31b1e2703f");
  private static final String FOLDER = "records/01a21999-58b4-7349-a193-db31b1e2703f/";

  @Test
  void placesEveryObjectOfARecordInItsFolder() {
    assertThat(RecordLayout.folder(ID)).isEqualTo(FOLDER);
    assertThat(RecordLayout.original(ID)).isEqualTo(FOLDER + "original");
    assertThat(RecordLayout.metadataFolder(ID)).isEqualTo(FOLDER + "meta/");
    assertThat(RecordLayout.metadataVersion(ID, 1)).isEqualTo(FOLDER + "meta/000001.json");
    assertThat(RecordLayout.metadataVersion(ID, 123456)).isEqualTo(FOLDER + "meta/123456.json");
    assertThat(RecordLayout.text(ID)).isEqualTo(FOLDER + "text.txt");
    assertThat(RecordLayout.preview(ID)).isEqualTo(FOLDER + "preview.png");
    assertThat(RecordLayout.archival(ID)).isEqualTo(FOLDER + "archival.pdf");
    assertThat(RecordLayout.attachment(ID, 3)).isEqualTo(FOLDER + "attachments/3");
  }

  @Test
  void readsTheVersionNumberOfAMetadataKeyAndZeroOfAnyOtherKey() {
    assertThat(RecordLayout.metadataVersionOf(RecordLayout.metadataVersion(ID, 42))).isEqualTo(42);
    assertThat(RecordLayout.metadataVersionOf(RecordLayout.original(ID))).isZero();
    assertThat(RecordLayout.metadataVersionOf(FOLDER + "meta/42.json")).isZero();
    assertThat(RecordLayout.metadataVersionOf(FOLDER + "attachments/000001.json")).isZero();
  }

  @Test
  void theDuplicateKeyIsTheSha256OfTheDocumentedIdentityText() throws Exception {
    String content = "1442fdb47d1bf0cdd7b8193d1210ad3b65cd6562457de316005fa76b4154c3ce";
    BusinessKeys keys = new BusinessKeys("C-1", null, null, null, "CASE-9");
    String identity = content + "\nACC-VOUCHER\nACCOUNTING\ncustomerId=C-1\ncaseId=CASE-9";
    String expected =
        HexFormat.of()
            .formatHex(
                MessageDigest.getInstance("SHA-256")
                    .digest(identity.getBytes(StandardCharsets.UTF_8)));

    assertThat(RecordLayout.duplicate(content, "ACC-VOUCHER", "ACCOUNTING", keys))
        .isEqualTo("dedup/" + expected);
  }

  @Test
  void aListedRecordFolderNamesItsRecordAndAStrayOneNothing() {
    assertThat(RecordLayout.recordOfFolder(FOLDER)).contains(ID);
    assertThat(RecordLayout.recordOfFolder("records/not-an-id/")).isEmpty();
    assertThat(RecordLayout.recordOfFolder(FOLDER + "original")).isEmpty();
    assertThat(RecordLayout.recordOfFolder("holds/01a21999-58b4-7349-a193-db31b1e2703f/"))
        .isEmpty();
  }
}
