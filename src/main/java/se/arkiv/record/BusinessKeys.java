package se.arkiv.record;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The business keys that tie a record to a customer, account, employee, counterparty or case. */
public record BusinessKeys(
    String customerId, String accountId, String employeeId, String counterparty, String caseId) {

  public static final BusinessKeys NONE = new BusinessKeys(null, null, null, null, null);

  /** The key names, as they appear in JSON, search filters and the index. */
  public static final List<String> NAMES =
      List.of("customerId", "accountId", "employeeId", "counterparty", "caseId");

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

  private static void putIfSet(Map<String, String> keys, String name, String value) {
    if (value != null) {
      keys.put(name, value);
    }
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
