package se.arkiv.filing;

import java.text.Normalizer;

/**
 * Makes a client's file name safe to keep and to hand back: no folders, no control or
 * direction-override characters, NFC-normalised, at most 200 characters. The name is only ever
 * metadata; objects are stored under the record id.
 */
final class FileNames {

  private static final int MAX_LENGTH = 200;

  private FileNames() {}

  static String sanitize(String name) {
    if (name == null) {
      return "unnamed";
    }
    String base = name.replace('\\', '/');
    base = base.substring(base.lastIndexOf('/') + 1);
    base = Normalizer.normalize(base, Normalizer.Form.NFC);
    StringBuilder safe = new StringBuilder();
    base.codePoints()
        .filter(cp -> !Character.isISOControl(cp))
        .filter(cp -> Character.getType(cp) != Character.FORMAT)
        .forEach(safe::appendCodePoint);
    String result = safe.toString().strip();
    while (result.startsWith(".")) {
      result = result.substring(1);
    }
    if (result.isBlank()) {
      return "unnamed";
    }
    if (result.length() > MAX_LENGTH) {
      result = result.substring(0, MAX_LENGTH);
    }
    return result;
  }
}
