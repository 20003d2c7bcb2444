package se.arkiv.imports;

import java.util.List;
import java.util.Map;

/**
 * One row of a manifest as written, every value still text, so that a bad value is reported with
 * its line rather than lost in parsing.
 *
 * @param line where the row begins in the manifest
 * @param values by column name (CSV header or JSON member); keys may also be given as {@code
 *     keys.customerId}
 * @param tags the tags: a JSON array, or a CSV cell separated by {@code ;}
 */
record ManifestRow(int line, Map<String, String> values, List<String> tags) {

  String get(String column) {
    String value = values.get(column);
    return value == null || value.isBlank() ? null : value.strip();
  }
}
