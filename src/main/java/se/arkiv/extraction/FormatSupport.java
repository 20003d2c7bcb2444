package se.arkiv.extraction;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.mime.MediaType;
import org.apache.tika.mime.MediaTypeRegistry;
import org.apache.tika.parser.AutoDetectParser;
import org.apache.tika.parser.ParseContext;

/** What Tika makes of a file's format: its type, whether a parser reads it, whether it is mail. */
final class FormatSupport {

  private final AutoDetectParser parser;
  // Without parameters: OneNote's parser declares "application/onenote; format=one".
  private final Set<MediaType> supportedBaseTypes;

  FormatSupport(AutoDetectParser parser) {
    this.parser = parser;
    this.supportedBaseTypes =
        parser.getSupportedTypes(new ParseContext()).stream()
            .map(MediaType::getBaseType)
            .collect(Collectors.toSet());
  }

  /** The base type of a type filing detected, or the one Tika's detector sees now. */
  String typeOf(Path file, String fileName, String known) {
    MediaType type = known == null ? null : MediaType.parse(known);
    return type != null ? type.getBaseType().toString() : detect(file, fileName);
  }

  /** The media type Tika's detector sees in the bytes and the name, or null if unreadable. */
  private String detect(Path file, String fileName) {
    Metadata metadata = new Metadata();
    metadata.set(TikaCoreProperties.RESOURCE_NAME_KEY, fileName);
    try (TikaInputStream in = TikaInputStream.get(file)) {
      return parser.getDetector().detect(in, metadata).getBaseType().toString();
    } catch (IOException e) {
      return null;
    }
  }

  /**
   * Whether some parser reads this type or a type it specialises (a shell script is text);
   * octet-stream means Tika could not tell what the bytes are.
   */
  boolean readable(String detected) {
    if (detected == null || ImagePageOcr.reads(detected)) {
      return true;
    }
    MediaTypeRegistry registry = parser.getMediaTypeRegistry();
    for (MediaType type = MediaType.parse(detected);
        type != null && !MediaType.OCTET_STREAM.equals(type);
        type = registry.getSupertype(type)) {
      if (supportedBaseTypes.contains(type.getBaseType())) {
        return true;
      }
    }
    return false;
  }

  static boolean isEmail(String fileName, String detected) {
    String lower = fileName == null ? "" : fileName.toLowerCase(Locale.ROOT);
    return lower.endsWith(".eml")
        || lower.endsWith(".msg")
        || "message/rfc822".equals(detected)
        || "application/vnd.ms-outlook".equals(detected);
  }
}
