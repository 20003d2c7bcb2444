package se.arkiv.record;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tells a Swedish personal, coordination or organisation number from the way it is written: the
 * date (a personal number's birth date, a coordination number's day raised by 60), the third digit
 * (20 or more only in an organisation number) and the Luhn check digit, as Skatteverket and
 * Bolagsverket define them.
 */
final class SwedishNumbers {

  /** Ten or twelve digits, with or without the separator ({@code -}, or {@code +} at 100+). */
  private static final Pattern WRITTEN = Pattern.compile("(\\d{6}|\\d{8})([-+]?)(\\d{4})");

  /** Organisation numbers start with the legal form's group: 1-3 and 5-9 (4 is unused). */
  private static final String ORGANISATION_GROUPS = "12356789";

  record Found(EntityKind kind, String value) {}

  private SwedishNumbers() {}

  /**
   * The kind and normalised form of a number written as {@code yymmdd-nnnc}, {@code yyyymmddnnnc},
   * {@code nnnnnn-nnnc} or {@code 16nnnnnnnnnn}; null when the digits, date or check digit say it
   * is none of them. {@code reference} is the day the writing refers to (the document's date): a
   * ten-digit personal number is of someone born on or before it, and under a hundred years old on
   * it unless written with {@code +}.
   */
  static Found classify(String written, LocalDate reference) {
    Matcher m = WRITTEN.matcher(written);
    if (!m.matches()) {
      return null;
    }
    String head = m.group(1);
    boolean centenarian = m.group(2).equals("+");
    String tail = m.group(3);
    if (head.length() == 8) {
      if (head.startsWith("16")) {
        return organisation(head.substring(2) + tail);
      }
      int century = Integer.parseInt(head.substring(0, 2));
      if (century < 18 || century > 20 || centenarian) {
        return null;
      }
      return personal(head.substring(2) + tail, century * 100, reference);
    }
    String ten = head + tail;
    if (ten.charAt(2) >= '2') {
      return centenarian ? null : organisation(ten);
    }
    int year = reference.getYear();
    int yy = Integer.parseInt(ten.substring(0, 2));
    int born = year - Math.floorMod(year % 100 - yy, 100);
    Found found = personal(ten, born - yy, reference);
    if (found == null && !centenarian) {
      // Born later in the year than the reference day's month and day: a century earlier.
      found = personal(ten, born - yy - 100, reference);
    } else if (found != null && centenarian) {
      found = personal(ten, born - yy - 100, reference);
    }
    return found;
  }

  private static Found organisation(String ten) {
    if (ORGANISATION_GROUPS.indexOf(ten.charAt(0)) < 0 || !CheckDigits.luhn(ten)) {
      return null;
    }
    return new Found(EntityKind.ORGANISATIONSNUMMER, ten);
  }

  /** {@code ten} is yymmddnnnc; {@code centuryStart} the year its yy counts from (1900, 2000). */
  private static Found personal(String ten, int centuryStart, LocalDate reference) {
    if (!CheckDigits.luhn(ten)) {
      return null;
    }
    int year = centuryStart + Integer.parseInt(ten.substring(0, 2));
    int month = Integer.parseInt(ten.substring(2, 4));
    int day = Integer.parseInt(ten.substring(4, 6));
    EntityKind kind = EntityKind.PERSONNUMMER;
    if (day > 60) {
      kind = EntityKind.SAMORDNINGSNUMMER;
      day -= 60;
    }
    LocalDate birth;
    try {
      birth = LocalDate.of(year, month, day);
    } catch (DateTimeException e) {
      return null;
    }
    if (birth.isAfter(reference)) {
      return null;
    }
    return new Found(kind, String.format("%04d", year) + ten.substring(2));
  }
}
