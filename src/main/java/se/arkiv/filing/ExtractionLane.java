package se.arkiv.filing;

import java.util.Set;
import se.arkiv.record.RecordMetadata;

/** Which lane a record waits in for extraction; see {@link ExtractionLanes}. */
public enum ExtractionLane {
  INTERACTIVE,
  BULK,
  /** Archival copies made after the text, taken only when no text waits. */
  ARCHIVAL;

  /** Files this big take long to parse whatever their format. */
  static final long BIG_FILE = 10L * 1024 * 1024;

  /** Formats that hold other files: their cost depends on what is inside, not on their size. */
  private static final Set<String> CONTAINERS =
      Set.of(
          "application/zip",
          "application/x-tar",
          "application/gzip",
          "application/x-gzip",
          "application/x-gtar",
          "application/x-bzip2",
          "application/x-xz",
          "application/x-7z-compressed",
          "application/x-rar-compressed",
          "application/vnd.rar",
          "application/java-archive",
          "application/vnd.android.package-archive",
          "application/x-cpio",
          "application/x-archive",
          "application/vnd.ms-cab-compressed",
          "application/x-iso9660-image",
          "application/x-tika-unix-dump");

  /** Imports, archives and big files wait in the bulk lane; a clerk's ordinary filing does not. */
  static ExtractionLane of(RecordMetadata record) {
    String type = record.mediaType() == null ? "" : record.mediaType();
    if (record.provenance() != null || record.size() > BIG_FILE || CONTAINERS.contains(type)) {
      return BULK;
    }
    return INTERACTIVE;
  }
}
