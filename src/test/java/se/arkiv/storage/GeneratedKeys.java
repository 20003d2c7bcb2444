package se.arkiv.storage;

import se.arkiv.record.BusinessKeys;

/** The keys {@link RecordLayout} keeps to its module, for the archive generator of the tests. */
public final class GeneratedKeys {

  private GeneratedKeys() {}

  /** The {@code dedup/<key>} of a filing identity, exactly as filing registers it. */
  public static String duplicate(
      String sha256, String recordClass, String department, BusinessKeys keys) {
    return RecordLayout.duplicate(sha256, recordClass, department, keys);
  }
}
