package se.arkiv.filing;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.scheduling.concurrent.SimpleAsyncTaskScheduler;
import se.arkiv.extraction.ExtractedText;
import se.arkiv.extraction.ExtractionSettings;
import se.arkiv.extraction.MediaTypeDetector;
import se.arkiv.extraction.TextExtractor;
import se.arkiv.record.BusinessKeys;
import se.arkiv.record.ExtractionFailure;
import se.arkiv.record.ExtractionStatus;
import se.arkiv.record.FilePlanFiles;
import se.arkiv.record.RecordMetadata;
import se.arkiv.record.UnknownRecordClass;
import se.arkiv.storage.RecordStore;
import se.arkiv.storage.StorageSettings;
import se.arkiv.storage.VersionedMemoryStore;

/** Filing one upload: duplicates, the first metadata version, refusals, and corrections. */
class FilingServiceTest {

  private static final Instant NOW = Instant.parse("2026-03-02T09:00:00Z");

  @TempDir Path dataDir;

  private final VersionedMemoryStore objects = new VersionedMemoryStore();
  private final RecordStore store = objects.records();
  private final SimpleAsyncTaskScheduler scheduler = new SimpleAsyncTaskScheduler();
  private ExtractionQueue queue;
  private FilingService filing;

  @BeforeEach
  void start() throws Exception {
    Spool spool = new Spool(new StorageSettings(dataDir));
    KeptUploads kept = new KeptUploads(spool, 100);
    Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    FilingMetrics metrics = new FilingMetrics(new SimpleMeterRegistry());
    // Extraction is not what these tests are about: every record ends unread, at once.
    TextExtractor unread =
        new TextExtractor() {
          @Override
          public ExtractedText extract(Path file, String name, String type) {
            return ExtractedText.failed(ExtractionFailure.UNSUPPORTED, "a test extractor");
          }

          @Override
          public ExtractedText afterText(Path file, String name, String type) {
            throw new AssertionError("no archival copy is made of an unread record");
          }
        };
    queue =
        new ExtractionQueue(
            store,
            unread,
            spool,
            kept,
            clock,
            scheduler,
            new ExtractionSettings(1000, Duration.ofSeconds(10), 1, 10, false),
            metrics);
    filing =
        new FilingService(
            FilePlanFiles.load(Path.of("storage-config/file-plan.yaml")),
            store,
            spool,
            kept,
            new MediaTypeDetector(),
            queue,
            clock,
            metrics);
  }

  @AfterEach
  void stop() {
    queue.destroy();
    scheduler.close();
  }

  private static FilingRequest letter(String department, BusinessKeys keys) {
    return new FilingRequest(
        "CORRESPONDENCE", null, department, LocalDate.of(2026, 2, 27), null, keys, List.of());
  }

  private Filed file(FilingRequest request, String text, String fileName) {
    return filing.file(request, new ByteArrayInputStream(text.getBytes(UTF_8)), fileName, "clara");
  }

  /** Filed, and its extraction over (a version of its own), so that what follows comes after. */
  private RecordMetadata filedAndRead(String text) {
    RecordMetadata first =
        file(letter("BACK-OFFICE", BusinessKeys.NONE), text, "brev.txt").record();
    await()
        .until(() -> store.require(first.id()).extraction().status() != ExtractionStatus.PENDING);
    return store.require(first.id());
  }

  private int originalsStored() {
    return (int)
        objects.versions("records/").stream().filter(v -> v.key().endsWith("/original")).count();
  }

  @Test
  void theSameBytesOfTheSameClassDepartmentAndKeysAnswerTheRecordFiledFirst() {
    BusinessKeys keys = new BusinessKeys("C-1", null, null, null, null);
    Filed first = file(letter("BACK-OFFICE", keys), "Brev om ränta", "brev.txt");

    Filed again = file(letter("BACK-OFFICE", keys), "Brev om ränta", "kopia.txt");

    assertThat(first.created()).isTrue();
    assertThat(again.created()).isFalse();
    assertThat(again.record().id()).isEqualTo(first.record().id());
    assertThat(again.record().fileName()).isEqualTo("brev.txt");
    assertThat(originalsStored()).isEqualTo(1);
  }

