package se.arkiv.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import se.arkiv.storage.StoredJson;
import tools.jackson.databind.json.JsonMapper;

/** The line format of segments: {@code <sha256 hex of json> <json>}. */
final class ChainLine {

  static final String GENESIS = "0".repeat(64);

  /**
   * The JSON of entries and checkpoints. Map entries are sorted by key so that the same entry is
   * always the same bytes, whatever map the caller handed in.
   */
  static final JsonMapper JSON = StoredJson.canonical();

  private ChainLine() {}

  static String format(String json) {
    return sha256(json) + " " + json;
  }

  /** The hash and the JSON of a line, or null when the line is not in the format. */
  static String[] split(String line) {
    int space = line.indexOf(' ');
    if (space != 64) {
      return null;
    }
    return new String[] {line.substring(0, 64), line.substring(65)};
  }

  /** The entry of a line, or null when the line is not in the format. */
  static AuditEntry entry(String line) {
    String[] parts = split(line);
    return parts == null ? null : JSON.readValue(parts[1], AuditEntry.class);
  }

  static String sha256(String json) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(json.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
