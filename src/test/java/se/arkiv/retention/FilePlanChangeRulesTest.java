package se.arkiv.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.Period;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import se.arkiv.record.DispositionAction;
import se.arkiv.record.OlderRule;
import se.arkiv.record.RecordClass;
import se.arkiv.record.RetentionRule;
import se.arkiv.record.Trigger;

class FilePlanChangeRulesTest {

  private static final String BFL = "Bokföringslagen (1999:1078) 7 kap. 2 §";
  private static final Instant AT = Instant.parse("2026-12-03T10:00:00Z");

  private static RecordClass voucher(RetentionRule... rules) {
    return new RecordClass("ACC-VOUCHER", "Vouchers", DispositionAction.DESTROY, List.of(rules));
  }

  private static RetentionRule rule(String source, String period, Trigger trigger) {
    return new RetentionRule(source, Period.parse(period), trigger, null, null);
  }

  @Test
  void aLongerPeriodUnderTheSameLawLengthens() {
    var judged =
        FilePlanChangeRules.judge(
            voucher(rule(BFL, "P7Y", Trigger.END_OF_FISCAL_YEAR)),
            voucher(rule(BFL, "P10Y", Trigger.END_OF_FISCAL_YEAR)),
            Set.of("SFS 2026:1"),
            AT,
            2);
    assertThat(judged.lengthens()).isTrue();
    assertThat(judged.change()).contains("lengthened from P7Y to P10Y");
    assertThat(judged.result().olderRules()).isEmpty();
  }

  @Test
  void theSamePeriodWrittenInMonthsIsNoChange() {
    var judged =
        FilePlanChangeRules.judge(
            voucher(rule(BFL, "P7Y", Trigger.END_OF_FISCAL_YEAR)),
            voucher(rule(BFL, "P84M", Trigger.END_OF_FISCAL_YEAR)),
            Set.of("x"),
            AT,
            2);
    assertThat(judged.change()).isNull();
    assertThat(judged.lengthens()).isFalse();
  }

  @Test
  void aShorterPeriodOrAnotherTriggerUnderTheSameLawIsRefused() {
    assertThatThrownBy(
            () ->
                FilePlanChangeRules.judge(
                    voucher(rule(BFL, "P7Y", Trigger.END_OF_FISCAL_YEAR)),
                    voucher(rule(BFL, "P6Y11M", Trigger.END_OF_FISCAL_YEAR)),
                    Set.of("x"),
                    AT,
                    2))
        .hasMessageContaining("the law's minimum under " + BFL);
    assertThatThrownBy(
            () ->
                FilePlanChangeRules.judge(
                    voucher(rule(BFL, "P7Y", Trigger.END_OF_FISCAL_YEAR)),
                    voucher(rule(BFL, "P7Y", Trigger.DOCUMENT_DATE)),
                    Set.of("x"),
                    AT,
                    2))
        .hasMessageContaining("counts from END_OF_FISCAL_YEAR");
  }

  @Test
  void aDroppedRuleNeedsTheLawThatReplacedItAndStaysWithOlderRecordsUndecided() {
    RecordClass before = voucher(rule(BFL, "P10Y", Trigger.END_OF_FISCAL_YEAR));
    RecordClass asked =
        voucher(rule("Bokföringslagen (SFS 2011:1030)", "P7Y", Trigger.END_OF_FISCAL_YEAR));
    assertThatThrownBy(() -> FilePlanChangeRules.judge(before, asked, Set.of(BFL), AT, 5))
        .hasMessageContaining("without citing the law that replaced it");

    var judged = FilePlanChangeRules.judge(before, asked, Set.of("SFS 2011:1030"), AT, 5);
    OlderRule older = judged.result().olderRules().get(0);
    assertThat(older.rule().legalSource()).isEqualTo(BFL);
    assertThat(older.filedBefore()).isEqualTo(AT);
    assertThat(older.replacedInVersion()).isEqualTo(5);
    assertThat(older.replacedBy()).isEqualTo("SFS 2011:1030");
    assertThat(older.undecided()).isTrue();
  }
}
