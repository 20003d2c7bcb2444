package se.arkiv.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.apache.tika.Tika;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bombs are what they claim to be: real formats, declaring or holding what they say. */
class HostileFilesTest {

  @TempDir Path folder;

  @Test
  void aGzipOfZerosMadeFromRepeatedBlocksDecompressesToExactlyItsLength() throws Exception {
    long length = 200L * 1024 * 1024 + 12345;
    ByteArrayOutputStream gzip = new ByteArrayOutputStream();
    Deflated.gzipZeros(gzip, length);
    assertThat(gzip.size()).isLessThan(300_000);
    long read = 0;
    boolean allZero = true;
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip.toByteArray()))) {
      byte[] buffer = new byte[1 << 16];
      for (int n; (n = in.read(buffer)) > 0; ) {
        read += n;
        for (int i = 0; i < n && allZero; i++) {
          allZero = buffer[i] == 0;
        }
      }
    }
    assertThat(read).isEqualTo(length);
    assertThat(allZero).isTrue();
  }

  @Test
  void thePngsDeclareThirtyThousandPixelsSquareAndASmallOneDecodes() throws Exception {
    assertThat(dimensions(HostileDocuments.pngDeclaring(30_000))).containsExactly(30_000, 30_000);
    assertThat(dimensions(HostileDocuments.png(30_000))).containsExactly(30_000, 30_000);
    var small = ImageIO.read(new ByteArrayInputStream(HostileDocuments.png(300)));
    assertThat(small.getWidth()).isEqualTo(300);
    assertThat(small.getRGB(150, 150) & 0xFFFFFF).isZero();
  }

  @Test
  void theNestedZipHoldsSixteenZipsOfSixteenZipsDown() throws Exception {
    byte[] nested = HostileFiles.nestedZip(3, 16, 1024 * 1024);
    List<String> top = names(nested);
    assertThat(top).hasSize(16).allMatch(n -> n.endsWith(".zip"));
    byte[] inner;
    try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(nested))) {
      zip.getNextEntry();
      inner = zip.readAllBytes();
    }
    assertThat(names(inner)).hasSize(16).allMatch(n -> n.endsWith(".zip"));
  }

  @Test
  void tikaSeesTheFormatsTheFilesClaim() throws Exception {
    Path canary = folder.resolve("canary.txt");
    Files.writeString(canary, "kanarie");
    Tika tika = new Tika();
    for (HostileFile file : HostileFiles.bombs(folder.resolve("bombs"), canary, "kanarie")) {
      String type = tika.detect(file.path());
      switch (file.name()) {
        case "encrypted.docx" -> assertThat(type).isEqualTo("application/x-tika-ooxml-protected");
        case "encrypted.pdf", "page-14400pt.pdf", "scan-14400pt.pdf" ->
            assertThat(type).isEqualTo("application/pdf");
        case "zeros-3GiB.gz" -> assertThat(type).isEqualTo("application/gzip");
        case "declared-30000x30000.png" -> assertThat(type).isEqualTo("image/png");
        case "nested-100000.html" -> assertThat(type).isEqualTo("text/html");
        case "xxe-canary.docx" ->
            assertThat(type)
                .isEqualTo(
                    "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
        default -> assertThat(type).as(file.name()).isNotBlank();
      }
    }
  }

  private static int[] dimensions(byte[] png) throws Exception {
    try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(png))) {
      ImageReader reader = ImageIO.getImageReaders(in).next();
      reader.setInput(in);
      return new int[] {reader.getWidth(0), reader.getHeight(0)};
    }
  }

  private static List<String> names(byte[] zipBytes) throws Exception {
    List<String> names = new ArrayList<>();
    try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(zipBytes))) {
      for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
        names.add(entry.getName());
      }
    }
    return names;
  }
}
