package se.arkiv.filing;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import se.arkiv.record.FilePlan;

/**
 * What a filing's metadata must be, and how its department and tags are normalised before they are
 * stored: one place for these rules, whichever way a record is filed (upload, the UI's form, the
 * inbox, an import) or corrected.
 */
final class FilingRules {

  private static final Pattern DEPARTMENT = Pattern.compile("[A-Z0-9][A-Z0-9_-]{0,39}");
  private static final int MAX_TITLE = 500;
  private static final int MAX_KEY = 100;
  private static final int MAX_TAGS = 20;
  private static final int MAX_TAG = 50;

  private FilingRules() {}

  /** Refuses a request that breaks a rule, naming the field; the record class must exist. */
  static void check(FilingRequest request, FilePlan filePlan) {
    if (request == null) {
      throw new InvalidFilingRequest("The part 'metadata' is required");
    }
    filePlan.require(request.recordClass());
    if (request.title() != null && request.title().length() > MAX_TITLE) {
      throw new InvalidFilingRequest("title: at most " + MAX_TITLE + " characters");
    }
    if (request.department() != null
        && !request.department().isBlank()
        && !DEPARTMENT.matcher(request.department().strip().toUpperCase(Locale.ROOT)).matches()) {
      throw new InvalidFilingRequest(
          "department: letters, digits, '-' and '_', at most 40 (such as PAYROLL)");
    }
    if (request.keys() != null) {
      request
          .keys()
          .present()
          .forEach(
              (name, value) -> {
                if (value.length() > MAX_KEY || value.chars().anyMatch(Character::isISOControl)) {
                  throw new InvalidFilingRequest(
                      "keys." + name + ": at most " + MAX_KEY + " printable characters");
                }
              });
    }
    List<String> tags = request.tags() == null ? List.of() : request.tags();
    if (tags.size() > MAX_TAGS
        || tags.stream().anyMatch(t -> t == null || t.isBlank() || t.length() > MAX_TAG)) {
      throw new InvalidFilingRequest(
          "tags: at most " + MAX_TAGS + " tags of 1 to " + MAX_TAG + " characters");
    }
  }

  /** A department as stored: upper case, without spaces around; null when none is given. */
  static String department(String department) {
    return department == null || department.isBlank()
        ? null
        : department.strip().toUpperCase(Locale.ROOT);
  }

  /** Tags as stored: stripped, each once. */
  static List<String> tags(List<String> tags) {
    return tags == null ? List.of() : tags.stream().map(String::strip).distinct().toList();
  }
}
