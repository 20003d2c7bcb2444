package se.arkiv.record;

import java.math.BigInteger;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Back-office texts with the keys each holds written into it, for measuring how well {@link
 * EntityKeyFinder} finds them: payslips, invoices, KYC forms, trade confirmations and tax
 * statements, each with its keys written as people write them (with and without separators,
 * labelled and not, in groups of four) beside numbers that are not keys: telephone, invoice,
 * customer and account numbers, dates, amounts, year ranges, capitals, and keys with one digit
 * mistyped. The check digits here are computed by this class's own code, not the finder's.
 */
final class LabelledKeyTexts {

  /** One text, the day it speaks from, and every key written into it, normalised. */
  record LabelledText(String text, LocalDate writtenOn, Map<EntityKind, Set<String>> keys) {}

  private static final String[] NAMES = {
    "Anna Berg", "Erik Lind", "Fatima Hassan", "Johan Ek", "Maria Nilsson", "Olof Ström"
  };
  private static final String[] COMPANIES = {
    "Nordbygg AB", "Kontorsservice i Malmö AB", "Skärgårdsfrakt HB", "Lindqvist Revision AB"
  };
  private static final String[] IBAN_COUNTRIES = {"SE", "SE", "SE", "DE", "GB", "FI", "NO", "DK"};
  private static final String[] WORDS_IN_CAPITALS = {
    "DOCUMENT", "HANDELSE", "SKATTEVERKET", "MOTTAGARE", "ATTESTERAD", "BETALNING", "KONTROLL"
  };

  private final Random random;

  LabelledKeyTexts(long seed) {
    this.random = new Random(seed);
  }

