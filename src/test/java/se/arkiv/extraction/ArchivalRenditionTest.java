package se.arkiv.extraction;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.graphics.color.PDDeviceGray;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;
import se.arkiv.testing.PdfAValidation;
import se.arkiv.testing.TestDocuments;

/** Archival copies checked by veraPDF, their text layer read back by PDFBox. */
class ArchivalRenditionTest {

  @TempDir Path scratch;

  @Test
  void bornDigitalPdfBecomesPdfA2bWithItsText() throws IOException {
    Path pdf = write("voucher.pdf", TestDocuments.pdf("Verifikation 4711", "Bokföring av moms"));

    ExtractedText.Archival copy =
        ArchivalRendition.make(pdf, "application/pdf", "voucher.pdf", Map.of(), scratch);

    assertThat(copy.reason()).isNull();
    byte[] bytes = Files.readAllBytes(copy.file());
    assertThat(PdfAValidation.pdfA2bFailures(bytes)).isEmpty();
    assertThat(text(bytes)).contains("Verifikation 4711").contains("Bokföring av moms");
  }

  @Test
  void scanBecomesPdfA2bWithTheWordsOcrFoundWhereItFoundThem() throws IOException {
    Path png = write("scan.png", TestDocuments.image(TestDocuments.scan(0, "Kvitto 1234"), "png"));
    OcrLayout layout =
        new OcrLayout(
            1700,
            230,
            List.of(
                new OcrLayout.Word("Kvitto", 100, 80, 260, 130),
                new OcrLayout.Word("1234", 280, 80, 400, 130)));

    ExtractedText.Archival copy =
        ArchivalRendition.make(png, "image/png", "scan.png", Map.of(1, layout), scratch);

    assertThat(copy.reason()).isNull();
    assertThat(copy.pages()).isEqualTo(1);
    byte[] bytes = Files.readAllBytes(copy.file());
    assertThat(PdfAValidation.pdfA2bFailures(bytes)).isEmpty();
    assertThat(text(bytes)).contains("Kvitto 1234");
    // A scan without a declared resolution is taken as 300 dpi: pixel 100 is 24 points in.
    assertThat(firstGlyphLeft(bytes)).isCloseTo(24f, Offset.offset(0.5f));
  }

  @Test
  void encryptedPdfGetsNoCopyAndSaysWhy() throws IOException {
    Path pdf = write("secret.pdf", TestDocuments.encryptedPdf("Hemligt"));

    ExtractedText.Archival copy =
        ArchivalRendition.make(pdf, "application/pdf", "secret.pdf", Map.of(), scratch);

    assertThat(copy.file()).isNull();
    assertThat(copy.reason()).contains("encrypted");
  }

  @Test
  void damagedPdfGetsNoCopyAndSaysWhy() throws IOException {
    Path pdf = write("cut.pdf", TestDocuments.corruptPdf());

    ExtractedText.Archival copy =
        ArchivalRendition.make(pdf, "application/pdf", "cut.pdf", Map.of(), scratch);

    assertThat(copy.file()).isNull();
    assertThat(copy.reason()).contains("cannot be read");
    assertThat(scratch).isDirectoryNotContaining("glob:**/archival-*");
  }

  @Test
  void pdfWithAnImageTooLargeToDecodeGetsNoCopyRatherThanEndingItsChild() throws IOException {
    Path pdf = scratch.resolve("plan.pdf");
    try (PDDocument document = new PDDocument()) {
      PDPage page = new PDPage();
      document.addPage(page);
      // 100,000 x 100,000 pixels declared, a few bytes stored: never decoded here.
      PDImageXObject huge =
          new PDImageXObject(
              document,
              new ByteArrayInputStream(new byte[] {0}),
              COSName.DCT_DECODE,
              100_000,
              100_000,
              8,
              PDDeviceGray.INSTANCE);
      try (PDPageContentStream content = new PDPageContentStream(document, page)) {
        content.drawImage(huge, 0, 0, 100, 100);
      }
      document.save(pdf.toFile());
    }

    ExtractedText.Archival copy =
        ArchivalRendition.make(pdf, "application/pdf", "plan.pdf", Map.of(), scratch);

    assertThat(copy.file()).isNull();
    assertThat(copy.reason()).contains("page 1 holds an image too large to convert");
  }

