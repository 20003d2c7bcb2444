package se.arkiv.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import se.arkiv.record.BusinessKeys;
import se.arkiv.record.RecordId;
import se.arkiv.record.RecordMetadata;
import se.arkiv.storage.FiledMetadata;
import se.arkiv.storage.RecordStore;
import se.arkiv.storage.VersionedMemoryStore;

/** The index's health: out of service while it is rebuilt from the store, and only then. */
class IndexHealthTest {

  @TempDir Path dir;

  @Test
  void anEmptyIndexBesideAStoreWithRecordsIsOutOfServiceUntilTheRebuildEnds() throws Exception {
    RecordStore store = new VersionedMemoryStore().records();
    for (int i = 0; i < 3; i++) {
      store.appendVersion(
          FiledMetadata.of(
              RecordId.newId(Clock.systemUTC()),
              "%064d".formatted(i),
              "CORRESPONDENCE",
              "HR",
              BusinessKeys.NONE));
    }
    SearchSettings settings = TemporaryIndex.settings(dir);
    LuceneIndex index = new LuceneIndex(settings);
    CountDownLatch release = new CountDownLatch(1);
    IndexCatchUp[] catchUp = new IndexCatchUp[1];
    RecordIndexer slowIndexer =
        new RecordIndexer(index, store, null) {
          @Override
          void index(RecordMetadata record) {
            awaitQuietly(release);
            super.index(record);
          }
        };
    catchUp[0] = new IndexCatchUp(store, slowIndexer, index, settings);
    IndexHealth health = new IndexHealth(index, catchUp[0]);
    assertThat(health.health().getStatus()).isEqualTo(Status.UP);

    CompletableFuture<Void> rebuild = CompletableFuture.runAsync(catchUp[0]::catchUp);
    try {
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> health.health().getStatus().equals(Status.OUT_OF_SERVICE));
      Health rebuilding = health.health();
      assertThat(rebuilding.getDetails()).containsKey("rebuild");
    } finally {
      release.countDown();
    }
    rebuild.get(10, TimeUnit.SECONDS);

    Health after = health.health();
    assertThat(after.getStatus()).isEqualTo(Status.UP);
    assertThat(after.getDetails()).containsEntry("documents", 3).doesNotContainKey("rebuild");
    catchUp[0].destroy();
    index.destroy();
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
