package se.arkiv.storage;

import java.util.regex.Pattern;

/** Keys are made by Arkiv, never by users; this check keeps a bug from escaping the store. */
final class ObjectKeys {

  private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*/?");

  private ObjectKeys() {}

  static String check(String key) {
    if (key == null || !SAFE.matcher(key).matches()) {
      throw new IllegalArgumentException("Unsafe object key: " + key);
    }
    for (String segment : key.split("/")) {
      if (segment.equals(".") || segment.equals("..")) {
        throw new IllegalArgumentException("Unsafe object key: " + key);
      }
    }
    return key;
  }
}
