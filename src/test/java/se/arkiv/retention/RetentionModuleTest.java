package se.arkiv.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.Scenario;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.AbstractPlatformTransactionManager;
import org.springframework.transaction.support.DefaultTransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;
import se.arkiv.cluster.AloneNode;
import se.arkiv.cluster.Leadership;
import se.arkiv.filing.FilingService;
import se.arkiv.record.BusinessKeys;
import se.arkiv.record.FilePlan;
import se.arkiv.record.FilePlanSettings;
import se.arkiv.record.RecordId;
import se.arkiv.retention.DispositionRun.State;
import se.arkiv.search.RetentionCandidates;
import se.arkiv.search.SearchService;
import se.arkiv.storage.FiledMetadata;
import se.arkiv.storage.JsonDocuments;
import se.arkiv.storage.RecordStore;
import se.arkiv.storage.S3Settings;
import se.arkiv.storage.VersionedMemoryStore;

/**
 * The retention module started on its own (Spring Modulith, standalone): its beans are real and
 * wired as the service wires them, so what one of them publishes reaches the others. Proves two of
 * its flows by their events: a hold placed or released reaches the store's legal hold of each
 * record it covers, and a retracted retention event voids the open runs that relied on it.
 *
 * <p>Stand-ins for the modules around it: the JSON documents (holds, events, runs) in an object
 * store in memory, a fixed clock, the only node, the file plan and two settings declared again (see
 * there); the record store, search, the index's candidates and filing are mocks, the record store
 * answering with one filed voucher. The file plan is the repository's own,
 * storage-config/file-plan.yaml.
 */
@ApplicationModuleTest
// The health groups of application.yaml name contributors of modules not started here.
@TestPropertySource(properties = "management.endpoint.health.validate-group-membership=false")
class RetentionModuleTest {

  private static final String FIRST = "0190f5a4-0000-7000-8000-00000000000a";
  private static final String SECOND = "0190f5a4-0000-7000-8000-00000000000b";

  @Autowired LegalHolds holds;
  @Autowired DispositionRunStore runs;
  @Autowired DispositionRuns disposition;
  @Autowired RetentionEvents events;

  @MockitoBean RecordStore records;
  @MockitoBean SearchService search;
  @MockitoBean RetentionCandidates candidates;
  @MockitoBean FilingService filing;

  @TestConfiguration
  static class AroundTheModule {
    private final VersionedMemoryStore store = new VersionedMemoryStore();

    @Bean
    JsonDocuments documents() {
      return store.documents();
    }

    @Bean
    Clock clock() {
      return Clock.fixed(Instant.parse("2030-03-01T09:00:00Z"), ZoneOffset.UTC);
    }

    @Bean
    Leadership leadership() {
      return AloneNode.LEADS;
    }

    /*
     * Modulith drops every bean whose type lies in a module it does not bootstrap unless a test
     * configuration declares it: the module's own FilePlan bean (the type is the record module's)
     * and the settings of record and storage that @ConfigurationPropertiesScan would bind. So they
     * are declared again here, bound from the same properties as in the service.
     */

    /** Scenario runs each stimulus in a TransactionTemplate; Arkiv has no transactions. */
    @Bean
    TransactionTemplate noTransaction() {
      return new TransactionTemplate(
          new AbstractPlatformTransactionManager() {
            @Override
            protected Object doGetTransaction() {
              return new Object();
            }

            @Override
            protected void doBegin(Object transaction, TransactionDefinition definition) {}

            @Override
            protected void doCommit(DefaultTransactionStatus status) {}

            @Override
            protected void doRollback(DefaultTransactionStatus status) {}
          });
    }

    @Bean
    FilePlan filePlanInForce(FilePlanVersions versions) {
      return versions.plan();
    }

    @Bean
    FilePlanSettings filePlanSettings(Environment environment) {
      return Binder.get(environment).bindOrCreate("arkiv.file-plan", FilePlanSettings.class);
    }

    @Bean
    S3Settings storageSettings(Environment environment) {
      return Binder.get(environment).bindOrCreate("arkiv.storage", S3Settings.class);
    }
  }

  @Test
  void aDryRunAsOfAMomentNoRecordCanReachIsRefusedBeforeAnythingIsPlanned() {
    Instant farthest = Instant.parse("+999999999-12-31T23:59:59Z");
    int before = runs.all().size();

    assertThatThrownBy(() -> disposition.start(true, farthest, null, false, "rm"))
        .isInstanceOf(RetentionProblem.class)
        .hasMessageContaining("asOf");
    assertThatThrownBy(() -> disposition.start(true, Instant.MIN, null, false, "rm"))
        .isInstanceOf(RetentionProblem.class);
    assertThat(runs.all()).hasSize(before);
    // The first day allowed, as a date is read: midnight in Sweden, before midnight in UTC.
    Instant firstDay = LocalDate.of(1000, 1, 1).atStartOfDay(RetentionClock.LEGAL_ZONE).toInstant();
    assertThat(disposition.start(true, firstDay, null, false, "rm").asOf()).isEqualTo(firstDay);
  }

