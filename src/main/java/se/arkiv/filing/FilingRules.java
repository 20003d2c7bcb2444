package se.arkiv.filing;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import se.arkiv.record.FilePlan;
import se.arkiv.record.TypedValues;

/**
 * What a filing's metadata must be, and how its department and tags are normalised before they are
 * stored: one place for these rules, whichever way a record is filed (upload, the UI's form, the
 * inbox, an import) or corrected.
 */
final class FilingRules {

  private static final Pattern DEPARTMENT = Pattern.compile("[A-Z0-9][A-Z0-9_-]{0,39}");
  private static final int MAX_TITLE = 500;
  private static final int MAX_TAGS = 20;
  private static final int MAX_TAG = 50;
  private static final int MAX_REASON = 1000;

  private FilingRules() {}

  /** Refuses a request that breaks a rule, naming the field; the record class must exist. */
  static void check(FilingRequest request, FilePlan filePlan) {
    if (request == null) {
      throw new InvalidFilingRequest("The part 'metadata' is required");
    }
    filePlan.require(request.recordClass());
    if (!TypedValues.readable(request.title(), MAX_TITLE)) {
      throw new InvalidFilingRequest(
          "title: at most " + MAX_TITLE + " characters, " + TypedValues.TEXT_RULE);
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
          .problem()
          .ifPresent(
              problem -> {
                throw new InvalidFilingRequest(problem);
              });
    }
    List<String> tags = request.tags() == null ? List.of() : request.tags();
    if (tags.size() > MAX_TAGS
        || tags.stream()
            .anyMatch(t -> t == null || t.isBlank() || !TypedValues.oneLine(t, MAX_TAG))) {
      throw new InvalidFilingRequest(
          "tags: at most "
              + MAX_TAGS
              + " tags of 1 to "
              + MAX_TAG
              + " characters on one line, "
              + TypedValues.TEXT_RULE);
    }
  }

  /** A correction's reason: it is kept in every later version, so it is bounded as a title is. */
  static void checkReason(String reason) {
    if (!TypedValues.readable(reason, MAX_REASON)) {
      throw new InvalidFilingRequest(
          "reason: at most " + MAX_REASON + " characters, " + TypedValues.TEXT_RULE);
    }
  }

  private static void checkYear(String field, LocalDate date) {
    if (!TypedValues.plausible(date)) {
      throw new InvalidFilingRequest(field + ": " + TypedValues.DATE_RULE);
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
