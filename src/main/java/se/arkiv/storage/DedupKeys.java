package se.arkiv.storage;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import se.arkiv.record.BusinessKeys;

/**
 * The identity of a filing for duplicate detection: the same bytes filed again under the same class
 * and business keys is the same record.
 */
final class DedupKeys {

  private DedupKeys() {}

  static String of(String sha256, String recordClass, String department, BusinessKeys keys) {
    StringBuilder identity =
        new StringBuilder(sha256)
            .append('\n')
            .append(recordClass)
            .append('\n')
            .append(department == null ? "" : department);
    for (Map.Entry<String, String> key : keys.present().entrySet()) {
      identity.append('\n').append(key.getKey()).append('=').append(key.getValue());
    }
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
    return HexFormat.of()
        .formatHex(digest.digest(identity.toString().getBytes(StandardCharsets.UTF_8)));
  }
}
