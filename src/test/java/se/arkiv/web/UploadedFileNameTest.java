package se.arkiv.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockMultipartFile;

class UploadedFileNameTest {

  private static String named(String sent) {
    return UploadedFileName.of(new MockMultipartFile("file", sent, "text/plain", new byte[] {1}));
  }

  @Test
  void theQuotesAndLineBreaksABrowserEncodedAreTheNamesOwnAgain() {
    assertThat(named("drop %22zone%22 <b>åäö.txt")).isEqualTo("drop \"zone\" <b>åäö.txt");
    assertThat(named("rad%0D%0Abrytning.pdf")).isEqualTo("rad\r\nbrytning.pdf");
  }

  @Test
  void anyOtherPercentSignIsPartOfTheName() {
    assertThat(named("ränta 5%.xlsx")).isEqualTo("ränta 5%.xlsx");
    assertThat(named("100%25 klart.txt")).isEqualTo("100%25 klart.txt");
  }
}
