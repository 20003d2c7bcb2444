package se.arkiv.export;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The path of an original in a bag never takes more from the filed name than a plain extension. */
class EvidenceBagTest {

  @Test
  void keepsAPlainExtensionLowerCased() {
    assertThat(EvidenceBag.extension("Verifikation 2024.PDF")).isEqualTo(".pdf");
    assertThat(EvidenceBag.extension("arkiv.tar.gz")).isEqualTo(".gz");
  }

  @Test
  void takesNoPathAndNoUnicodeTrickFromTheFiledName() {
    assertThat(EvidenceBag.extension("../../etc/passwd")).isEmpty();
    assertThat(EvidenceBag.extension("faktura.pdf/../../x")).isEmpty();
    assertThat(EvidenceBag.extension("rapport\u202Efdp.exe")).isEqualTo(".exe");
    assertThat(EvidenceBag.extension("räkning.ｐｄｆ")).isEmpty();
    assertThat(EvidenceBag.extension("a.pdf\u0000.txt")).isEqualTo(".txt");
    assertThat(EvidenceBag.extension("brev.")).isEmpty();
    assertThat(EvidenceBag.extension(null)).isEmpty();
  }
}