  @Test
  void officeFileIsNotConverted() throws IOException {
    Path docx = write("letter.docx", TestDocuments.docx("Brev"));

    ExtractedText.Archival copy =
        ArchivalRendition.make(
            docx,
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "letter.docx",
            Map.of(),
            scratch);

    assertThat(copy.file()).isNull();
    assertThat(copy.reason()).contains("only PDFs and images are converted");
  }

  @Test
  void aBornDigitalPdfsTextComesFirstAndItsCopyIsMadeOnItsOwnAfter() throws IOException {
    Path pdf = write("avtal.pdf", TestDocuments.pdf("Kontoavtal kund 9911"));
    try (TikaTextExtractor extractor =
        new TikaTextExtractor(
            new ExtractionSettings(100_000, Duration.ofSeconds(60), 1, 10, false))) {

      ExtractedText result = extractor.extract(pdf, "avtal.pdf", "application/pdf");

      assertThat(result.text()).contains("Kontoavtal kund 9911");
      assertThat(result.archival().isLater()).isTrue();
      assertThat(result.archival().file()).isNull();

      ExtractedText.Archival copy = extractor.archival(pdf, "avtal.pdf", "application/pdf");

      assertThat(copy.pages()).isEqualTo(1);
      assertThat(PdfAValidation.pdfA2bFailures(Files.readAllBytes(copy.file()))).isEmpty();
      assertThat(text(Files.readAllBytes(copy.file()))).contains("Kontoavtal kund 9911");
    }
  }

  @Test
  void aScanWithNoTesseractToReadItIsLeftForLaterToo() throws IOException {
    Path png =
        write("kvitto.png", TestDocuments.image(TestDocuments.scan(0, "Kvitto taxi"), "png"));
    // OCR off: no words to hand on, so nothing is gained by making the copy with the text.
    try (TikaTextExtractor extractor =
        new TikaTextExtractor(
            new ExtractionSettings(100_000, Duration.ofSeconds(60), 1, 10, false))) {

      ExtractedText result = extractor.extract(png, "kvitto.png", "image/png");

      assertThat(result.archival().isLater()).isTrue();
      assertThat(extractor.archival(png, "kvitto.png", "image/png").file()).isNotNull();
    }
  }

  @Test
  void extractionWithArchivalCopiesTurnedOffSaysSo() throws IOException {
    Path pdf = write("avtal.pdf", TestDocuments.pdf("Kontoavtal kund 9911"));
    ExtractionSettings off =
        new ExtractionSettings(
            100_000,
            Duration.ofSeconds(60),
            1,
            10,
            false,
            "swe+eng",
            Duration.ofSeconds(60),
            DataSize.ofMegabytes(512),
            10,
            ExtractionBudget.DEFAULTS,
            Duration.ofHours(24),
            false,
            List.of());
    try (TikaTextExtractor extractor = new TikaTextExtractor(off)) {

      ExtractedText result = extractor.extract(pdf, "avtal.pdf", "application/pdf");

      assertThat(result.text()).contains("Kontoavtal kund 9911");
      assertThat(result.archival().file()).isNull();
      assertThat(result.archival().reason()).contains("turned off");
    }
  }

  private Path write(String name, byte[] content) throws IOException {
    return Files.write(scratch.resolve(name), content);
  }

  private static float firstGlyphLeft(byte[] pdf) throws IOException {
    float[] left = {-1};
    PDFTextStripper stripper =
        new PDFTextStripper() {
          @Override
          protected void writeString(String text, List<TextPosition> glyphs) {
            if (left[0] < 0) {
              left[0] = glyphs.get(0).getXDirAdj();
            }
          }
        };
    try (PDDocument document = Loader.loadPDF(pdf)) {
      stripper.getText(document);
    }
    return left[0];
  }

  private static String text(byte[] pdf) throws IOException {
    try (PDDocument document = Loader.loadPDF(pdf)) {
      return new PDFTextStripper().getText(document);
    }
  }
}
