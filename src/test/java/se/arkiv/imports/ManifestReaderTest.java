package se.arkiv.imports;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ManifestReaderTest {

  private final List<ManifestRow> rows = new ArrayList<>();
  private final List<RowProblem> problems = new ArrayList<>();

  private void readJson(String manifest) throws IOException {
    ManifestReader.read(
        new ByteArrayInputStream(manifest.getBytes(StandardCharsets.UTF_8)),
        true,
        rows::add,
        problems::add);
  }

  @Test
  void aKeyGivenFlatAndInKeysWithAnotherValueIsAProblemOfItsRow() throws IOException {
    readJson(
        """
        [{"file": "a.txt", "recordClass": "KYC", "customerId": "FLAT", "keys": {"customerId": "NESTED"}},
         {"file": "b.txt", "recordClass": "KYC", "customerId": "SAME", "keys": {"customerId": "SAME"}}]
        """);

    assertThat(problems)
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.line()).isEqualTo(1);
              assertThat(p.reason()).contains("given twice").contains("customerId");
            });
  }

  @Test
  void aMemberOfKeysThatIsNoKeyIsNamedAsUnknown() throws IOException {
    readJson(
        "[{\"file\": \"a.txt\", \"recordClass\": \"KYC\", \"keys\": {\"customerID\": \"1\"}}]");

    assertThat(problems)
        .singleElement()
        .satisfies(p -> assertThat(p.reason()).contains("unknown member(s) [keys.customerID]"));
  }

  @Test
  void aMemberNamedTwiceIsAProblemNotTheLastOneKept() throws IOException {
    readJson(
        """
        [{"file": "a.txt", "recordClass": "KYC",
          "legacyId": "J2", "legacyId": "J2b"}]
        """);

    assertThat(problems)
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.line()).isEqualTo(2);
              assertThat(p.reason()).contains("legacyId");
            });
  }
}
