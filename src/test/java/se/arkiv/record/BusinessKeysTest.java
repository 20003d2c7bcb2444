package se.arkiv.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BusinessKeysTest {

  private final BusinessKeys customerAndAccount =
      new BusinessKeys("5566", "SE-1234", null, null, null);

  @Test
  void aMergeChangesTheKeysItNamesAndKeepsTheOthers() {
    BusinessKeys merged = customerAndAccount.merged(Map.of("accountId", "SE-9999"));

    assertThat(merged).isEqualTo(new BusinessKeys("5566", "SE-9999", null, null, null));
  }

  @Test
  void aKeyMergedAsNullIsRemoved() {
    Map<String, String> removeAccount = new HashMap<>();
    removeAccount.put("accountId", null);

    assertThat(customerAndAccount.merged(removeAccount))
        .isEqualTo(new BusinessKeys("5566", null, null, null, null));
  }

  @Test
  void aNameThatIsNoKeyIsRefused() {
    assertThatThrownBy(() -> customerAndAccount.merged(Map.of("customerID", "5566")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aKeyTooLongOrOverTwoLinesIsNamed() {
    assertThat(customerAndAccount.problem()).isEmpty();
    assertThat(new BusinessKeys(null, "x".repeat(101), null, null, null).problem())
        .hasValueSatisfying(p -> assertThat(p).startsWith("keys.accountId: at most 100"));
    assertThat(new BusinessKeys(null, null, null, "ACME\nAB", null).problem())
        .hasValueSatisfying(p -> assertThat(p).startsWith("keys.counterparty"));
  }
}
