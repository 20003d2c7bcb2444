package se.arkiv.search;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import se.arkiv.cluster.NodeSettings;
import se.arkiv.record.RecordMetadata;
import se.arkiv.storage.RecordStore;

/**
 * A real Lucene index in a temporary folder, with the search service over it, for unit tests of
 * other modules. Holds by query and disposition's candidates need the catch-up with the store,
 * which only an index {@link #over} a store has: give the others holds by record id.
 */
public final class TemporaryIndex implements AutoCloseable {

  private final LuceneIndex index;
  private final SearchService search;
  private final IndexCatchUp catchUp;

  private TemporaryIndex(Path dir, RecordStore store) throws IOException {
    SearchSettings settings = settings(dir);
    this.index = new LuceneIndex(settings);
    this.catchUp =
        store == null
            ? null
            : new IndexCatchUp(store, new RecordIndexer(index, store, null), index, settings);
    this.search =
        new LuceneSearchService(
            index, settings, catchUp, new SimpleMeterRegistry(), Clock.systemUTC());
  }

  /** The service's defaults, with the index in {@code dir}. */
  static SearchSettings settings(Path dir) {
    return new SearchSettings(
        dir,
        Path.of("index"),
        Duration.ofSeconds(1),
        Duration.ofSeconds(60),
        100,
        10_000,
        Duration.ofHours(24),
        0);
  }

  public static TemporaryIndex in(Path dir) {
    return over(dir, null);
  }

  /**
   * An index in {@code dir} that can be compared with {@code store} ({@link #catchUp()}); until it
   * has been, it is not current, as after a start-up.
   */
  public static TemporaryIndex over(Path dir, RecordStore store) {
    try {
      return new TemporaryIndex(dir, store);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Compares the index with the whole store, as the service does shortly after start-up. */
  public void catchUp() {
    catchUp.catchUp();
  }

  /** Disposition's questions to this index; needs an index {@link #over} a store. */
  public RetentionCandidates candidates() {
    return new RetentionCandidates(index, catchUp, new NodeSettings(null, Duration.ofSeconds(30)));
  }

  public SearchService search() {
    return search;
  }

  /** Indexes a record with its text, searchable at once. */
  public void add(RecordMetadata record, String text) {
    index.upsert(record.id().value(), RecordDocuments.of(record, text));
    index.refreshNow();
  }

  /** The ids of every record the index finds for {@code query}. */
  public Set<String> matching(String query) {
    return search.matchingIds(query, null);
  }

  @Override
  public void close() throws IOException {
    index.destroy();
  }
}
