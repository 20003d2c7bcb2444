package se.arkiv.extraction;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.graphics.color.PDDeviceGray;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.util.unit.DataSize;
import se.arkiv.testing.PdfAValidation;
import se.arkiv.testing.ScanFiles;
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
    OcrLayout layout = kvitto1234(1700, 230);

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

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"JPEG 2000", "JPEG", "JPEG 2000 with an ICC profile"})
  void aScannersPdfPageGoesIntoTheCopyAsItsOwnImageWithTheWordsOverIt(String encoding)
      throws IOException {
    BufferedImage scan = TestDocuments.scan(0, "Kvitto 1234");
    byte[] original =
        switch (encoding) {
          case "JPEG" -> ScanFiles.jpegPdf(scan);
          case "JPEG 2000" -> ScanFiles.jpeg2000Pdf(scan);
          default -> ScanFiles.jpeg2000PdfWithGreyProfile(scan);
        };
    Path pdf = write("scan.pdf", original);
    OcrLayout layout = kvitto1234(scan.getWidth(), scan.getHeight());

    ExtractedText.Archival copy =
        ArchivalRendition.make(pdf, "application/pdf", "scan.pdf", Map.of(1, layout), scratch);

    assertThat(copy.reason()).isNull();
    byte[] bytes = Files.readAllBytes(copy.file());
    assertThat(PdfAValidation.pdfA2bFailures(bytes)).isEmpty();
    // Neither decoded nor re-encoded: the scanner's own bytes (a JPEG 2000 scan could not be
    // decoded here at all, and would be a blank page).
    assertThat(onlyImageStream(bytes)).isEqualTo(onlyImageStream(original));
    assertThat(text(bytes)).contains("Kvitto 1234");
    // ScanFiles draws the scan 36 points from the left, 540 points wide: its pixel 100 is there.
    assertThat(firstGlyphLeft(bytes))
        .isCloseTo(36f + 100f * 540 / scan.getWidth(), Offset.offset(0.5f));
  }

  @Test
  void aPngScanGoesIntoTheCopyAsItsOwnCompressedRows() throws IOException {
    byte[] original = TestDocuments.image(TestDocuments.scan(0, "Kvitto 1234"), "png");
    Path png = write("scan.png", original);

    ExtractedText.Archival copy =
        ArchivalRendition.make(png, "image/png", "scan.png", Map.of(), scratch);

    assertThat(copy.reason()).isNull();
    byte[] bytes = Files.readAllBytes(copy.file());
    assertThat(PdfAValidation.pdfA2bFailures(bytes)).isEmpty();
    assertThat(onlyImageStream(bytes)).isEqualTo(idat(original));
  }

  @Test
  void aPngWithTransparencyIsDrawnOnWhiteWithoutAMask() throws IOException {
    BufferedImage stamp = new BufferedImage(300, 100, BufferedImage.TYPE_INT_ARGB);
    Graphics2D g = stamp.createGraphics();
    g.setColor(Color.BLACK);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 40));
    g.drawString("BETALD", 20, 60);
    g.dispose();
    Path png = write("stamp.png", TestDocuments.image(stamp, "png"));

    ExtractedText.Archival copy =
        ArchivalRendition.make(png, "image/png", "stamp.png", Map.of(), scratch);

    assertThat(copy.reason()).isNull();
    byte[] bytes = Files.readAllBytes(copy.file());
    assertThat(PdfAValidation.pdfA2bFailures(bytes)).isEmpty();
    try (PDDocument document = Loader.loadPDF(bytes)) {
      PDImageXObject image = onlyImage(document);
      assertThat(image.getCOSObject().containsKey(COSName.SMASK)).isFalse();
      // Transparent was drawn on white, not on black.
      assertThat(image.getImage().getRGB(1, 1) & 0xffffff).isEqualTo(0xffffff);
    }
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
  void aBornDigitalPdfsTextComesFirstAndItsCopyAndPreviewAreMadeOnTheirOwnAfter()
      throws IOException {
    Path pdf = write("avtal.pdf", TestDocuments.pdf("Kontoavtal kund 9911"));
    try (TikaTextExtractor extractor =
        new TikaTextExtractor(
            new ExtractionSettings(100_000, Duration.ofSeconds(60), 1, 10, false))) {

      ExtractedText result = extractor.extract(pdf, "avtal.pdf", "application/pdf");

      assertThat(result.text()).contains("Kontoavtal kund 9911");
      assertThat(result.archival().isLater()).isTrue();
      assertThat(result.archival().file()).isNull();
      assertThat(result.preview()).isNull();

      ExtractedText later = extractor.afterText(pdf, "avtal.pdf", "application/pdf");
      ExtractedText.Archival copy = later.archival();

      assertThat(copy.pages()).isEqualTo(1);
      assertThat(PdfAValidation.pdfA2bFailures(Files.readAllBytes(copy.file()))).isEmpty();
      assertThat(text(Files.readAllBytes(copy.file()))).contains("Kontoavtal kund 9911");
      // The thumbnail is the copy's first page scaled down: the page's shape, 400 pixels high,
      // inked.
      BufferedImage preview = ImageIO.read(later.preview().toFile());
      PDRectangle page;
      try (PDDocument document = Loader.loadPDF(pdf.toFile())) {
        page = document.getPage(0).getCropBox();
      }
      assertThat(preview.getHeight()).isEqualTo(Previews.MAX_SIDE);
      assertThat(preview.getWidth())
          .isCloseTo(
              Math.round(Previews.MAX_SIDE * page.getWidth() / page.getHeight()), Offset.offset(1));
      assertThat(darkPixels(preview)).isPositive();
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
      ExtractedText later = extractor.afterText(png, "kvitto.png", "image/png");
      assertThat(later.archival().file()).isNotNull();
      assertThat(later.preview()).exists();
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

  /** Where OCR found "Kvitto 1234" on a scan of this many pixels. */
  private static OcrLayout kvitto1234(int width, int height) {
    return new OcrLayout(
        width,
        height,
        List.of(
            new OcrLayout.Word("Kvitto", 100, 80, 260, 130),
            new OcrLayout.Word("1234", 280, 80, 400, 130)));
  }

  /** The raw (still compressed) stream of the one image on the PDF's first page. */
  private static byte[] onlyImageStream(byte[] pdf) throws IOException {
    try (PDDocument document = Loader.loadPDF(pdf);
        InputStream raw = onlyImage(document).getCOSObject().createRawInputStream()) {
      return raw.readAllBytes();
    }
  }

  private static PDImageXObject onlyImage(PDDocument document) throws IOException {
    PDResources resources = document.getPage(0).getResources();
    List<COSName> names = new ArrayList<>();
    resources.getXObjectNames().forEach(names::add);
    assertThat(names).hasSize(1);
    return (PDImageXObject) resources.getXObject(names.get(0));
  }

  /** A PNG's compressed rows: the data of its IDAT chunks, one after the other. */
  private static byte[] idat(byte[] png) {
    ByteBuffer in = ByteBuffer.wrap(png);
    in.position(8); // the signature
    ByteArrayOutputStream rows = new ByteArrayOutputStream();
    while (in.remaining() >= 12) {
      int length = in.getInt();
      byte[] type = new byte[4];
      in.get(type);
      if (new String(type, StandardCharsets.US_ASCII).equals("IDAT")) {
        rows.write(png, in.position(), length);
      }
      in.position(in.position() + length + 4); // the data and its CRC
    }
    return rows.toByteArray();
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

  /** Pixels darker than light grey: ink on the page, the anti-aliased edges of small text too. */
  private static long darkPixels(BufferedImage image) {
    long dark = 0;
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        int rgb = image.getRGB(x, y);
        int grey = ((rgb >> 16 & 0xff) + (rgb >> 8 & 0xff) + (rgb & 0xff)) / 3;
        if (grey < 200) {
          dark++;
        }
      }
    }
    return dark;
  }
}
