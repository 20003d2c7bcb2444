package se.arkiv.record;

import java.time.LocalDate;

/**
 * What a value a person types may hold, wherever in the archive it is kept: a record's title and
 * tags, a hold's name and reason, an event's reference and dates. Each module refuses a value that
 * breaks these in its own words; the rule itself is here, once.
 */
public final class TypedValues {

  /**
   * The years a date may name. A bank's oldest papers are younger than 1000, and a retention period
   * counted from year 0 would make a record filed today eligible for destruction at once; a number
   * where a date belongs (read as days since 1970) lands far outside too.
   */
  public static final int FIRST_YEAR = 1000;

  public static final int LAST_YEAR = 9999;

  /** The words of a refusal for a date out of {@link #plausible(LocalDate)}. */
  public static final String DATE_RULE =
      "a date YYYY-MM-DD from year " + FIRST_YEAR + " to " + LAST_YEAR;

  /** The words of a refusal for text out of {@link #readable} or {@link #oneLine}. */
  public static final String TEXT_RULE = "without control characters or text direction overrides";

  private TypedValues() {}

  /** A date within the years a record's dates may name; null (no date) passes. */
  public static boolean plausible(LocalDate date) {
    return date == null || (date.getYear() >= FIRST_YEAR && date.getYear() <= LAST_YEAR);
  }

  /**
   * Text a person reads as it is stored, of at most {@code max} characters: no control characters
   * but tabs and line breaks (a NUL, an escape) and no bidirectional embeddings, overrides or
   * isolates, which can show a text backwards from how it is stored. Null passes.
   */
  public static boolean readable(String text, int max) {
    return text == null
        || (text.length() <= max && text.codePoints().noneMatch(c -> hidden(c, true)));
  }

  /** A name, key or reference: as {@link #readable}, on one line and without tabs. Null passes. */
  public static boolean oneLine(String text, int max) {
    return text == null
        || (text.length() <= max && text.codePoints().noneMatch(c -> hidden(c, false)));
  }

  private static boolean hidden(int c, boolean lineBreaks) {
    boolean allowed = lineBreaks && (c == '\t' || c == '\n' || c == '\r');
    return (Character.isISOControl(c) && !allowed)
        || (c >= 0x202A && c <= 0x202E)
        || (c >= 0x2066 && c <= 0x2069);
  }
}
