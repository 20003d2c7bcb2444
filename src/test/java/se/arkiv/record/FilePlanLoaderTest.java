package se.arkiv.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Period;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FilePlanLoaderTest {

  @TempDir Path dir;

  private Path plan(String yaml) throws IOException {
    return Files.writeString(dir.resolve("file-plan.yaml"), yaml);
  }

  private static final String VALID =
      """
      classes:
        - code: KYC
          title: Customer due diligence files
          disposition: DESTROY
          rules:
            - legalSource: Penningtvättslagen 5 kap. 3 §
              period: P5Y
              trigger: EVENT
              event: CUSTOMER_RELATIONSHIP_ENDED
              maximum: P10Y
      """;

  @Test
  void loadsTheShippedFilePlanWithEveryClass() {
    FilePlan plan = FilePlanLoader.load(Path.of("storage-config/file-plan.yaml"));
    assertThat(plan.codes())
        .containsExactly(
            "ACC-VOUCHER",
            "PAYROLL",
            "EXPENSE",
            "TAX-STATEMENT",
            "TRADE-CONFIRMATION",
            "PAYMENT-ORDER",
            "KYC",
            "ACCOUNT-AGREEMENT",
            "HR-FILE",
            "CORRESPONDENCE",
            "DISPOSITION-CERTIFICATE");
    RecordClass hr = plan.require("HR-FILE");
    assertThat(hr.disposition()).isEqualTo(DispositionAction.REVIEW);
    assertThat(hr.rules().get(0).trigger()).isEqualTo(Trigger.EVENT);
    assertThat(hr.rules().get(0).event()).isEqualTo("EMPLOYMENT_ENDED");
    assertThat(plan.require("ACC-VOUCHER").rules().get(0).period()).isEqualTo(Period.ofYears(7));
    assertThat(plan.require("ACC-VOUCHER").rules().get(0).trigger())
        .isEqualTo(Trigger.END_OF_FISCAL_YEAR);
    assertThat(plan.require("KYC").rules().get(0).maximum()).isEqualTo(Period.ofYears(10));
  }

  @Test
  void readsAValidClass() throws IOException {
    assertThat(FilePlanLoader.load(plan(VALID)).require("KYC").title())
        .isEqualTo("Customer due diligence files");
  }

  @Test
  void namesTheClassAndFieldOfABadPeriod() throws IOException {
    Path file = plan(VALID.replace("period: P5Y", "period: five years"));
    assertThatThrownBy(() -> FilePlanLoader.load(file))
        .isInstanceOf(FilePlanInvalid.class)
        .hasMessageContaining("class KYC, rule #1")
        .hasMessageContaining("field 'period'")
        .hasMessageContaining("five years");
  }

  @ParameterizedTest
  // 200 years and 50 days, written in days, slipped past a bound on the days field alone.
  @ValueSource(strings = {"P999999999Y", "P2401M", "P73100D", "P199Y11M400D"})
  void refusesAPeriodLongerThanAnyLawKeepsARecord(String period) throws IOException {
    Path file = plan(VALID.replace("period: P5Y", "period: " + period));
    assertThatThrownBy(() -> FilePlanLoader.load(file))
        .isInstanceOf(FilePlanInvalid.class)
        .hasMessageContaining("class KYC, rule #1")
        .hasMessageContaining("at most 200 years");
  }

  @Test
  void takesAPeriodOfExactlyTheLongestAnyLawKeepsARecord() throws IOException {
    String longest =
        VALID.replace("period: P5Y", "period: P200Y").replace("maximum: P10Y", "maximum: P200Y");
    assertThat(FilePlanLoader.load(plan(longest)).classes()).isNotEmpty();
  }

  @Test
  void namesTheClassAndFieldOfAMissingEvent() throws IOException {
    Path file = plan(VALID.replace("event: CUSTOMER_RELATIONSHIP_ENDED", ""));
    assertThatThrownBy(() -> FilePlanLoader.load(file))
        .hasMessageContaining("class KYC")
        .hasMessageContaining("field 'event'");
  }

  @Test
  void refusesAMaximumShorterThanThePeriod() throws IOException {
    Path file = plan(VALID.replace("maximum: P10Y", "maximum: P2Y"));
    assertThatThrownBy(() -> FilePlanLoader.load(file))
        .hasMessageContaining("class KYC")
        .hasMessageContaining("field 'maximum'");
  }

  @Test
  void refusesAnUnknownTriggerAndListsTheKnownOnes() throws IOException {
    Path file = plan(VALID.replace("trigger: EVENT", "trigger: WHENEVER"));
    assertThatThrownBy(() -> FilePlanLoader.load(file))
        .hasMessageContaining("field 'trigger'")
        .hasMessageContaining("END_OF_FISCAL_YEAR");
  }

  @Test
  void readsSeveralRulesForOneClass() {
    FilePlan plan = FilePlanLoader.load(Path.of("storage-config/file-plan.yaml"));
    assertThat(plan.require("PAYROLL").rules()).hasSize(2);
  }

  @Test
  void refusesAClassWithoutRules() throws IOException {
    Path file = plan(VALID.substring(0, VALID.indexOf("    rules:")));
    assertThatThrownBy(() -> FilePlanLoader.load(file))
        .hasMessageContaining("class KYC")
        .hasMessageContaining("field 'rules'");
  }

  @Test
  void refusesAClassDefinedTwice() throws IOException {
    Path file = plan(VALID + VALID.substring("classes:\n".length()));
    assertThatThrownBy(() -> FilePlanLoader.load(file)).hasMessageContaining("defined twice");
  }

  @Test
  void refusesAMissingTitle() throws IOException {
    Path file = plan(VALID.replace("title: Customer due diligence files", ""));
    assertThatThrownBy(() -> FilePlanLoader.load(file))
        .hasMessageContaining("class KYC")
        .hasMessageContaining("field 'title'");
  }

  @Test
  void refusesAnUnknownFieldSoThatTyposAreNotIgnored() throws IOException {
    Path file = plan(VALID.replace("period: P5Y", "period: P5Y\n        perod: P7Y"));
    assertThatThrownBy(() -> FilePlanLoader.load(file)).hasMessageContaining("perod");
  }
}
