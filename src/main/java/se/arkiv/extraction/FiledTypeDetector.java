package se.arkiv.extraction;

import java.io.IOException;
import java.io.InputStream;
import org.apache.tika.detect.Detector;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.mime.MediaType;

/**
 * Tika's detector, except for a file whose type filing detected already (with the same detector,
 * from the same bytes and name): that type is taken as it is, so a record's type is detected once.
 * Embedded documents carry no such type and are detected as ever.
 */
final class FiledTypeDetector implements Detector {

  /** The metadata key a parse's own file carries its filed type in; never set from the file. */
  static final String FILED_TYPE = "X-Arkiv-Filed-Type";

  private final Detector detector;

  FiledTypeDetector(Detector detector) {
    this.detector = detector;
  }

  @Override
  public MediaType detect(InputStream input, Metadata metadata) throws IOException {
    String filed = metadata.get(FILED_TYPE);
    MediaType type = filed == null ? null : MediaType.parse(filed);
    return type != null ? type : detector.detect(input, metadata);
  }
}
