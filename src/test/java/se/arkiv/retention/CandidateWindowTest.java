package se.arkiv.retention;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import se.arkiv.record.BusinessKeys;
import se.arkiv.record.Extraction;
import se.arkiv.record.ExtractionStatus;
import se.arkiv.record.FilePlan;
import se.arkiv.record.FilePlanFiles;
import se.arkiv.record.RecordClass;
import se.arkiv.record.RecordId;
import se.arkiv.record.RecordMetadata;
import se.arkiv.record.RetentionStart;

/**
 * The window disposition asks the index for must hold every record the retention clock finds
 * eligible: a record outside it is never even read. Checked against {@link RetentionClock} itself
 * over the shipped file plan, seven years of document dates, fiscal years ending before, on and
 * after the document, and moments on the edges of days, years and leap days.
 */
class CandidateWindowTest {

  private static final FilePlan PLAN = FilePlanFiles.load(Path.of("storage-config/file-plan.yaml"));
  private static final BusinessKeys CUSTOMER = new BusinessKeys("5566", null, "E-1", null, null);
  private static final Instant FILED = Instant.parse("2026-01-10T10:00:00Z");

  @Test
  void holdsEveryRecordTheClockFindsEligible() {
    List<RetentionEvent> events =
        List.of(
            event("CUSTOMER_RELATIONSHIP_ENDED", LocalDate.of(2024, 3, 31)),
            event("EMPLOYMENT_ENDED", LocalDate.of(2027, 12, 31)),
            event("ACCOUNT_CLOSED", LocalDate.of(2019, 2, 28)));
    List<Instant> moments =
        Arrays.asList(
            Instant.parse("2029-02-28T22:59:59Z"),
            Instant.parse("2029-02-28T23:00:00Z"),
            Instant.parse("2030-03-01T09:00:00Z"),
            Instant.parse("2031-12-31T22:59:59Z"),
            Instant.parse("2031-12-31T23:00:00Z"),
            Instant.parse("2032-03-01T00:30:00Z"));
    int eligible = 0;
    int outside = 0;
    for (RecordClass recordClass : PLAN.classes()) {
      for (Instant at : moments) {
        CandidateWindow window = CandidateWindow.of(recordClass, at);
        for (LocalDate date = LocalDate.of(2018, 1, 1);
            date.isBefore(LocalDate.of(2026, 1, 1));
            date = date.plusDays(1)) {
          for (RecordMetadata record : variants(recordClass.code(), date)) {
            Retention retention =
                RetentionClock.compute(record, recordClass, events, List.of(), at);
            boolean inWindow = window.holds(RetentionStart.earliest(record));
            if (retention.status() == RetentionStatus.ELIGIBLE) {
              eligible++;
              assertThat(inWindow)
                  .as("%s %s at %s: %s", recordClass.code(), record, at, retention.rule())
                  .isTrue();
            } else if (!inWindow) {
              outside++;
            }
          }
        }
      }
    }
    // Both sides are exercised: records found eligible, and records the index saves reading.
    assertThat(eligible).isGreaterThan(10_000);
    assertThat(outside).isGreaterThan(10_000);
  }

  @Test
  void aClassWaitingForAnEventIsReadWholeAndADatedOneFromItsStrictestRule() {
    Instant at = Instant.parse("2030-03-01T09:00:00Z");

    assertThat(CandidateWindow.of(PLAN.require("KYC"), at).latestStart()).isNull();
    // PAYROLL: seven years by both of its rules; kept through the day, so from 28 February 2023.
    assertThat(CandidateWindow.of(PLAN.require("PAYROLL"), at).latestStart())
        .isEqualTo(LocalDate.of(2023, 2, 28));
    assertThat(CandidateWindow.of(PLAN.require("TRADE-CONFIRMATION"), at).latestStart())
        .isEqualTo(LocalDate.of(2025, 2, 28));
  }

  @Test
  void theLatestStartIsExactAcrossMonthEndsAndLeapDays() {
    // 31 January plus a month is 28 February: every start from 28 to 31 January fits.
    assertThat(CandidateWindow.latestStart(Period.ofMonths(1), LocalDate.of(2030, 2, 28)))
        .isEqualTo(LocalDate.of(2030, 1, 31));
    // 29 February 2024 plus five years is 28 February 2029.
    assertThat(CandidateWindow.latestStart(Period.ofYears(5), LocalDate.of(2029, 2, 28)))
        .isEqualTo(LocalDate.of(2024, 2, 29));
    assertThat(CandidateWindow.latestStart(Period.ofYears(7), LocalDate.of(2031, 12, 31)))
        .isEqualTo(LocalDate.of(2024, 12, 31));
  }

  /** The record with no fiscal year end, one ending long before, on, and after its date. */
  private static List<RecordMetadata> variants(String recordClass, LocalDate date) {
    List<RecordMetadata> records = new ArrayList<>();
    for (LocalDate fiscal : Arrays.asList(null, date.minusDays(400), date, date.plusDays(100))) {
      records.add(record(recordClass, date, fiscal));
    }
    records.add(record(recordClass, null, null));
    return records;
  }

  private static RecordMetadata record(String recordClass, LocalDate date, LocalDate fiscal) {
    return new RecordMetadata(
        RecordMetadata.SCHEMA_VERSION,
        RecordId.of("0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b"),
        1,
        recordClass,
        "t",
        "t.txt",
        "text/plain",
        1,
        "00",
        "BACK-OFFICE",
        date,
        fiscal,
        CUSTOMER,
        List.of(),
        FILED,
        "clara",
        new Extraction(ExtractionStatus.DONE, null, "sv", 1, false, FILED),
        FILED,
        "clara",
        "filed",
        null);
  }

  private static RetentionEvent event(String type, LocalDate effective) {
    return new RetentionEvent(
        1,
        RecordId.newId(Clock.systemUTC()).value(),
        type,
        new BusinessKeys("5566", null, null, null, null),
        effective,
        "ref",
        Instant.parse("2030-01-01T00:00:00Z"),
        "maja",
        null,
        null,
        null,
        null);
  }
}
