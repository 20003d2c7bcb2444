package se.arkiv.record;

import java.time.LocalDate;
import java.util.BitSet;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds personal, coordination and organisation numbers, IBANs, BICs, bankgiro, plusgiro and OCR
 * numbers in a record's text. Every candidate must pass its kind's check (a date and a Luhn digit,
 * MOD 97, a country), and the kinds whose check is weak must also be labelled the way Swedish
 * invoices and forms label them: a bankgiro number is four digits, a dash and four digits that any
 * year range also has, so only "Bankgiro 5050-1055" counts. Labelled numbers are taken first and
 * their place in the text claimed, so an OCR number is not also read as a personal number.
 */
public final class EntityKeyFinder {

  private static final String BEFORE = "(?<![\\p{L}\\d])";
  private static final String AFTER_LABEL = "(?!\\p{L})[\\s:.#=)]{0,8}";
  private static final String NR = "(?:[ .-]?nr\\.?)?";

  private record Labelled(EntityKind kind, Pattern pattern) {}

  private static final Labelled[] LABELLED = {
    labelled(
        EntityKind.BANKGIRO, "(?:bankgiro(?:nummer|nr|t)?|bg)" + NR, "(\\d{3,4}-\\d{4}|\\d{7,8})"),
    labelled(
        EntityKind.PLUSGIRO,
        "(?:plusgiro(?:nummer|nr|t|konto)?|postgiro(?:nummer|nr)?|pg)" + NR,
        "((?:\\d ?){1,7}-\\d|\\d{2,8})"),
    labelled(
        EntityKind.OCR_REFERENCE,
        "(?:ocr(?:[ -]?(?:nummer|nr\\.?|referens|ref\\.?))?|referensnummer)",
        "((?:\\d ?){1,24}\\d)"),
    labelled(
        EntityKind.PERSONNUMMER,
        "(?:personnummer|personnr|pers\\.? ?nr\\.?|p-?nr|samordningsnummer|samordningsnr)",
        "(\\d{6}[-+]?\\d{4}|\\d{8}-?\\d{4})"),
    labelled(
        EntityKind.ORGANISATIONSNUMMER,
        "(?:organisationsnummer|organisationsnr|org\\.? ?-?nr\\.?|orgnr|org\\.? ?nummer)",
        "(16\\d{6}-?\\d{4}|\\d{6}-?\\d{4})"),
  };

  /**
   * Written with a separator, or in twelve digits: the date and check digit are then enough. Ten
   * digits without one are as often a telephone or customer number, so they need a label.
   */
  private static final Pattern UNLABELLED_NUMBER =
      Pattern.compile(
          "(?<![\\p{L}\\d+-])(\\d{6}[-+]\\d{4}|\\d{8}-\\d{4}|\\d{12})(?![\\d-]|\\+\\d)");

  /**
   * A number labelled as something else (an invoice, order or customer number, a telephone number,
   * a reference) is not read as a personal or organisation number, however valid it looks: invoice
   * numbers made of a date and a serial number are common, and one in ten passes the Luhn check by
   * chance.
   */
  private static final Pattern OTHER_LABEL =
      Pattern.compile(
          "(?iu)(?<!\\p{L})(?:(?:faktura|kund|order|ärende|konto|avtal|verifikations?|löp|serie|"
              + "invoice|account|customer|case)[- ]?(?:nr|nummer|no|number)\\.?|referens|reference|ref"
              + "|tel|telefon|phone|mobil|mobile|fax)[\\s:.#]*$");

  private static final int OTHER_LABEL_REACH = 30;

  private static final Pattern IBAN_START = Pattern.compile("(?<![A-Za-z0-9])[A-Z]{2}\\d{2}");

  private static final Pattern BIC =
      Pattern.compile(
          "(?<![A-Za-z0-9])[A-Z]{4}([A-Z]{2})[A-Z0-9]{2}(?:[A-Z0-9]{3})?(?![A-Za-z0-9])");

