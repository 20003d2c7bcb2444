package se.arkiv.extraction;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.arkiv.testing.ScanFiles;
import se.arkiv.testing.TestDocuments;

class PreviewsTest {

  @TempDir Path scratch;

  private final Previews previews = new Previews();

  @Test
  void aScannedJpegPdfGetsAThumbnailOfAtMost400Pixels() throws IOException {
    Path pdf = scratch.resolve("scan.pdf");
    Files.write(pdf, ScanFiles.jpegPdf(TestDocuments.scan(0, "Kvitto 1234")));

    byte[] png = previews.firstPage(pdf, "application/pdf").orElseThrow();

    var thumbnail = ImageIO.read(new ByteArrayInputStream(png));
    assertThat(Math.max(thumbnail.getWidth(), thumbnail.getHeight())).isLessThanOrEqualTo(400);
  }

  @Test
  void aJpeg2000ScanGetsNoThumbnailRatherThanAWhiteOne() throws IOException {
    Path pdf = scratch.resolve("scan.pdf");
    Files.write(pdf, ScanFiles.jpeg2000Pdf(TestDocuments.scan(0, "Kvitto 1234")));

    assertThat(previews.firstPage(pdf, "application/pdf")).isEmpty();
  }
}
