package se.arkiv.record;

import java.util.List;

/** A record class code that the file plan does not define. */
public class UnknownRecordClass extends RuntimeException {

  private final List<String> validCodes;

  public UnknownRecordClass(String code, List<String> validCodes) {
    super(
        (code == null || code.isBlank()
                ? "recordClass is required"
                : "Unknown record class '" + code + "'")
            + "; valid codes: "
            + String.join(", ", validCodes));
    this.validCodes = List.copyOf(validCodes);
  }

  public List<String> validCodes() {
    return validCodes;
  }
}
