package se.arkiv.extraction;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.apache.tika.config.TikaConfig;
import org.apache.tika.detect.Detector;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.springframework.stereotype.Component;

/** Tells a file's media type from its bytes, with the file name as a hint. */
@Component
public class MediaTypeDetector {

  private final Detector detector = TikaConfig.getDefaultConfig().getDetector();

  public String detect(Path file, String fileName) {
    Metadata metadata = new Metadata();
    metadata.set(TikaCoreProperties.RESOURCE_NAME_KEY, fileName);
    try (InputStream in = TikaInputStream.get(file)) {
      return detector.detect(in, metadata).toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
