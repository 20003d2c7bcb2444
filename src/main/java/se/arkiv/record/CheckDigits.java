package se.arkiv.record;

import java.math.BigInteger;

/** The check-digit rules of Swedish and international payment and identity numbers. */
final class CheckDigits {

  private static final BigInteger NINETY_SEVEN = BigInteger.valueOf(97);

  private CheckDigits() {}

  /**
   * The Luhn rule (the "10-modul" of Swedish personal, organisation, bankgiro, plusgiro and OCR
   * numbers): from the right, every second digit doubled, the digit sum a multiple of ten.
   */
  static boolean luhn(String digits) {
    if (digits.length() < 2) {
      return false;
    }
    int sum = 0;
    boolean doubled = false;
    for (int i = digits.length() - 1; i >= 0; i--) {
      int digit = digits.charAt(i) - '0';
      if (digit < 0 || digit > 9) {
        return false;
      }
      if (doubled) {
        digit *= 2;
        if (digit > 9) {
          digit -= 9;
        }
      }
      sum += digit;
      doubled = !doubled;
    }
    return sum % 10 == 0;
  }

  /** ISO 13616's MOD 97-10: the country and check digits moved to the end, letters as 10-35. */
  static boolean ibanMod97(String iban) {
    String rearranged = iban.substring(4) + iban.substring(0, 4);
    StringBuilder number = new StringBuilder(rearranged.length() * 2);
    for (int i = 0; i < rearranged.length(); i++) {
      char c = rearranged.charAt(i);
      if (c >= '0' && c <= '9') {
        number.append(c);
      } else if (c >= 'A' && c <= 'Z') {
        number.append(c - 'A' + 10);
      } else {
        return false;
      }
    }
    return new BigInteger(number.toString()).mod(NINETY_SEVEN).intValue() == 1;
  }
}