  @Test
  void theSameBytesWithOtherKeysOrInAnotherDepartmentAreRecordsOfTheirOwn() {
    BusinessKeys one = new BusinessKeys("C-1", null, null, null, null);
    BusinessKeys other = new BusinessKeys("C-2", null, null, null, null);
    Filed first = file(letter("BACK-OFFICE", one), "Brev om ränta", "brev.txt");

    Filed otherCustomer = file(letter("BACK-OFFICE", other), "Brev om ränta", "brev.txt");
    Filed otherDepartment = file(letter("HR", one), "Brev om ränta", "brev.txt");

    assertThat(otherCustomer.created()).isTrue();
    assertThat(otherDepartment.created()).isTrue();
    assertThat(
            Set.of(first.record().id(), otherCustomer.record().id(), otherDepartment.record().id()))
        .hasSize(3);
    assertThat(originalsStored()).isEqualTo(3);
  }

  @Test
  void eightClerksFilingTheSameFileAtOnceMakeOneRecord() throws Exception {
    ExecutorService clerks = Executors.newFixedThreadPool(8);
    try {
      List<Callable<Filed>> uploads = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        uploads.add(() -> file(letter("BACK-OFFICE", BusinessKeys.NONE), "Samma brev", "b.txt"));
      }
      List<Filed> answers = new ArrayList<>();
      for (Future<Filed> answer : clerks.invokeAll(uploads)) {
        answers.add(answer.get());
      }

      assertThat(answers).filteredOn(Filed::created).hasSize(1);
      assertThat(answers)
          .extracting(f -> f.record().id())
          .containsOnly(answers.get(0).record().id());
      assertThat(originalsStored()).isEqualTo(1);
    } finally {
      clerks.shutdownNow();
    }
  }

  @Test
  void theFirstVersionKeepsTheFileNamesLastPartAsItsTitleAndTheDetectedType() {
    RecordMetadata record =
        file(letter(" back-office ", BusinessKeys.NONE), "Brev om ränta", "../../etc/brev.txt")
            .record();

    assertThat(record.version()).isEqualTo(1);
    assertThat(record.fileName()).isEqualTo("brev.txt");
    assertThat(record.title()).isEqualTo("brev.txt");
    assertThat(record.mediaType()).isEqualTo("text/plain");
    assertThat(record.department()).isEqualTo("BACK-OFFICE");
    assertThat(record.filedAt()).isEqualTo(NOW);
    assertThat(record.filedBy()).isEqualTo("clara");
    assertThat(store.version(record.id(), 1)).isEqualTo(record);
  }

  @Test
  void anUnknownRecordClassIsRefusedBeforeAByteIsStored() {
    FilingRequest unknown =
        new FilingRequest("NO-SUCH-CLASS", null, null, null, null, BusinessKeys.NONE, List.of());

    assertThatThrownBy(() -> file(unknown, "Brev", "brev.txt"))
        .isInstanceOf(UnknownRecordClass.class);
    assertThat(objects.versions("")).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("implausibleDocuments")
  void aDocumentWithAnImplausibleDateOrADisguisedTitleIsRefusedBeforeAByteIsStored(
      String field, FilingRequest request) {
    assertThatThrownBy(() -> file(request, "Brev", "brev.txt"))
        .isInstanceOf(InvalidFilingRequest.class)
        .hasMessageStartingWith(field);
    assertThat(objects.versions("")).isEmpty();
  }

  static Stream<Arguments> implausibleDocuments() {
    return Stream.of(
        Arguments.of("documentDate", dated(LocalDate.of(0, 1, 1), null)),
        Arguments.of("documentDate", dated(LocalDate.ofEpochDay(20_240_101), null)),
        Arguments.of("fiscalYearEnd", dated(LocalDate.of(2025, 12, 31), LocalDate.of(-1, 12, 31))),
        Arguments.of("title", titled("Faktura\u202Efdp.exe")),
        Arguments.of("title", titled("Faktura\u0000")));
  }

  private static FilingRequest dated(LocalDate documentDate, LocalDate fiscalYearEnd) {
    return new FilingRequest(
        "CORRESPONDENCE", null, null, documentDate, fiscalYearEnd, BusinessKeys.NONE, List.of());
  }

  private static FilingRequest titled(String title) {
    return new FilingRequest(
        "CORRESPONDENCE", title, null, LocalDate.of(2026, 2, 27), null, BusinessKeys.NONE, null);
  }

  @Test
  void aTitleOnTwoLinesAndADocumentFromTheSeventeenthCenturyAreFiled() {
    FilingRequest old =
        new FilingRequest(
            "CORRESPONDENCE",
            "Köpebrev\nSvenska Ostindiska Kompaniet",
            null,
            LocalDate.of(1731, 6, 14),
            null,
            BusinessKeys.NONE,
            List.of());

    assertThat(file(old, "Brev", "brev.txt").created()).isTrue();
  }

  @Test
  void aCorrectionsReasonIsBoundedAsATitleIs() {
    RecordMetadata read = filedAndRead("Brev om ränta");

    assertThatThrownBy(
            () ->
                filing.correct(
                    read.id(),
                    new MetadataCorrection(
                        Set.of("title"),
                        "Räntebrev",
                        null,
                        null,
                        null,
                        null,
                        null,
                        "r".repeat(1001)),
                    "maja"))
        .isInstanceOf(InvalidFilingRequest.class)
        .hasMessageStartingWith("reason");
    assertThat(store.require(read.id()).version()).isEqualTo(read.version());
  }

  @Test
  void aCorrectionAppendsAVersionAndLeavesTheFirstAsItWas() {
    RecordMetadata read = filedAndRead("Brev om ränta");

    RecordMetadata corrected =
        filing.correct(
            read.id(),
            new MetadataCorrection(
                Set.of("title"), "Räntebrev 2026", null, null, null, null, null, "stavfel"),
            "maja");

    assertThat(corrected.version()).isEqualTo(read.version() + 1);
    assertThat(corrected.title()).isEqualTo("Räntebrev 2026");
    assertThat(corrected.department()).isEqualTo("BACK-OFFICE");
    assertThat(corrected.change()).isEqualTo("corrected [title]: stavfel");
    assertThat(store.version(read.id(), 1).title()).isEqualTo("brev.txt");
  }

  @Test
  void aCorrectionThatChangesNothingWritesNoVersion() {
    RecordMetadata read = filedAndRead("Brev om ränta");
    MetadataCorrection sameAgain =
        new MetadataCorrection(
            Set.of("title", "department"),
            read.title(),
            read.department(),
            null,
            null,
            null,
            null,
            "omförsök");

    RecordMetadata answered = filing.correct(read.id(), sameAgain, "maja");

    assertThat(answered).isEqualTo(read);
    assertThat(store.require(read.id()).version()).isEqualTo(read.version());
    // The same rule does not hide a real change beside an unchanged field.
    RecordMetadata changed =
        filing.correct(
            read.id(),
            new MetadataCorrection(
                Set.of("title", "department"), read.title(), "HR", null, null, null, null, null),
            "maja");
    assertThat(changed.version()).isEqualTo(read.version() + 1);
    assertThat(changed.department()).isEqualTo("HR");
  }

  @Test
  void aFieldThatCannotBeCorrectedIsRefusedNamingThoseThatCan() {
    RecordMetadata read = filedAndRead("Brev om ränta");

    assertThatThrownBy(
            () ->
                filing.correct(
                    read.id(),
                    new MetadataCorrection(
                        Set.of("recordClass"), null, null, null, null, null, null, null),
                    "maja"))
        .isInstanceOf(InvalidFilingRequest.class)
        .hasMessageStartingWith("recordClass cannot be corrected; correctable fields are [");
    assertThat(store.require(read.id())).isEqualTo(read);
  }
}
