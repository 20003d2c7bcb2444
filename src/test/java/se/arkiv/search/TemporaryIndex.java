package se.arkiv.search;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import se.arkiv.record.RecordMetadata;

/**
 * A real Lucene index in a temporary folder, with the search service over it, for unit tests of
 * other modules. Holds by query need the catch-up with the store, which this has not: give it holds
 * by record id.
 */
public final class TemporaryIndex implements AutoCloseable {

  private final LuceneIndex index;
  private final SearchService search;

  private TemporaryIndex(Path dir) throws IOException {
    SearchSettings settings = settings(dir);
    this.index = new LuceneIndex(settings);
    this.search = new SearchService(index, settings, null, new SimpleMeterRegistry());
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
    try {
      return new TemporaryIndex(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
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