  private static final Pattern BIC_LABEL = Pattern.compile("(?i)(?:bic|swift)");
  private static final int BIC_LABEL_REACH = 20;

  private static final Set<String> COUNTRIES = countries();

  private EntityKeyFinder() {}

  private static Labelled labelled(EntityKind kind, String label, String value) {
    return new Labelled(
        kind, Pattern.compile("(?iu)" + BEFORE + label + AFTER_LABEL + value + "(?![\\d-])"));
  }

  /**
   * The keys in {@code text}, normalised. {@code reference} is the day the text speaks from (the
   * document's date, else its filing day): it decides the century of a ten-digit personal number.
   */
  public static EntityKeys find(String text, LocalDate reference) {
    if (text == null || text.isEmpty()) {
      return EntityKeys.NONE;
    }
    return find(text, reference, NearDigits.starts(text));
  }

  /**
   * The same keys, looked for at every character as before {@link NearDigits}: the baseline of
   * EntityKeyBenchmark (benchmark sources).
   */
  static EntityKeys findTryingEveryStart(String text, LocalDate reference) {
    if (text == null || text.isEmpty()) {
      return EntityKeys.NONE;
    }
    return find(text, reference, NearDigits.everywhere(text));
  }

  private static EntityKeys find(String text, LocalDate reference, BitSet starts) {
    Map<EntityKind, Set<String>> found = new EnumMap<>(EntityKind.class);
    BitSet claimed = new BitSet(text.length());
    for (Labelled labelled : LABELLED) {
      Matcher m = labelled.pattern().matcher(text);
      for (int from = 0; NearDigits.find(m, starts, from); from = m.end()) {
        String value = m.group(1);
        Found key = labelledKey(labelled.kind(), value, reference);
        if (key != null) {
          add(found, key.kind(), key.value());
          claimed.set(m.start(1), m.end(1));
        }
      }
    }
    BitSet ibans = findIbans(text, starts, found);
    claimed.or(ibans);
    Matcher number = UNLABELLED_NUMBER.matcher(text);
    for (int from = 0; NearDigits.find(number, starts, from); from = number.end()) {
      if (claimed.get(number.start(1), number.end(1)).isEmpty()
          && !labelledAsSomethingElse(text, number.start(1))) {
        SwedishNumbers.Found key = SwedishNumbers.classify(number.group(1), reference);
        if (key != null) {
          add(found, key.kind(), key.value());
        }
      }
    }
    findBics(text, found, claimed, ibans);
    return EntityKeys.of(found);
  }

  /**
   * The keys a single query word is, when it is written as a personal, coordination or organisation
   * number or an IBAN: a bare {@code 811218-9876} in the search box then finds the records whose
   * text holds it in any form.
   */
  public static Map<EntityKind, String> recognise(String word, LocalDate today) {
    Map<EntityKind, String> keys = new EnumMap<>(EntityKind.class);
    String compact = word.strip();
    SwedishNumbers.Found number = SwedishNumbers.classify(compact, today);
    if (number != null) {
      keys.put(number.kind(), number.value());
    }
    String iban = compact.toUpperCase(Locale.ROOT);
    if (iban.length() >= 15 && Character.isLetter(iban.charAt(0)) && Ibans.valid(iban)) {
      keys.put(EntityKind.IBAN, iban);
    }
    return keys;
  }

  private record Found(EntityKind kind, String value) {}

  private static Found labelledKey(EntityKind kind, String value, LocalDate reference) {
    String digits = value.replaceAll("[ -]", "");
    return switch (kind) {
      case PERSONNUMMER, ORGANISATIONSNUMMER -> {
        SwedishNumbers.Found key = SwedishNumbers.classify(value.replace(" ", ""), reference);
        yield key == null ? null : new Found(key.kind(), key.value());
      }
      case BANKGIRO -> CheckDigits.luhn(digits) ? new Found(kind, digits) : null;
      case PLUSGIRO ->
          digits.length() >= 2 && digits.length() <= 8 && CheckDigits.luhn(digits)
              ? new Found(kind, digits)
              : null;
      case OCR_REFERENCE ->
          digits.length() >= 2 && digits.length() <= 25 && CheckDigits.luhn(digits)
              ? new Found(kind, digits)
              : null;
      default -> null;
    };
  }

