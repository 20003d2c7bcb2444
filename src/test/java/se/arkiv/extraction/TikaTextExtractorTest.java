package se.arkiv.extraction;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.arkiv.record.ExtractionFailure;
import se.arkiv.record.ExtractionStatus;
import se.arkiv.record.Truncation;
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
    extractor.close();
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
    assertThat(text.failure()).isEqualTo(ExtractionFailure.ENCRYPTED);
    assertThat(text.reason()).isEqualTo("encrypted");
  }

  @Test
  void failsACorruptPdfWithAReason() throws IOException {
    ExtractedText text = extractor.extract(file("c.pdf", TestDocuments.corruptPdf()), "c.pdf");
    assertThat(text.status()).isEqualTo(ExtractionStatus.FAILED);
    assertThat(text.failure()).isEqualTo(ExtractionFailure.CORRUPT);
    assertThat(text.reason()).startsWith("unreadable");
  }

  @Test
  void failsAnEmptyFile() throws IOException {
    ExtractedText text = extractor.extract(file("empty.pdf", new byte[0]), "empty.pdf");
    assertThat(text.status()).isEqualTo(ExtractionStatus.FAILED);
    assertThat(text.failure()).isEqualTo(ExtractionFailure.EMPTY);
    assertThat(text.reason()).isEqualTo("empty file");
  }

  @Test
  void cutsTextAtTheCharacterLimitAndSaysSo() throws IOException {
    extractor.close();
    extractor = extractor(100);
    ExtractedText text =
        extractor.extract(
            file("long.txt", "ord ".repeat(1000).getBytes(StandardCharsets.UTF_8)), "long.txt");
    assertThat(text.status()).isEqualTo(ExtractionStatus.DONE);
    assertThat(text.truncated()).isTrue();
    assertThat(text.truncation()).isEqualTo(Truncation.CHARACTER_LIMIT);
    assertThat(text.text().length()).isLessThanOrEqualTo(100);
  }

  @Test
  void stopsAZipBombWithoutExhaustingMemory() throws IOException {
    extractor.close();
    extractor = extractor(50_000_000);
    byte[] bomb = TestDocuments.zipBomb(200 * 1024 * 1024);
    assertThat(bomb.length).isLessThan(1024 * 1024);
    ExtractedText text = extractor.extract(file("bomb.zip", bomb), "bomb.zip");
    assertThat(text.status()).isEqualTo(ExtractionStatus.FAILED);
    assertThat(text.failure()).isEqualTo(ExtractionFailure.LIMIT);
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

  @Test
  void saysUnsupportedForBytesNoParserReads() throws IOException {
    byte[] noise = new byte[4096];
    new Random(7).nextBytes(noise);
    ExtractedText text = extractor.extract(file("blob.bin", noise), "blob.bin");
    assertThat(text.status()).isEqualTo(ExtractionStatus.FAILED);
    assertThat(text.failure()).isEqualTo(ExtractionFailure.UNSUPPORTED);
  }

  @Test
  void stopsDescendingAtTheEmbeddedBudgetAndKeepsWhatItRead() throws IOException {
    extractor.close();
    extractor =
        withBudget(new ExtractionBudget(true, Duration.ofSeconds(60), 3, 5, 10, 1L << 40, 0));
    ExtractedText text = extractor.extract(file("many.zip", zipOfTexts(10, "kvitto")), "many.zip");
    assertThat(text.status()).isEqualTo(ExtractionStatus.DONE);
    assertThat(text.truncation()).isEqualTo(Truncation.EMBEDDED_LIMIT);
    assertThat(text.text()).contains("kvitto0").doesNotContain("kvitto9");
  }

  @Test
  void stopsDescendingAtTheDepthBudget() throws IOException {
    extractor.close();
    extractor =
        withBudget(new ExtractionBudget(true, Duration.ofSeconds(60), 100, 2, 10, 1L << 40, 0));
    byte[] nested = zipOfTexts(1, "innerst");
    for (int level = 0; level < 4; level++) {
      nested = zip("level" + level + ".zip", nested);
    }
    ExtractedText text = extractor.extract(file("nested.zip", nested), "nested.zip");
    assertThat(text.status()).isEqualTo(ExtractionStatus.DONE);
    assertThat(text.truncation()).isEqualTo(Truncation.DEPTH_LIMIT);
    assertThat(text.text()).doesNotContain("innerst");
  }

  @Test
  void withoutABudgetTheSameArchiveIsReadToTheBottom() throws IOException {
    extractor.close();
    extractor = withBudget(ExtractionBudget.OFF);
    byte[] nested = zipOfTexts(1, "innerst");
    for (int level = 0; level < 4; level++) {
      nested = zip("level" + level + ".zip", nested);
    }
    ExtractedText text = extractor.extract(file("nested.zip", nested), "nested.zip");
    assertThat(text.truncated()).isFalse();
    assertThat(text.text()).contains("innerst0");
  }

  private static TikaTextExtractor withBudget(ExtractionBudget budget) {
    try {
      return new TikaTextExtractor(
          new ExtractionSettings(100_000, Duration.ofSeconds(60), 1, 10, false).withBudget(budget));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] zipOfTexts(int count, String word) throws IOException {
    var bytes = new ByteArrayOutputStream();
    try (var zip = new ZipOutputStream(bytes)) {
      for (int i = 0; i < count; i++) {
        zip.putNextEntry(new ZipEntry("doc" + i + ".txt"));
        zip.write(("Dokument med ordet " + word + i + ".").getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
      }
    }
    return bytes.toByteArray();
  }

  private static byte[] zip(String name, byte[] content) throws IOException {
    var bytes = new ByteArrayOutputStream();
    try (var zip = new ZipOutputStream(bytes)) {
      zip.putNextEntry(new ZipEntry(name));
      zip.write(content);
      zip.closeEntry();
    }
    return bytes.toByteArray();
  }
}
