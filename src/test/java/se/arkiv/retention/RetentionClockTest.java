package se.arkiv.retention;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import se.arkiv.record.BusinessKeys;
import se.arkiv.record.DispositionAction;
import se.arkiv.record.Extraction;
import se.arkiv.record.FilePlan;
import se.arkiv.record.FilePlanFiles;
import se.arkiv.record.RecordClass;
import se.arkiv.record.RecordId;
import se.arkiv.record.RecordMetadata;
import se.arkiv.record.RetentionRule;
import se.arkiv.record.Trigger;

/** The retention clock, scenario by scenario, against the shipped file plan. */
class RetentionClockTest {

  private static final FilePlan PLAN = FilePlanFiles.load(Path.of("storage-config/file-plan.yaml"));

  private static RecordMetadata record(
      String recordClass, LocalDate documentDate, LocalDate fiscalYearEnd, BusinessKeys keys) {
    return new RecordMetadata(
        1,
        RecordId.of("01900000-0000-7000-8000-000000000001"),
        1,
        recordClass,
        "t",
        "t.pdf",
        "application/pdf",
        1,
        "0".repeat(64),
        null,
        documentDate,
        fiscalYearEnd,
        keys,
        List.of(),
        Instant.parse("2024-06-01T10:00:00Z"),
        "clara",
        Extraction.pending(),
        Instant.parse("2024-06-01T10:00:00Z"),
        "clara",
        "filed",
        null);
  }

  private static Retention at(RecordMetadata record, List<RetentionEvent> events, String instant) {
    return RetentionClock.compute(
        record, PLAN.require(record.recordClass()), events, List.of(), Instant.parse(instant));
  }

  private static RetentionEvent event(String type, BusinessKeys keys, LocalDate effective) {
    return new RetentionEvent(
        1,
        "evt-" + effective,
        type,
        keys,
        effective,
        "ref",
        Instant.now(),
        "maja",
        null,
        null,
        null,
        null);
  }

