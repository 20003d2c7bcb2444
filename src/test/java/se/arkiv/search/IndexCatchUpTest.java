package se.arkiv.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.arkiv.record.BusinessKeys;
import se.arkiv.record.RecordId;
import se.arkiv.record.RecordMetadata;
import se.arkiv.storage.FiledMetadata;
import se.arkiv.storage.RecordStore;
import se.arkiv.storage.VersionedMemoryStore;

/** The comparison of the whole store with the index: a rebuild on many threads, then mending. */
class IndexCatchUpTest {

  @TempDir Path dir;

  private final VersionedMemoryStore objects = new VersionedMemoryStore();
  private final RecordStore store = objects.records();
  private final Set<String> indexingThreads = ConcurrentHashMap.newKeySet();
  private final List<String> indexed = new CopyOnWriteArrayList<>();
  private LuceneIndex index;
  private Runnable onIndex = () -> {};
  private IndexCatchUp catchUp;

  @BeforeEach
  void start() throws Exception {
    SearchSettings defaults = TemporaryIndex.settings(dir);
    SearchSettings settings =
        new SearchSettings(
            defaults.dir(),
            defaults.configDir(),
            defaults.refreshInterval(),
            defaults.commitInterval(),
            defaults.maxPageSize(),
            defaults.maxWindow(),
            defaults.fullCatchUpInterval(),
            3);
    index = new LuceneIndex(settings);
    RecordIndexer indexer =
        new RecordIndexer(index, store, null) {
          @Override
          void index(RecordMetadata record) {
            indexingThreads.add(Thread.currentThread().getName());
            onIndex.run();
            indexed.add(record.id().value());
            super.index(record);
          }
        };
    catchUp = new IndexCatchUp(store, indexer, index, settings);
  }

  @AfterEach
  void stop() throws Exception {
    catchUp.destroy();
    index.destroy();
  }

  @Test
  void anEmptyIndexIsRebuiltFromEveryRecordOnTheRebuildThreads() {
    List<RecordMetadata> records = file(40);

    catchUp.catchUp();

    assertThat(index.documentCount()).isEqualTo(40);
    assertThat(indexed).containsExactlyInAnyOrderElementsOf(ids(records));
    assertThat(indexingThreads).allMatch(name -> name.startsWith("index-rebuild-"));
    assertThat(catchUp.caughtUp()).isTrue();
    assertThat(catchUp.progress()).isEmpty();
  }

  @Test
  void anIntactIndexIndexesOnlyTheRecordsWithANewerVersion() {
    List<RecordMetadata> records = file(10);
    catchUp.catchUp();
    indexed.clear();
    RecordMetadata corrected = records.get(3);
    store.appendVersion(
        corrected.corrected(
            "Corrected title",
            corrected.department(),
            corrected.documentDate(),
            corrected.fiscalYearEnd(),
            corrected.keys(),
            List.of("corrected"),
            corrected.filedAt(),
            "records-manager",
            "typo in the title"));

    catchUp.catchUp();

    assertThat(indexed).containsExactly(corrected.id().value());
    assertThat(index.indexedVersions()).containsEntry(corrected.id().value(), 2);
  }

  @Test
  void aRecordMissingFromAnIntactIndexIsIndexedAgain() {
    List<RecordMetadata> records = file(5);
    catchUp.catchUp();
    indexed.clear();
    index.delete(records.get(0).id().value());

    catchUp.catchUp();

    assertThat(indexed).containsExactly(records.get(0).id().value());
    assertThat(index.documentCount()).isEqualTo(5);
  }

  @Test
  void aRecordWhoseMetadataWentWhileItWasListedIsDroppedFromTheIndexAndThePassGoesOn() {
    // A disposition run destroys records while a comparison walks the store, after a crash.
    // In the order of the store's listing (ids made in one millisecond need not sort as made).
    List<RecordMetadata> records =
        file(5).stream().sorted(Comparator.comparing(r -> r.id().value())).toList();
    catchUp.catchUp();
    RecordMetadata changed = records.get(1);
    RecordId going = records.get(2).id();
    store.appendVersion(
        changed.corrected(
            "Corrected title",
            changed.department(),
            changed.documentDate(),
            changed.fiscalYearEnd(),
            changed.keys(),
            List.of(),
            changed.filedAt(),
            "records-manager",
            "typo"));
    // While the second record is indexed again, the third (listed already) loses its metadata.
    onIndex = () -> objects.delete("records/" + going.value() + "/meta/000001.json");

    catchUp.catchUp();

    assertThat(index.indexedVersions()).doesNotContainKey(going.value()).hasSize(4);
    assertThat(catchUp.caughtUp()).isTrue();
  }

  @Test
  void anIndexClosedCleanlyWhileWholeIsTrustedAtTheNextStartBeforeAnyComparison() throws Exception {
    file(5);
    catchUp.catchUp();
    restart();

    assertThat(index.wholeAtOpen()).isTrue();
    assertThat(catchUp.caughtUp()).isTrue();
  }

  @Test
  void anIndexClosedWithARecordBehindOrBeforeItWasWholeIsComparedFirst() throws Exception {
    List<RecordMetadata> records = file(5);
    restart(); // never compared with the store
    assertThat(catchUp.caughtUp()).isFalse();

    catchUp.catchUp();
    catchUp.failed(records.get(1).id().value());
    restart();

    assertThat(index.wholeAtOpen()).isFalse();
    assertThat(catchUp.caughtUp()).isFalse();
  }

  /** Closes as the service does at a stop (catch-up first) and opens the same folder again. */
  private void restart() throws Exception {
    stop();
    start();
  }

  private List<RecordMetadata> file(int count) {
    return IntStream.range(0, count)
        .mapToObj(
            i ->
                store.appendVersion(
                    FiledMetadata.of(
                        RecordId.newId(Clock.systemUTC()),
                        "%064d".formatted(i),
                        "CORRESPONDENCE",
                        "HR",
                        BusinessKeys.NONE)))
        .toList();
  }

  private static List<String> ids(List<RecordMetadata> records) {
    return records.stream().map(r -> r.id().value()).toList();
  }
}
