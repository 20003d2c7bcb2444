package se.arkiv.extraction;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.tika.detect.Detector;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.mime.MediaType;
import org.junit.jupiter.api.Test;

class FiledTypeDetectorTest {

  private final AtomicInteger detections = new AtomicInteger();
  private final Detector tika =
      (InputStream in, Metadata metadata) -> {
        detections.incrementAndGet();
        return MediaType.TEXT_PLAIN;
      };
  private final FiledTypeDetector detector = new FiledTypeDetector(tika);

  @Test
  void theTypeFilingDetectedIsTakenAsItIs() throws IOException {
    Metadata metadata = new Metadata();
    metadata.set(FiledTypeDetector.FILED_TYPE, "application/pdf");

    MediaType type = detector.detect(new ByteArrayInputStream(new byte[0]), metadata);

    assertThat(type).isEqualTo(MediaType.application("pdf"));
    assertThat(detections).hasValue(0);
  }

  @Test
  void anEmbeddedDocumentIsDetectedAsEver() throws IOException {
    MediaType type = detector.detect(new ByteArrayInputStream(new byte[0]), new Metadata());

    assertThat(type).isEqualTo(MediaType.TEXT_PLAIN);
    assertThat(detections).hasValue(1);
  }
}
