package se.arkiv.filing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FileNamesTest {

  @Test
  void keepsOnlyTheLastPathSegment() {
    assertThat(FileNames.sanitize("../../etc/passwd")).isEqualTo("passwd");
    assertThat(FileNames.sanitize("C:\\Users\\clara\\lön.pdf")).isEqualTo("lön.pdf");
  }

  @Test
  void dropsControlAndDirectionOverrideCharacters() {
    assertThat(FileNames.sanitize("faktura\u202Efdp.exe")).isEqualTo("fakturafdp.exe");
    assertThat(FileNames.sanitize("a\u0000b\nc.txt")).isEqualTo("abc.txt");
  }

  @Test
  void normalisesToNfcSoTheSameNameIsTheSameText() {
    assertThat(FileNames.sanitize("lo\u0308n.pdf")).isEqualTo("l\u00f6n.pdf");
  }

  @Test
  void neverReturnsAnEmptyOrHiddenName() {
    assertThat(FileNames.sanitize("../")).isEqualTo("unnamed");
    assertThat(FileNames.sanitize(null)).isEqualTo("unnamed");
    assertThat(FileNames.sanitize("...hidden")).isEqualTo("hidden");
  }

  @Test
  void capsTheLength() {
    assertThat(FileNames.sanitize("x".repeat(1000) + ".pdf")).hasSize(200);
  }
}
