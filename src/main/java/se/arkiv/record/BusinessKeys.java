package se.arkiv.record;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The business keys that tie a record to a customer, account, employee, counterparty or case. */
public record BusinessKeys(
    String customerId, String accountId, String employeeId, String counterparty, String caseId) {

  public static final BusinessKeys NONE = new BusinessKeys(null, null, null, null, null);

  /** The key names, as they appear in JSON, search filters and the index. */
  public static final List<String> NAMES =
      List.of("customerId", "accountId", "employeeId", "counterparty", "caseId");

  /** A key's longest value: account numbers, IBANs and case references fit with room to spare. */
  public static final int MAX_LENGTH = 100;

  public BusinessKeys {
    customerId = blankToNull(customerId);
    accountId = blankToNull(accountId);
    employeeId = blankToNull(employeeId);
    counterparty = blankToNull(counterparty);
    caseId = blankToNull(caseId);
  }

  /** The keys that are set, by name, in the fixed order of {@link #NAMES}. */
  public Map<String, String> present() {
    Map<String, String> keys = new LinkedHashMap<>();
    putIfSet(keys, "customerId", customerId);
    putIfSet(keys, "accountId", accountId);
    putIfSet(keys, "employeeId", employeeId);
    putIfSet(keys, "counterparty", counterparty);
    putIfSet(keys, "caseId", caseId);
    return keys;
  }

  /**
   * What is wrong with the first key whose value is too long or not a plain line of text, naming it
   * ("keys.accountId: ..."), if any.
   */
  public Optional<String> problem() {
    return present().entrySet().stream()
        .filter(key -> !TypedValues.oneLine(key.getValue(), MAX_LENGTH))
        .map(
            key ->
                "keys."
                    + key.getKey()
                    + ": at most "
                    + MAX_LENGTH
                    + " characters on one line, "
                    + TypedValues.TEXT_RULE)
        .findFirst();
  }

  /**
   * These keys with some changed, as a JSON merge patch changes them: a key named with a value
   * takes it, a key named with null is removed, the others stay.
   *
   * @throws IllegalArgumentException for a name that is not one of {@link #NAMES}
   */
  public BusinessKeys merged(Map<String, String> changes) {
    Map<String, String> keys = new LinkedHashMap<>(present());
    changes.forEach(
        (name, value) -> {
          if (!NAMES.contains(name)) {
            throw new IllegalArgumentException(name);
          }
          keys.put(name, value);
        });
    return new BusinessKeys(
        keys.get("customerId"),
        keys.get("accountId"),
        keys.get("employeeId"),
        keys.get("counterparty"),
        keys.get("caseId"));
  }

  private static void putIfSet(Map<String, String> keys, String name, String value) {
    if (value != null) {
      keys.put(name, value);
    }
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
