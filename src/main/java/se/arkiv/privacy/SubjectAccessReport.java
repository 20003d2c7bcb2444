package se.arkiv.privacy;

import java.time.Instant;
import java.util.List;

/**
 * What the archive holds about a person (GDPR art. 15), as a records manager hands it on: every
 * record, where the person's number was found in it, and how long and under which law it is kept.
 */
public record SubjectAccessReport(
    String personnummer, Instant madeAt, String madeBy, List<SubjectRecord> records) {

  /** The report as CSV for a spreadsheet: one line per record, fields quoted where needed. */
  public String csv() {
    StringBuilder out =
        new StringBuilder(
            "id,title,recordClass,department,documentDate,filedAt,foundIn,retentionStatus,"
                + "retainUntil,legalSource,restricted\r\n");
    for (SubjectRecord r : records) {
      out.append(
              String.join(
                  ",",
                  cell(r.id()),
                  cell(r.title()),
                  cell(r.recordClass()),
                  cell(r.department()),
                  cell(r.documentDate()),
                  cell(r.filedAt()),
                  cell(String.join(" ", r.foundIn())),
                  cell(r.retentionStatus()),
                  cell(r.retainUntil()),
                  cell(r.legalSource()),
                  cell(r.restricted())))
          .append("\r\n");
    }
    return out.toString();
  }

  /**
   * RFC 4180 quoting; a cell a spreadsheet would run as a formula gets a leading apostrophe, since
   * titles are typed by clerks and file names come from outside.
   */
  private static String cell(Object value) {
    if (value == null) {
      return "";
    }
    String text = value.toString();
    if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
      text = "'" + text;
    }
    if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
      return '"' + text.replace("\"", "\"\"") + '"';
    }
    return text;
  }
}