  /**
   * An IBAN is read for exactly its country's length, over single spaces (it is written in groups
   * of four), so the word after it is never taken in.
   */
  private static BitSet findIbans(String text, BitSet starts, Map<EntityKind, Set<String>> found) {
    BitSet spans = new BitSet();
    Matcher start = IBAN_START.matcher(text);
    for (int from = 0; NearDigits.find(start, starts, from); from = start.end()) {
      int length = Ibans.length(text.substring(start.start(), start.start() + 2));
      if (length == 0) {
        continue;
      }
      StringBuilder iban = new StringBuilder(length);
      int at = start.start();
      while (at < text.length() && iban.length() < length) {
        char c = text.charAt(at);
        if (isCapitalOrDigit(c)) {
          iban.append(c);
        } else if (c != ' ' || at + 1 >= text.length() || !isCapitalOrDigit(text.charAt(at + 1))) {
          break;
        }
        at++;
      }
      boolean ends = at >= text.length() || !Character.isLetterOrDigit(text.charAt(at));
      if (iban.length() == length && ends && Ibans.valid(iban.toString())) {
        add(found, EntityKind.IBAN, iban.toString());
        spans.set(start.start(), at);
      }
    }
    return spans;
  }

  /**
   * A BIC has no check digit and looks like any word in capitals, so it counts only after a "BIC"
   * or "SWIFT" label on its line, or on the line of an IBAN of its own country.
   */
  private static void findBics(
      String text, Map<EntityKind, Set<String>> found, BitSet claimed, BitSet ibans) {
    Matcher m = BIC.matcher(text);
    while (m.find()) {
      if (!COUNTRIES.contains(m.group(1)) || !claimed.get(m.start(), m.end()).isEmpty()) {
        continue;
      }
      int lineStart = text.lastIndexOf('\n', m.start()) + 1;
      int reach = Math.max(lineStart, m.start() - BIC_LABEL_REACH);
      boolean labelled = BIC_LABEL.matcher(text.substring(reach, m.start())).find();
      boolean besideIban =
          ibanCountries(text, ibans, lineStart, lineEnd(text, m.end())).contains(m.group(1));
      if (labelled || besideIban) {
        add(found, EntityKind.BIC, EntityKind.BIC.normalise(m.group(), null));
      }
    }
  }

  /** The countries of the IBANs between {@code from} and {@code to}. */
  private static Set<String> ibanCountries(String text, BitSet ibans, int from, int to) {
    Set<String> countries = new TreeSet<>();
    int at = ibans.nextSetBit(from);
    while (at >= 0 && at < to) {
      countries.add(text.substring(at, at + 2));
      at = ibans.nextSetBit(ibans.nextClearBit(at));
    }
    return countries;
  }

  private static boolean labelledAsSomethingElse(String text, int at) {
    int lineStart = text.lastIndexOf('\n', at - 1) + 1;
    int from = Math.max(lineStart, at - OTHER_LABEL_REACH);
    return OTHER_LABEL.matcher(text.substring(from, at)).find();
  }

  private static int lineEnd(String text, int from) {
    int end = text.indexOf('\n', from);
    return end < 0 ? text.length() : end;
  }

  private static boolean isCapitalOrDigit(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  }

  private static void add(Map<EntityKind, Set<String>> found, EntityKind kind, String value) {
    found.computeIfAbsent(kind, k -> new TreeSet<>()).add(value);
  }

  private static Set<String> countries() {
    Set<String> countries = new TreeSet<>(Set.of(Locale.getISOCountries()));
    countries.add("XK"); // Kosovo: in use by banks, not yet in ISO 3166
    return Set.copyOf(countries);
  }
}
