package se.arkiv.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How a search becomes the saved query of a hold on "all N matching". */
class HoldsPageTest {

  private static SearchForm search(String... keyValues) {
    Map<String, String> parameters = new LinkedHashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      parameters.put(keyValues[i], keyValues[i + 1]);
    }
    return SearchForm.of(parameters, 20);
  }

  @Test
  void keepsTheWordsAndTurnsKeywordFiltersIntoClauses() {
    assertThat(HoldsPage.asQuery(search("q", "lön OR bonus", "recordClass", "PAYROLL")))
        .isEqualTo("(lön OR bonus) AND recordClass:\"PAYROLL\"");
  }

  @Test
  void holdsEverythingFilteredWhenThereAreNoWords() {
    assertThat(HoldsPage.asQuery(search("department", "HR", "customerId", "C-1")))
        .isEqualTo("*:* AND customerId:\"C-1\" AND department:\"HR\"");
  }

  @Test
  void escapesQuotesInAFilterValue() {
    assertThat(HoldsPage.asQuery(search("counterparty", "Bolaget \"AB\"")))
        .isEqualTo("*:* AND counterparty:\"Bolaget \\\"AB\\\"\"");
  }

  @Test
  void hasNoQueryForADateRangeOrAnOcrFilter() {
    assertThat(HoldsPage.asQuery(search("q", "avtal", "from", "2024-01-01"))).isNull();
    assertThat(HoldsPage.asQuery(search("q", "avtal", "maxOcrConfidence", "60"))).isNull();
  }
}