  @ParameterizedTest
  @CsvSource({
    // A clock started in year 1 makes every matching record eligible at once.
    "CUSTOMER_RELATIONSHIP_ENDED, 0001-01-01, , effectiveDate",
    "CUSTOMER_RELATIONSHIP_ENDED, -999999999-01-01, , effectiveDate",
    // Past year 999,999,999 no retain-until can be computed: every run over the class failed.
    "RETENTION_EXTENDED, 2020-01-01, +999999999-12-31, extendedUntil",
    "RETENTION_EXTENDED, 2020-01-01, +10000-01-01, extendedUntil"
  })
  void anEventDatedOutsideTheYearsOfARecordIsRefusedBeforeItIsKept(
      String type, String effective, String extendedUntil, String field) {
    int before = events.all().size();

    assertThatThrownBy(
            () ->
                events.record(
                    type,
                    new BusinessKeys("5566", null, null, null, null),
                    LocalDate.parse(effective),
                    "FI 2026/17",
                    extendedUntil == null ? null : LocalDate.parse(extendedUntil),
                    "rm"))
        .isInstanceOf(RetentionProblem.class)
        .hasMessage(field + ": a date YYYY-MM-DD from year 1000 to 9999");
    assertThat(events.all()).hasSize(before);
  }

  @ParameterizedTest
  @ValueSource(strings = {"Tax \u202Eaudit", "Tax\u0000audit", "Tax\naudit"})
  void aHoldNameThatHidesWhatItSaysOrSpansLinesIsRefused(String name) {
    assertThatThrownBy(() -> holds.place(name, "audit", null, null, List.of(FIRST), "rm"))
        .isInstanceOf(RetentionProblem.class)
        .hasMessageStartingWith("name: at most 200 characters on one line");
    assertThatThrownBy(
            () -> holds.place("Tax audit", "a".repeat(1001), null, null, List.of(FIRST), "rm"))
        .isInstanceOf(RetentionProblem.class)
        .hasMessageStartingWith("reason: at most 1000 characters");
  }

  @Test
  void aHoldPlacedOnARecordSetsTheStoresLegalHoldOfIt(Scenario scenario) {
    filed(FIRST);

    scenario
        .stimulate(() -> holds.place("Tax audit 2030", "audit", null, null, List.of(FIRST), "rm"))
        .andWaitForEventOfType(HoldsChanged.class)
        .toArriveAndVerify(
            changed -> {
              assertThat(changed.recordIds()).containsExactly(FIRST);
              verify(records).legalHold(RecordId.of(FIRST), true);
            });
  }

  @Test
  void releasingTheOnlyHoldOfARecordLiftsTheStoresLegalHoldOfIt(Scenario scenario) {
    filed(SECOND);
    LegalHold hold = holds.place("Dispute", "court case", null, null, List.of(SECOND), "rm");
    verify(records).legalHold(RecordId.of(SECOND), true);

    scenario
        .stimulate(() -> holds.release(hold.id(), "case settled", "rm"))
        .andWaitForEventOfType(HoldsChanged.class)
        .toArriveAndVerify(
            changed -> {
              assertThat(changed.recordIds()).containsExactly(SECOND);
              verify(records).legalHold(RecordId.of(SECOND), false);
            });
  }

  @Test
  void aRetractedEventVoidsTheOpenRunsThatReliedOnItAndNoOther(Scenario scenario) {
    runs.save(SampleRuns.made("run-on-event", false, List.of(SampleRuns.LETTER), List.of()));
    runs.save(
        DispositionRun.planned(
            "run-on-other",
            false,
            SampleRuns.MADE,
            null,
            SampleRuns.MADE,
            "maja",
            new DispositionPlan(List.of(SampleRuns.LETTER), List.of(), List.of("01J0OTHER"), 1)));
    assertThat(runs.find("run-on-event").state()).isEqualTo(State.READY);

    scenario
        .publish(new RetentionEventRetracted("01J0EVENT", "entered in error", "rm"))
        .andWaitForStateChange(
            () -> runs.find("run-on-event").state(), state -> state == State.VOID)
        .andVerify(
            state -> {
              assertThat(runs.find("run-on-event").voidReason())
                  .isEqualTo(
                      "retention event 01J0EVENT it relied on was retracted: entered in error");
              assertThat(runs.find("run-on-other").state()).isEqualTo(State.READY);
            });
  }

  /** A voucher filed in PAYROLL that the record store knows. */
  private void filed(String id) {
    when(records.latest(RecordId.of(id)))
        .thenReturn(
            Optional.of(
                FiledMetadata.of(
                    RecordId.of(id),
                    "ab".repeat(32),
                    "ACC-VOUCHER",
                    "PAYROLL",
                    BusinessKeys.NONE)));
  }
}
