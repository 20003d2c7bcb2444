package se.arkiv.search;

import java.io.IOException;
import java.util.List;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherFactory;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * Searchers that search a large index slice by slice on every core: at a million records a frequent
 * word matches hundreds of thousands, all scored, counted and faceted, which one thread does in
 * over 100 ms. Lucene's caller thread takes slices too, and runs them itself when this pool is busy
 * with other searches, so a loaded service does the same work as before, not more.
 */
final class SlicedSearchers extends SearcherFactory implements AutoCloseable {

  /** Lucene's own default sizes of a slice: below them one thread is quicker than two. */
  static final int DOCS_PER_SLICE = 250_000;

  private static final int SEGMENTS_PER_SLICE = 5;

  private final ThreadPoolTaskExecutor threads = new ThreadPoolTaskExecutor();
  private final int docsPerSlice;
  private final FacetOrdinals warmed;

  /** With slices of at most {@code docsPerSlice} documents (tests search small indexes so). */
  SlicedSearchers(int docsPerSlice) {
    this(docsPerSlice, null);
  }

  /**
   * As {@link #SlicedSearchers(int)}, reading each new segment's facet values into {@code warmed}
   * before a searcher over it serves, so that no search waits for them.
   */
  SlicedSearchers(int docsPerSlice, FacetOrdinals warmed) {
    this.docsPerSlice = docsPerSlice;
    this.warmed = warmed;
    threads.setThreadNamePrefix("search-slice-");
    threads.setCorePoolSize(Runtime.getRuntime().availableProcessors());
    threads.setMaxPoolSize(Runtime.getRuntime().availableProcessors());
    threads.setDaemon(true);
    threads.initialize();
  }

  @Override
  public IndexSearcher newSearcher(IndexReader reader, IndexReader previous) throws IOException {
    if (warmed != null) {
      warmed.warm(reader);
    }
    return new IndexSearcher(reader, threads) {
      @Override
      protected LeafSlice[] slices(List<LeafReaderContext> leaves) {
        return slices(leaves, docsPerSlice, SEGMENTS_PER_SLICE);
      }
    };
  }

  @Override
  public void close() {
    threads.shutdown();
  }
}
