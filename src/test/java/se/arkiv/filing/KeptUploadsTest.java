package se.arkiv.filing;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.scheduling.concurrent.SimpleAsyncTaskScheduler;
import se.arkiv.extraction.ExtractedText;
import se.arkiv.extraction.ExtractionSettings;
import se.arkiv.extraction.TextExtractor;
import se.arkiv.record.BusinessKeys;
import se.arkiv.record.ExtractionFailure;
import se.arkiv.record.ExtractionStatus;
import se.arkiv.record.RecordId;
import se.arkiv.record.RecordMetadata;
import se.arkiv.storage.FiledMetadata;
import se.arkiv.storage.RecordStore;
import se.arkiv.storage.StorageSettings;
import se.arkiv.storage.VersionedMemoryStore;

/** Extraction reads the upload still in the spool, and reads the store only when none was kept. */
class KeptUploadsTest {

  @TempDir Path dataDir;

  private final RecordStore store = new VersionedMemoryStore().records();
  private final List<Path> extractedFrom = new CopyOnWriteArrayList<>();
  private final List<String> extractedBytes = new CopyOnWriteArrayList<>();
  private final SimpleAsyncTaskScheduler scheduler = new SimpleAsyncTaskScheduler();
  private Spool spool;
  private KeptUploads kept;
  private ExtractionQueue queue;

  @BeforeEach
  void start() throws Exception {
    spool = new Spool(new StorageSettings(dataDir));
    kept = new KeptUploads(spool, 100);
    TextExtractor extractor =
        new TextExtractor() {
          @Override
          public ExtractedText extract(Path file, String name, String type) {
            extractedFrom.add(file);
            try {
              extractedBytes.add(Files.readString(file, UTF_8));
            } catch (Exception e) {
              extractedBytes.add("unreadable: " + e);
            }
            return ExtractedText.failed(ExtractionFailure.UNSUPPORTED, "a test extractor");
          }

          @Override
          public ExtractedText afterText(Path file, String name, String type) {
            throw new AssertionError("a failed extraction leaves no archival copy for later");
          }
        };
    queue =
        new ExtractionQueue(
            store,
            extractor,
            spool,
            kept,
            Clock.systemUTC(),
            scheduler,
            new ExtractionSettings(1000, Duration.ofSeconds(10), 1, 10, false),
            new FilingMetrics(new SimpleMeterRegistry()));
  }

  @AfterEach
  void stop() {
    queue.destroy();
    scheduler.close();
  }

  @Test
  void extractionReadsTheKeptUploadAndDeletesIt() throws Exception {
    SpooledFile upload = spool.receive(new ByteArrayInputStream("the upload".getBytes(UTF_8)));
    RecordMetadata record = filed(upload);
    assertThat(kept.keep(record.id(), upload)).isTrue();
    upload.close(); // what filing does next: the kept file must survive it
    Path keptFile = onlyFileInSpool();
    assertThat(keptFile).hasContent("the upload");

    queue.submit(record);

    await()
        .until(() -> store.require(record.id()).extraction().status() != ExtractionStatus.PENDING);
    assertThat(extractedFrom).containsExactly(keptFile);
    assertThat(extractedBytes).containsExactly("the upload");
    assertThat(keptFile).doesNotExist();
    assertThat(kept.bytes()).isZero();
  }

  @Test
  void withoutAKeptUploadExtractionCopiesTheOriginalFromTheStore() throws Exception {
    SpooledFile upload = spool.receive(new ByteArrayInputStream("from the store".getBytes(UTF_8)));
    RecordMetadata record = filed(upload);
    upload.close();

    queue.submit(record);

    await()
        .until(() -> store.require(record.id()).extraction().status() != ExtractionStatus.PENDING);
    assertThat(extractedBytes).containsExactly("from the store");
    assertThat(extractedFrom.get(0)).doesNotExist();
    try (Stream<Path> left = Files.list(dataDir.resolve("spool"))) {
      assertThat(left).isEmpty();
    }
  }

  @Test
  void uploadsBeyondTheBudgetAreNotKept() {
    SpooledFile first = spool.receive(new ByteArrayInputStream(new byte[60]));
    SpooledFile second = spool.receive(new ByteArrayInputStream(new byte[60]));
    RecordId a = RecordId.newId(Clock.systemUTC());
    RecordId b = RecordId.newId(Clock.systemUTC());

    assertThat(kept.keep(a, first)).isTrue();
    assertThat(kept.keep(b, second)).as("60 + 60 bytes is over the budget of 100").isFalse();
    assertThat(kept.bytes()).isEqualTo(60);
    assertThat(kept.take(b)).isEmpty();
    assertThat(kept.take(a)).isPresent();
    assertThat(kept.take(a)).as("taken once").isEmpty();
    assertThat(kept.bytes()).isZero();
    second.close();
  }

  private RecordMetadata filed(SpooledFile upload) {
    RecordId id = RecordId.newId(Clock.systemUTC());
    store.storeOriginal(id, upload.path());
    return store.storeVersion(
        FiledMetadata.of(id, upload.sha256(), "ACC-VOUCHER", null, BusinessKeys.NONE));
  }

  private Path onlyFileInSpool() throws Exception {
    try (Stream<Path> files = Files.list(dataDir.resolve("spool"))) {
      return files.toList().get(0);
    }
  }
}
