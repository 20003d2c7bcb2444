package se.arkiv.extraction;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.arkiv.testing.ScanFiles;
import se.arkiv.testing.TestDocuments;

/** Which scanned pages reach Tesseract as the scanner's own image, and which are rendered. */
class ScannedPdfPageTest {

  @TempDir Path scratch;

  @Test
  void aJpegScanIsHandedOnAsTheJpegItIs() throws IOException {
    byte[] pdf = ScanFiles.jpegPdf(TestDocuments.scan(1, "Kvitto"));
    try (PDDocument document = Loader.loadPDF(pdf)) {
      Path written = write(document, 1);
      assertThat(written.getFileName().toString()).endsWith(".jpg");
      assertThat(Files.readAllBytes(written)).isEqualTo(embedded(document));
    }
  }

  @Test
  void aJpeg2000ScanIsHandedOnAsTheJpeg2000ItIs() throws IOException {
    byte[] pdf = ScanFiles.jpeg2000Pdf(TestDocuments.scan(1, "Avtal"));
    try (PDDocument document = Loader.loadPDF(pdf)) {
      Path written = write(document, 1);
      assertThat(written.getFileName().toString()).endsWith(".jp2");
      assertThat(Jpeg2000Header.isJpeg2000(written)).isTrue();
      assertThat(Jpeg2000Header.pixels(written)).isEqualTo(1700L * (140 + 90)); // one line
      assertThat(Files.readAllBytes(written)).isEqualTo(embedded(document));
    }
  }

  @Test
  void aLosslessScanIsRenderedAsAGreyPixmap() throws IOException {
    byte[] pdf = TestDocuments.imagePdf(TestDocuments.scan(1, "Utlägg"));
    try (PDDocument document = Loader.loadPDF(pdf)) {
      Path written = write(document, 1);
      assertThat(written.getFileName().toString()).endsWith(".pgm");
      assertThat(new String(Arrays.copyOf(Files.readAllBytes(written), 2))).isEqualTo("P5");
    }
  }

  @Test
  void aRotatedJpegPageIsRenderedSoTesseractSeesItUpright() throws IOException {
    byte[] pdf = ScanFiles.jpegPdf(TestDocuments.scan(1, "Kvitto"));
    try (PDDocument document = Loader.loadPDF(pdf)) {
      document.getPage(0).setRotation(90);
      assertThat(write(document, 1).getFileName().toString()).endsWith(".pgm");
    }
  }

  private Path write(PDDocument document, int page) throws IOException {
    return ScannedPdfPage.write(document, new PDFRenderer(document), page, scratch);
  }

  private static byte[] embedded(PDDocument document) throws IOException {
    var resources = document.getPage(0).getResources();
    COSName name = resources.getXObjectNames().iterator().next();
    PDImageXObject image = (PDImageXObject) resources.getXObject(name);
    try (var raw = image.getCOSObject().createRawInputStream()) {
      return raw.readAllBytes();
    }
  }
}
