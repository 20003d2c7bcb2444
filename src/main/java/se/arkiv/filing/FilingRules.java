package se.arkiv.filing;

import java.time.LocalDate;
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
  private static final int MAX_REASON = 1000;

  /**
   * The years a document's dates may name. A bank's oldest papers are younger than 1000, and a
   * retention period counted from year 0 would make a record filed today eligible for destruction
   * at once; a number where a date belongs (read as days since 1970) lands far outside too.
   */
  private static final int FIRST_YEAR = 1000;

  private static final int LAST_YEAR = 9999;

  private FilingRules() {}

  /** Refuses a request that breaks a rule, naming the field; the record class must exist. */
  static void check(FilingRequest request, FilePlan filePlan) {
    if (request == null) {
      throw new InvalidFilingRequest("The part 'metadata' is required");
    }
    filePlan.require(request.recordClass());
    if (request.title() != null
        && (request.title().length() > MAX_TITLE || !plainText(request.title()))) {
      throw new InvalidFilingRequest(
          "title: at most "
              + MAX_TITLE
              + " characters, without control characters or text direction overrides");
    }
    checkYear("documentDate", request.documentDate());
    checkYear("fiscalYearEnd", request.fiscalYearEnd());
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

  /** A correction's reason: it is kept in every later version, so it is bounded as a title is. */
  static void checkReason(String reason) {
    if (reason != null && (reason.length() > MAX_REASON || !plainText(reason))) {
      throw new InvalidFilingRequest(
          "reason: at most "
              + MAX_REASON
              + " characters, without control characters or text direction overrides");
    }
  }

  private static void checkYear(String field, LocalDate date) {
    if (date != null && (date.getYear() < FIRST_YEAR || date.getYear() > LAST_YEAR)) {
      throw new InvalidFilingRequest(
          field + ": a date YYYY-MM-DD from year " + FIRST_YEAR + " to " + LAST_YEAR);
    }
  }

  /**
   * Text a person reads as it is: no control characters but tabs and line breaks (a NUL, an escape)
   * and no bidirectional embeddings, overrides or isolates, which can show a title backwards from
   * how it is stored.
   */
  private static boolean plainText(String text) {
    return text.codePoints()
        .noneMatch(
            c ->
                (Character.isISOControl(c) && c != '\t' && c != '\n' && c != '\r')
                    || (c >= 0x202A && c <= 0x202E)
                    || (c >= 0x2066 && c <= 0x2069));
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
