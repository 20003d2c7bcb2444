package se.arkiv.extraction;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.arkiv.record.ExtractionStatus;
import se.arkiv.testing.TestDocuments;

/** Real Tika on real files, including the ugly ones. */
class TikaTextExtractorTest {

  @TempDir Path dir;

  private TikaTextExtractor extractor = extractor(10_000);

  private static TikaTextExtractor extractor(int maxCharacters) {
    try {
      return new TikaTextExtractor(
          new ExtractionSettings(maxCharacters, Duration.ofSeconds(60), 1, 10, false));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @AfterEach
  void close() {
    extractor.destroy();
  }

  private Path file(String name, byte[] content) throws IOException {
    return Files.write(dir.resolve(name), content);
  }

  @Test
  void extractsSwedishPdfTextAndTellsTheLanguage() throws IOException {
    ExtractedText text =
        extractor.extract(
            file("a.pdf", TestDocuments.pdf("Räkenskapsåret är slut och bokföringen är klar.")),
            "a.pdf");
    assertThat(text.status()).isEqualTo(ExtractionStatus.DONE);
    assertThat(text.text()).contains("Räkenskapsåret är slut");
    assertThat(text.language()).isEqualTo("sv");
  }

  @Test
  void tellsEnglish() throws IOException {
    ExtractedText text =
        extractor.extract(
            file(
                "a.txt",
                "The board approved the annual accounts and the auditors signed them."
                    .getBytes(StandardCharsets.UTF_8)),
            "a.txt");
    assertThat(text.language()).isEqualTo("en");
  }

  @Test
  void saysEncryptedForAPasswordProtectedPdf() throws IOException {
    ExtractedText text =
        extractor.extract(file("e.pdf", TestDocuments.encryptedPdf("Hemligt")), "e.pdf");
    assertThat(text.status()).isEqualTo(ExtractionStatus.FAILED);
    assertThat(text.reason()).isEqualTo("encrypted");
  }

  @Test
  void failsACorruptPdfWithAReason() throws IOException {
    ExtractedText text = extractor.extract(file("c.pdf", TestDocuments.corruptPdf()), "c.pdf");
    assertThat(text.status()).isEqualTo(ExtractionStatus.FAILED);
    assertThat(text.reason()).startsWith("unreadable");
  }

  @Test
  void failsAnEmptyFile() throws IOException {
    ExtractedText text = extractor.extract(file("empty.pdf", new byte[0]), "empty.pdf");
    assertThat(text.status()).isEqualTo(ExtractionStatus.FAILED);
    assertThat(text.reason()).isEqualTo("empty file");
  }

  @Test
  void cutsTextAtTheCharacterLimitAndSaysSo() throws IOException {
    extractor.destroy();
    extractor = extractor(100);
    ExtractedText text =
        extractor.extract(
            file("long.txt", "ord ".repeat(1000).getBytes(StandardCharsets.UTF_8)), "long.txt");
    assertThat(text.status()).isEqualTo(ExtractionStatus.DONE);
    assertThat(text.truncated()).isTrue();
    assertThat(text.text().length()).isLessThanOrEqualTo(100);
  }

  @Test
  void stopsAZipBombWithoutExhaustingMemory() throws IOException {
    extractor.destroy();
    extractor = extractor(50_000_000);
    byte[] bomb = TestDocuments.zipBomb(200 * 1024 * 1024);
    assertThat(bomb.length).isLessThan(1024 * 1024);
    ExtractedText text = extractor.extract(file("bomb.zip", bomb), "bomb.zip");
    assertThat(text.status()).isEqualTo(ExtractionStatus.FAILED);
    assertThat(text.reason()).contains("zip bomb");
  }

  @Test
  void readsAnOutlookMessageWithItsAttachment() throws IOException {
    Path msg =
        file(
            "reklamation.msg",
            TestDocuments.msg(
                "Reklamation av avgift",
                "Kund Kundsson",
                "Hej, jag bestrider avgiften.",
                "underlag.pdf",
                TestDocuments.pdf("Underlag med kontonummer pelikan 77")));
    ExtractedText text = extractor.extract(msg, "reklamation.msg");
    assertThat(text.status()).as(text.reason()).isEqualTo(ExtractionStatus.DONE);
    assertThat(text.text())
        .contains("Reklamation av avgift")
        .contains("Kund Kundsson")
        .contains("bestrider avgiften")
        .contains("pelikan 77");
    assertThat(text.attachments()).hasSize(1);
    assertThat(text.attachments().get(0).fileName()).isEqualTo("underlag.pdf");
  }
}