  /**
   * Clocks that run from a date the record carries: retained a minute before the legal day ends in
   * Stockholm, eligible a minute after, decided by the rule named. Payroll's fiscal year 2024 ends
   * 2025-06-30, so Bokföringslagen (from the end of 2025) outlasts Skatteförfarandelagen (2024).
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          a fiscal-2024 voucher may go from New Year 2032 Stockholm  | ACC-VOUCHER        | 2024-03-15 | 2024-12-31 | 2031-12-31T23:00:00Z | Bokföringslagen | P7Y
          a broken fiscal year ending July 2024 goes at that moment  | ACC-VOUCHER        | 2023-09-01 | 2024-07-31 | 2031-12-31T23:00:00Z | Bokföringslagen | P7Y
          summer time does not move the legal day                    | TRADE-CONFIRMATION | 2030-06-15 |            | 2035-06-15T22:00:00Z | MiFID II        | P5Y
          a leap day plus whole years ends on 28 February            | TRADE-CONFIRMATION | 2024-02-29 |            | 2029-02-28T23:00:00Z | MiFID II        | P5Y
          payroll keeps the latest of its two rules                  | PAYROLL            | 2024-12-25 | 2025-06-30 | 2032-12-31T23:00:00Z | Bokföringslagen | P7Y
          """)
  void aDatedClockKeepsTheRecordUntilItsLegalDayEndsInStockholm(
      String behaviour,
      String recordClass,
      LocalDate documentDate,
      LocalDate fiscalYearEnd,
      Instant retainUntil,
      String legalSource,
      String period) {
    RecordMetadata record = record(recordClass, documentDate, fiscalYearEnd, BusinessKeys.NONE);
    Retention before = at(record, List.of(), retainUntil.minusSeconds(60).toString());
    assertThat(before.status()).isEqualTo(RetentionStatus.RETAINED);
    assertThat(before.retainUntil()).isEqualTo(retainUntil);
    Retention after = at(record, List.of(), retainUntil.plusSeconds(60).toString());
    assertThat(after.status()).isEqualTo(RetentionStatus.ELIGIBLE);
    assertThat(after.rule()).contains(legalSource).contains(period);
  }

  @Test
  void kycOfAnActiveCustomerIsEventPendingEvenIn2045() {
    RecordMetadata kyc =
        record(
            "KYC",
            LocalDate.of(2024, 1, 10),
            null,
            new BusinessKeys("5566", null, null, null, null));
    Retention retention = at(kyc, List.of(), "2045-01-01T00:00:00Z");
    assertThat(retention.status()).isEqualTo(RetentionStatus.EVENT_PENDING);
    assertThat(retention.retainUntil()).isNull();
    assertThat(retention.pendingEvent()).isEqualTo("CUSTOMER_RELATIONSHIP_ENDED");
  }

  @Test
  void backdatedRelationshipEndStartsTheKycClockAtItsEffectiveDateCappedAtTenYears() {
    BusinessKeys customer = new BusinessKeys("5566", null, null, null, null);
    RecordMetadata kyc = record("KYC", LocalDate.of(2024, 1, 10), null, customer);
    RetentionEvent ended =
        event("CUSTOMER_RELATIONSHIP_ENDED", customer, LocalDate.of(2030, 3, 31));
    Retention retention = at(kyc, List.of(ended), "2045-01-01T00:00:00Z");
    assertThat(retention.status()).isEqualTo(RetentionStatus.ELIGIBLE);
    assertThat(retention.retainUntil()).isEqualTo(Instant.parse("2035-03-31T22:00:00Z"));
    assertThat(retention.maximumUntil()).isEqualTo(Instant.parse("2040-03-31T22:00:00Z"));
    assertThat(retention.events()).containsExactly(ended.id());
    assertThat(at(kyc, List.of(ended), "2035-03-31T21:59:00Z").status())
        .isEqualTo(RetentionStatus.RETAINED);
  }

  @Test
  void anEventForAnotherCustomerDoesNotApply() {
    RecordMetadata kyc =
        record("KYC", null, null, new BusinessKeys("5566", null, null, null, null));
    RetentionEvent other =
        event(
            "CUSTOMER_RELATIONSHIP_ENDED",
            new BusinessKeys("7788", null, null, null, null),
            LocalDate.of(2030, 1, 1));
    assertThat(at(kyc, List.of(other), "2045-01-01T00:00:00Z").status())
        .isEqualTo(RetentionStatus.EVENT_PENDING);
  }

  @Test
  void aMinimumBeyondAMaximumIsFlaggedForAPersonAndNotDestroyed() {
    RecordClass clash =
        new RecordClass(
            "CLASH",
            "Two laws disagree",
            DispositionAction.DESTROY,
            List.of(
                new RetentionRule("Law A", Period.ofYears(10), Trigger.DOCUMENT_DATE, null, null),
                new RetentionRule(
                    "GDPR", Period.ofYears(2), Trigger.DOCUMENT_DATE, null, Period.ofYears(3))));
    RecordMetadata record = record("CLASH", LocalDate.of(2020, 1, 1), null, BusinessKeys.NONE);
    Retention retention =
        RetentionClock.compute(
            record, clash, List.of(), List.of(), Instant.parse("2050-01-01T00:00:00Z"));
    assertThat(retention.status()).isEqualTo(RetentionStatus.RETAINED);
    assertThat(retention.conflict()).contains("Law A").contains("GDPR");
  }

  @Test
  void aHoldWinsOverEveryDate() {
    RecordMetadata voucher =
        record(
            "ACC-VOUCHER", LocalDate.of(2010, 1, 1), LocalDate.of(2010, 12, 31), BusinessKeys.NONE);
    Retention retention =
        RetentionClock.compute(
            voucher,
            PLAN.require("ACC-VOUCHER"),
            List.of(),
            List.of("hold-1"),
            Instant.parse("2040-01-01T00:00:00Z"));
    assertThat(retention.status()).isEqualTo(RetentionStatus.HELD);
    assertThat(retention.holds()).containsExactly("hold-1");
  }

  @Test
  void timeEventStartsAtTheEndOfTheYearOfTheEvent() {
    RecordClass yearly =
        new RecordClass(
            "Y",
            "Yearly",
            DispositionAction.DESTROY,
            List.of(
                new RetentionRule(
                    "Policy",
                    Period.ofYears(2),
                    Trigger.END_OF_CALENDAR_YEAR_OF_EVENT,
                    "ACCOUNT_CLOSED",
                    null)));
    BusinessKeys account = new BusinessKeys(null, "A-1", null, null, null);
    RecordMetadata record = record("Y", null, null, account);
    Retention retention =
        RetentionClock.compute(
            record,
            yearly,
            List.of(event("ACCOUNT_CLOSED", account, LocalDate.of(2030, 3, 1))),
            List.of(),
            Instant.parse("2033-01-01T00:00:00Z"));
    assertThat(retention.retainUntil()).isEqualTo(Instant.parse("2032-12-31T23:00:00Z"));
  }
}
