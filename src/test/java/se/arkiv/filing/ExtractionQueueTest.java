package se.arkiv.filing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.scheduling.concurrent.SimpleAsyncTaskScheduler;
import se.arkiv.extraction.ExtractedText;
import se.arkiv.extraction.ExtractionSettings;
import se.arkiv.extraction.TextExtractor;
import se.arkiv.record.BusinessKeys;
import se.arkiv.record.ExtractionStatus;
import se.arkiv.record.RecordId;
import se.arkiv.record.RecordMetadata;
import se.arkiv.storage.FiledMetadata;
import se.arkiv.storage.RecordStore;
import se.arkiv.storage.StorageSettings;
import se.arkiv.storage.VersionedMemoryStore;

/** One worker and its child: what the child made is written while the child reads the next. */
class ExtractionQueueTest {

  @TempDir Path dataDir;

  private final VersionedMemoryStore objects = new VersionedMemoryStore();
  private final RecordStore store = objects.records();
  private final List<String> asked = new CopyOnWriteArrayList<>();
  private final SimpleAsyncTaskScheduler scheduler = new SimpleAsyncTaskScheduler();
  private ExtractionQueue queue;

  @AfterEach
  void stop() {
    if (queue != null) {
      queue.destroy();
    }
    scheduler.close();
  }

  @Test
  void theChildReadsTheNextRecordWhileTheLastOnesTextIsWritten() throws Exception {
    CountDownLatch firstWriteHeld = new CountDownLatch(1);
    CountDownLatch writesMayGo = new CountDownLatch(1);
    objects.beforeReplace(
        key -> {
          if (key.endsWith("/text.txt")) {
            firstWriteHeld.countDown();
            try {
              writesMayGo.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
        });
    queue = queue(1);
    RecordMetadata first = filed("first");
    RecordMetadata second = filed("second");

    queue.submit(first);
    queue.submit(second);

    assertThat(firstWriteHeld.await(30, TimeUnit.SECONDS)).isTrue();
    // The first record's text is still being written, and the one child has the second already.
    await().atMost(Duration.ofSeconds(30)).until(() -> asked.size() == 2);
    assertThat(store.require(first.id()).extraction().status()).isEqualTo(ExtractionStatus.PENDING);
    writesMayGo.countDown();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                store.require(first.id()).extraction().status() == ExtractionStatus.DONE
                    && store.require(second.id()).extraction().status() == ExtractionStatus.DONE);
    assertThat(store.readText(second.id())).hasValue("the text of verifikation.pdf");
  }

  private ExtractionQueue queue(int threads) throws Exception {
    TextExtractor extractor =
        new TextExtractor() {
          @Override
          public ExtractedText extract(Path file, String name, String type) {
            asked.add(name);
            return new ExtractedText(
                ExtractionStatus.DONE,
                "the text of " + name,
                null,
                "en",
                false,
                List.of(),
                List.of(),
                null,
                null,
                null,
                new ExtractedText.Archival(null, 0, "a text file gets no archival copy"));
          }

          @Override
          public ExtractedText afterText(Path file, String name, String type) {
            throw new AssertionError("a text file leaves nothing for after its text");
          }
        };
    Spool spool = new Spool(new StorageSettings(dataDir));
    return new ExtractionQueue(
        store,
        extractor,
        spool,
        new KeptUploads(spool, 0),
        Clock.systemUTC(),
        scheduler,
        new ExtractionSettings(1000, Duration.ofSeconds(10), threads, 10, false),
        new FilingMetrics(new SimpleMeterRegistry()));
  }

  private RecordMetadata filed(String name) throws Exception {
    Spool spool = new Spool(new StorageSettings(dataDir));
    try (SpooledFile upload = spool.receive(new ByteArrayInputStream(name.getBytes()))) {
      RecordId id = RecordId.newId(Clock.systemUTC());
      store.storeOriginal(id, upload.path());
      return store.storeVersion(
          FiledMetadata.of(id, upload.sha256(), "ACC-VOUCHER", null, BusinessKeys.NONE));
    }
  }
}