  List<LabelledText> make(int count) {
    List<LabelledText> texts = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      texts.add(next());
    }
    return texts;
  }

  private LabelledText next() {
    LocalDate day = LocalDate.of(2015, 1, 1).plusDays(random.nextInt(4000));
    Writer w = new Writer(day);
    switch (random.nextInt(5)) {
      case 0 -> payslip(w);
      case 1 -> invoice(w);
      case 2 -> kyc(w);
      case 3 -> tradeConfirmation(w);
      default -> taxStatement(w);
    }
    String text = w.text.toString();
    if (random.nextInt(20) == 0) {
      text = misread(text);
    }
    return new LabelledText(text, day, w.keys);
  }

  /**
   * A scan read by OCR: now and then a 0 read as O, a 1 as l, or a space lost or gained. The keys
   * stay expected (they are on the paper), so this is where recall is lost.
   */
  private String misread(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (char c : text.toCharArray()) {
      int roll = random.nextInt(60);
      if (c == '0' && roll == 0) {
        out.append('O');
      } else if (c == '1' && roll == 0) {
        out.append('l');
      } else if (c == ' ' && roll == 1) {
        continue;
      } else {
        out.append(c);
        if (Character.isDigit(c) && roll == 2) {
          out.append(' ');
        }
      }
    }
    return out.toString();
  }

  private void payslip(Writer w) {
    w.line("Lönebesked " + w.day.getMonth().getValue() + "/" + w.day.getYear());
    w.line("Anställd: " + pick(NAMES) + ", personnummer " + w.personal(false));
    w.line("Anställningsnummer " + digits(5) + "   Kostnadsställe " + digits(4));
    w.line("Utbetalas till konto " + bankAccount() + " den " + w.day.plusDays(25));
    w.line("Bruttolön " + amount() + " kr, skatteavdrag " + amount() + " kr");
    w.line("Frågor: lönekontoret, tel " + phone());
    if (random.nextBoolean()) {
      w.line("Arbetsgivare " + pick(COMPANIES) + ", org.nr " + w.organisation());
    }
  }

  private void invoice(Writer w) {
    w.line("FAKTURA   Fakturanummer " + invoiceNumber(w.day));
    w.line("Fakturadatum " + w.day + "   Förfallodatum " + w.day.plusDays(30));
    w.line(
        "Leverantör: "
            + pick(COMPANIES)
            + pick("   Org.nr ", "   Org nr: ", "   Organisationsnummer ", "\nOrgnr ")
            + w.organisation());
    w.line("Kundnummer " + digits(10) + "   Er referens " + pick(NAMES));
    w.line("Att betala " + amount() + " SEK inklusive moms " + amount());
    w.line(
        pick("Bankgiro ", "Bankgironummer: ", "BG ", "Bg nr ", "BG-nr: ")
            + w.bankgiro()
            + pick("   OCR-nummer ", "   OCR: ", "   Referensnummer (OCR) ", "\nOCR-referens ")
            + w.ocr());
    if (random.nextBoolean()) {
      w.line(pick("Plusgiro: ", "PlusGiro ", "Postgiro ", "PG ") + w.plusgiro());
    }
    if (random.nextBoolean()) {
      w.line("IBAN " + w.iban(true) + "   BIC " + w.bic());
    }
    w.line("Avser perioden " + (w.day.getYear() - 1) + "-" + w.day.getYear() + ", tel " + phone());
    w.line("Felaktigt angivet bankgiro tidigare: " + typo(w.bankgiroShape()));
  }

  private void kyc(Writer w) {
    w.line("KUNDKÄNNEDOM - " + pick(WORDS_IN_CAPITALS));
    if (random.nextInt(4) == 0) {
      w.line("Kund: " + pick(NAMES) + ", samordningsnummer " + w.coordination());
    } else {
      w.line("Kund: " + pick(NAMES) + ", " + w.personal(true));
    }
    w.line("Telefon " + phone() + "   Mobil " + mobile());
    w.line("Kundnr " + digits(10) + "   Ärendenummer " + invoiceNumber(w.day));
    w.line("Tidigare angivet personnummer (fel): " + typo(w.personalShape()));
    w.line("Företrädare för " + pick(COMPANIES) + " (" + w.organisation() + ")");
    w.line("Konto för utbetalning IBAN " + w.iban(random.nextBoolean()));
    w.line("Kontrollerad " + w.day + " av " + pick(NAMES) + ", " + pick(WORDS_IN_CAPITALS));
  }

  private void tradeConfirmation(Writer w) {
    w.line("TRADE CONFIRMATION   Reference " + invoiceNumber(w.day));
    w.line("Trade date " + w.day + ", value date " + w.day.plusDays(2));
    w.line(
        "Counterparty: Nordic Bank Plc, " + pick("SWIFT ", "BIC/SWIFT: ", "Swift code ") + w.bic());
    w.line("Settlement to IBAN " + w.iban(true) + " " + pick(WORDS_IN_CAPITALS));
    w.line("Nominal " + amount() + " EUR at " + random.nextInt(200) + "." + digits(4));
    w.line("Our BIC: " + w.bic() + "   Account " + bankAccount());
    w.line("Wrong IBAN on the first notice: " + typo(w.ibanShape()));
  }

  private void taxStatement(Writer w) {
    w.line("Kontrolluppgift inkomstår " + (w.day.getYear() - 1));
    w.line("Inkomsttagare " + pick(NAMES) + " " + w.personal(false));
    w.line("Utgivare " + pick(COMPANIES) + ", organisationsnummer " + w.organisation());
    w.line("Ränta " + amount() + " kr, preliminärskatt " + amount() + " kr");
    w.line("Löpnummer " + digits(12) + "   Blankett KU" + digits(2));
    w.line("Skatteverket " + digits(3) + " " + digits(2) + " " + digits(2) + " Stockholm");
  }

  /** Writes the text and keeps the keys it writes, normalised, as the expected answer. */
  private final class Writer {
    final LocalDate day;
    final StringBuilder text = new StringBuilder();
    final Map<EntityKind, Set<String>> keys = new HashMap<>();

    Writer(LocalDate day) {
      this.day = day;
    }

    void line(String line) {
      text.append(line).append('\n');
    }

    private String key(EntityKind kind, String normalised, String written) {
      keys.computeIfAbsent(kind, k -> new HashSet<>()).add(normalised);
      return written;
    }

    String personal(boolean labelled) {
      LocalDate born = day.minusYears(18 + random.nextInt(90)).minusDays(random.nextInt(365));
      String yymmdd =
          String.format(
              "%02d%02d%02d", born.getYear() % 100, born.getMonthValue(), born.getDayOfMonth());
      String ten = withLuhn(yymmdd + digits(3));
      String twelve = (born.getYear() / 100) + ten;
      boolean hundred = !born.plusYears(100).isAfter(day);
      if (random.nextInt(40) == 0) {
        // Written as no rule expects: ten digits alone in a table, or split by a space.
        return key(
            EntityKind.PERSONNUMMER,
            twelve,
            random.nextBoolean() ? ten : ten.substring(0, 6) + " " + ten.substring(6));
      }
      String written =
          switch (random.nextInt(labelled ? 5 : 3)) {
            case 0 -> ten.substring(0, 6) + (hundred ? "+" : "-") + ten.substring(6);
            case 1 -> twelve.substring(0, 8) + "-" + twelve.substring(8);
            case 2 -> twelve;
            // Ten digits without a separator cannot say "a hundred or more": such a person's
            // number is written in full.
            case 3 -> "personnummer " + (hundred ? twelve : ten);
            default -> "pnr: " + twelve.substring(0, 8) + "-" + twelve.substring(8);
          };
      return key(EntityKind.PERSONNUMMER, twelve, written);
    }

    /** A valid personal number, not kept as a key: the caller mistypes it. */
    String personalShape() {
      LocalDate born = day.minusYears(20 + random.nextInt(60));
      String ten =
          withLuhn(
              String.format(
                      "%02d%02d%02d",
                      born.getYear() % 100, born.getMonthValue(), born.getDayOfMonth())
                  + digits(3));
      return ten.substring(0, 6) + "-" + ten.substring(6);
    }

    String coordination() {
      LocalDate born = day.minusYears(20 + random.nextInt(50)).minusDays(random.nextInt(365));
      String yymmdd =
          String.format(
              "%02d%02d%02d",
              born.getYear() % 100, born.getMonthValue(), born.getDayOfMonth() + 60);
      String ten = withLuhn(yymmdd + digits(3));
      return key(
          EntityKind.SAMORDNINGSNUMMER,
          (born.getYear() / 100) + ten,
          ten.substring(0, 6) + "-" + ten.substring(6));
    }

    String organisation() {
      String ten =
          withLuhn(pick("2", "5", "7", "8", "9") + digits(1) + (2 + random.nextInt(8)) + digits(6));
      String written =
          switch (random.nextInt(3)) {
            case 0 -> ten.substring(0, 6) + "-" + ten.substring(6);
            case 1 -> "16" + ten.substring(0, 6) + "-" + ten.substring(6);
            default -> ten.substring(0, 6) + "-" + ten.substring(6);
          };
      return key(EntityKind.ORGANISATIONSNUMMER, ten, written);
    }

    String iban(boolean grouped) {
      String country = pick(IBAN_COUNTRIES);
      int length = Map.of("SE", 24, "DE", 22, "GB", 22, "FI", 18, "NO", 15, "DK", 18).get(country);
      String bban = country.equals("GB") ? letters(4) + digits(length - 8) : digits(length - 4);
      String iban = country + ibanCheck(country, bban) + bban;
      return key(EntityKind.IBAN, iban, grouped ? grouped(iban) : iban);
    }

    /** A valid IBAN, not kept as a key: the caller mistypes it. */
    String ibanShape() {
      String bban = digits(20);
      return grouped("SE" + ibanCheck("SE", bban) + bban);
    }

    String bic() {
      String bic = letters(4) + pick("SE", "FI", "DE", "GB", "NO", "DK") + letters(1) + digits(1);
      boolean branch = random.nextInt(3) == 0;
      return key(EntityKind.BIC, bic, branch ? bic + "XXX" : bic);
    }

    String bankgiro() {
      String digits = withLuhn(digits(random.nextBoolean() ? 6 : 7));
      int split = digits.length() - 4;
      return key(
          EntityKind.BANKGIRO, digits, digits.substring(0, split) + "-" + digits.substring(split));
    }

    String bankgiroShape() {
      return digits(4) + "-" + digits(4);
    }

    String plusgiro() {
      String digits = withLuhn(digits(1 + random.nextInt(7)));
      String written =
          digits.substring(0, digits.length() - 1) + "-" + digits.charAt(digits.length() - 1);
      return key(EntityKind.PLUSGIRO, digits, written);
    }

    String ocr() {
      String digits = withLuhn(digits(4 + random.nextInt(16)));
      return key(EntityKind.OCR_REFERENCE, digits, digits);
    }
  }

  /** The same number with one digit changed: the check digit must catch it. */
  private String typo(String written) {
    char[] chars = written.toCharArray();
    while (true) {
      int at = random.nextInt(chars.length);
      if (Character.isDigit(chars[at])) {
        chars[at] = (char) ('0' + (chars[at] - '0' + 1 + random.nextInt(9)) % 10);
        return new String(chars);
      }
    }
  }

  private static String grouped(String iban) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < iban.length(); i += 4) {
      out.append(i == 0 ? "" : " ").append(iban, i, Math.min(iban.length(), i + 4));
    }
    return out.toString();
  }

  private static String ibanCheck(String country, String bban) {
    StringBuilder number = new StringBuilder();
    for (char c : (bban + country + "00").toCharArray()) {
      number.append(Character.isDigit(c) ? String.valueOf(c) : String.valueOf(c - 'A' + 10));
    }
    int check = 98 - new BigInteger(number.toString()).mod(BigInteger.valueOf(97)).intValue();
    return String.format("%02d", check);
  }

  /** Appends the digit that makes the Luhn sum a multiple of ten. */
  private static String withLuhn(String digits) {
    int sum = 0;
    for (int i = 0; i < digits.length(); i++) {
      int digit = digits.charAt(digits.length() - 1 - i) - '0';
      if (i % 2 == 0) {
        digit *= 2;
        digit = digit > 9 ? digit - 9 : digit;
      }
      sum += digit;
    }
    return digits + (10 - sum % 10) % 10;
  }

  private String bankAccount() {
    return digits(4) + "-" + digits(1) + ", " + digits(3) + " " + digits(3) + " " + digits(3) + "-"
        + digits(1);
  }

  private String phone() {
    return "08-" + digits(3) + " " + digits(3) + " " + digits(2);
  }

  private String mobile() {
    return "07" + digits(1) + "-" + digits(3) + " " + digits(2) + " " + digits(2);
  }

  private String invoiceNumber(LocalDate day) {
    return day.toString().replace("-", "") + "-" + digits(4);
  }

  private String amount() {
    return (1 + random.nextInt(98)) + " " + digits(3) + "," + digits(2);
  }

  private String digits(int count) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < count; i++) {
      out.append(random.nextInt(10));
    }
    return out.toString();
  }

  private String letters(int count) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < count; i++) {
      out.append((char) ('A' + random.nextInt(26)));
    }
    return out.toString();
  }

  private String pick(String... values) {
    return values[random.nextInt(values.length)];
  }
}
