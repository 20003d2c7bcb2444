package se.arkiv.storage;

/**
 * Keys are made by Arkiv, never by users; this check keeps a bug from escaping the store.
 *
 * <p>A key is one or more segments of {@code A-Z a-z 0-9 . _ -} joined by single slashes, with at
 * most one slash at the end (a prefix), and no segment {@code .} or {@code ..}. The check is one
 * pass over the characters rather than a regular expression: every store call checks its key (a
 * destroyed record's files take about twenty), and in a JFR recording of a disposition run at
 * 100,000 records the JDK's matching of character classes was about half of the samples of the
 * destruction threads in Java code. (That run's execution was no faster for it, 981 against 982
 * records a second: its threads wait on the kernel's folder operations, not on the processor.)
 */
final class ObjectKeys {

  private ObjectKeys() {}

  static String check(String key) {
    if (key == null || !safe(key)) {
      throw new IllegalArgumentException("Unsafe object key: " + key);
    }
    return key;
  }

  private static boolean safe(String key) {
    int segmentStart = 0;
    int length = key.length();
    for (int i = 0; i <= length; i++) {
      if (i == length || key.charAt(i) == '/') {
        int segment = i - segmentStart;
        if (segment == 0) {
          // Empty: the whole key, a leading or a double slash (refused), or the end after a
          // trailing slash, which a prefix has.
          return i == length && i > 0;
        }
        if (key.charAt(segmentStart) == '.'
            && (segment == 1 || segment == 2 && key.charAt(segmentStart + 1) == '.')) {
          return false;
        }
        segmentStart = i + 1;
      } else if (!allowed(key.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  private static boolean allowed(char c) {
    return c >= 'a' && c <= 'z'
        || c >= 'A' && c <= 'Z'
        || c >= '0' && c <= '9'
        || c == '.'
        || c == '_'
        || c == '-';
  }
}
