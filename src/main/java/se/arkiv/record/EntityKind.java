package se.arkiv.record;

import java.time.LocalDate;
import java.util.Locale;

/**
 * The kinds of key Arkiv finds in a record's text, each with the field name it is searched by and
 * the one normalised form it is stored and matched in, so that every written form of a number finds
 * the same records.
 */
public enum EntityKind {
  /** Twelve digits, century included: {@code 198112189876}. */
  PERSONNUMMER("personnummer"),
  /** A personal number whose day is raised by 60, for people not registered in Sweden. */
  SAMORDNINGSNUMMER("samordningsnummer"),
  /** Ten digits: {@code 5560360793}. */
  ORGANISATIONSNUMMER("organisationsnummer"),
  /** Capitals and digits, no spaces: {@code SE4550000000058398257466}. */
  IBAN("iban"),
  /** Eight or eleven capitals and digits; an eleven-letter code ending in XXX as its eight. */
  BIC("bic"),
  /** Digits only. */
  BANKGIRO("bankgiro"),
  /** Digits only. */
  PLUSGIRO("plusgiro"),
  /** The payment reference ("OCR-nummer") of a Swedish invoice, digits only. */
  OCR_REFERENCE("ocrReference");

  private final String fieldName;

  EntityKind(String fieldName) {
    this.fieldName = fieldName;
  }

  /** The name of the index field and of the key in metadata JSON. */
  public String fieldName() {
    return fieldName;
  }

  /** The kind searched by this field name, or null. */
  public static EntityKind byFieldName(String name) {
    for (EntityKind kind : values()) {
      if (kind.fieldName.equals(name)) {
        return kind;
      }
    }
    return null;
  }

  /**
   * The stored form of a number as someone writes it in a query or filter ({@code 811218-9876},
   * {@code se45 5000 ...}, {@code 5050-1055}). A ten-digit personal number takes its century as the
   * law reads it on {@code today}: a {@code +} means a hundred years or more. Input that is not a
   * valid number of the kind comes back cleaned the same way, so it simply matches nothing.
   */
  public String normalise(String written, LocalDate today) {
    String compact = written.strip().replaceAll("\\s+", "");
    return switch (this) {
      case PERSONNUMMER, SAMORDNINGSNUMMER -> {
        SwedishNumbers.Found found = SwedishNumbers.classify(compact, today);
        yield found != null ? found.value() : compact.replaceAll("[-+]", "");
      }
      case ORGANISATIONSNUMMER -> {
        String digits = compact.replace("-", "");
        yield digits.length() == 12 && digits.startsWith("16") ? digits.substring(2) : digits;
      }
      case IBAN -> compact.toUpperCase(Locale.ROOT);
      case BIC -> {
        String bic = compact.toUpperCase(Locale.ROOT);
        yield bic.length() == 11 && bic.endsWith("XXX") ? bic.substring(0, 8) : bic;
      }
      case BANKGIRO, PLUSGIRO, OCR_REFERENCE -> compact.replace("-", "");
    };
  }
}
