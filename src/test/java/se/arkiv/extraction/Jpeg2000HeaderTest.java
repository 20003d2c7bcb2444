package se.arkiv.extraction;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.spi.IIORegistry;
import javax.imageio.spi.ImageReaderSpi;
import org.junit.jupiter.api.Test;

class Jpeg2000HeaderTest {

  @Test
  void aChildDecodesNoJpeg2000InJavaWhateverItsClassPathHolds() {
    // The test class path has jai-imageio (to write JPEG 2000 test files), as a plugin could.
    assertThat(ImageIO.getImageReadersByFormatName("jpeg2000").hasNext()).isTrue();
    List<ImageReaderSpi> removed = Jpeg2000Header.withoutJavaDecoders();
    try {
      assertThat(ImageIO.getImageReadersByFormatName("jpeg2000").hasNext()).isFalse();
      assertThat(ImageIO.getImageReadersByMIMEType("image/jp2").hasNext()).isFalse();
      assertThat(ImageIO.getImageReadersByFormatName("png").hasNext()).isTrue();
    } finally {
      // Other tests of this JVM keep the class path they were given.
      removed.forEach(r -> IIORegistry.getDefaultInstance().registerServiceProvider(r));
    }
  }
}
