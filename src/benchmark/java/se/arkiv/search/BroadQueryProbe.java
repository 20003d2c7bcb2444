package se.arkiv.search;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.lucene.document.Document;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.MultiCollectorManager;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.TopFieldCollectorManager;
import org.apache.lucene.search.TopFieldDocs;
import org.apache.lucene.search.TotalHitCountCollectorManager;
import se.arkiv.record.RecordMetadata;

/**
 * The ways a broad query's hits could be collected, compared over an index the service's own {@link
 * LuceneIndex} holds (kept in a folder between runs, since writing a million records takes
 * minutes). Test code only: run from {@code se.arkiv.benchmark.BroadQueryBenchmark}.
 */
public final class BroadQueryProbe implements AutoCloseable {

  /** One record to index: its current metadata and text. */
  public record Input(RecordMetadata metadata, String text) {}

  /** What one way found: the exact total, the page's length, how many facet values. */
  public record Found(long total, int hits, int facetValues) {}

  /** A way to collect a query's total, facets and first page. */
  public enum Way {
    /** As the service does now: one pass, every hit scored, counted and faceted. */
    ONE_PASS,
    /** The total and facets without scores, then the page with Lucene's skipping. */
    TWO_PASSES,
    /** The page alone, with skipping: what the page itself costs. */
    PAGE_ONLY,
    /** The total and facets alone, without scores. */
    COUNT_ONLY,
    /** The page with skipping, then its stored fields and snippets, as a search reads them. */
    PAGE_READ,
    /** The total alone, without scores or facets. */
    TOTAL_ONLY,
    /** As the service collects now ({@link HitCollection}): two passes where they pay. */
    SERVICE
  }

  private static final int FACET_VALUES = 20;
  private static final Set<String> CLERK_DEPARTMENTS = Set.of("ACCOUNTING", "PAYROLL");

  private final LuceneIndex index;

  public BroadQueryProbe(Path dir) throws IOException {
    this.index =
        new LuceneIndex(
            new SearchSettings(
                dir,
                Path.of("index"),
                Duration.ofHours(1),
                Duration.ofHours(1),
                100,
                10_000,
                Duration.ofHours(24),
                0));
  }

  public int documents() {
    index.refreshNow();
    return index.documentCount();
  }

  /** Indexes every input, on {@code threads} threads, and commits. */
  public void write(Iterator<Input> inputs, int threads) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    AtomicInteger done = new AtomicInteger();
    long started = System.nanoTime();
    try {
      List<Future<?>> running = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        running.add(
            pool.submit(
                () -> {
                  while (true) {
                    Input input;
                    synchronized (inputs) {
                      if (!inputs.hasNext()) {
                        return null;
                      }
                      input = inputs.next();
                    }
                    index.upsert(
                        input.metadata().id().value(),
                        RecordDocuments.of(input.metadata(), input.text()));
                    int n = done.incrementAndGet();
                    if (n % 50_000 == 0) {
                      System.out.printf(
                          "Indexed %,d (%.0f s)%n", n, (System.nanoTime() - started) / 1e9);
                    }
                  }
                }));
      }
      for (Future<?> f : running) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
    index.wholeAtClose(true);
    index.refreshNow();
  }

  public Found search(Way way, String q, String recordClass, boolean byDate, int size)
      throws IOException, ParseException {
    Query text =
        q == null
            ? new MatchAllDocsQuery()
            : new ArkivQueryParser(index.analyzer(), LocalDate.now()).parse(q);
    // A clerk of two departments with -Dbroad.clerk=true.
    boolean clerk = Boolean.getBoolean("broad.clerk");
    Query query = SearchBaseline.query(text, recordClass, clerk ? CLERK_DEPARTMENTS : null);
    Sort sort = SearchBaseline.sort(byDate);
    IndexSearcher searcher = index.acquire();
    try {
      switch (way) {
        case ONE_PASS -> {
          Object[] collected =
              searcher.search(
                  query,
                  new MultiCollectorManager(
                      new TopFieldCollectorManager(sort, size, null, Integer.MAX_VALUE),
                      new FacetCounting(index.facetOrdinals(), FACET_VALUES)));
          TopFieldDocs top = (TopFieldDocs) collected[0];
          return new Found(
              top.totalHits.value,
              top.scoreDocs.length,
              SearchBaseline.facetValues((Map<?, ?>) collected[1]));
        }
        case TWO_PASSES -> {
          Object[] counted = counted(searcher, query);
          TopFieldDocs top =
              searcher.search(query, new TopFieldCollectorManager(sort, size, null, size));
          return new Found(
              (Integer) counted[0],
              top.scoreDocs.length,
              SearchBaseline.facetValues((Map<?, ?>) counted[1]));
        }
        case PAGE_ONLY -> {
          TopFieldDocs top =
              searcher.search(query, new TopFieldCollectorManager(sort, size, null, size));
          return new Found(-1, top.scoreDocs.length, 0);
        }
        case COUNT_ONLY -> {
          Object[] counted = counted(searcher, query);
          return new Found(
              (Integer) counted[0], 0, SearchBaseline.facetValues((Map<?, ?>) counted[1]));
        }
        case PAGE_READ -> {
          TopFieldDocs top =
              searcher.search(query, new TopFieldCollectorManager(sort, size, null, size));
          Document[] stored = StoredHits.read(searcher, top.scoreDocs);
          List<List<String>> snippets =
              Snippets.of(searcher, index.analyzer(), query, top.scoreDocs, stored);
          return new Found(-1, snippets.size(), 0);
        }
        case TOTAL_ONLY -> {
          return new Found(searcher.search(query, new TotalHitCountCollectorManager()), 0, 0);
        }
        case SERVICE -> {
          HitCollection.Collected collected =
              HitCollection.collect(
                  searcher,
                  index.facetOrdinals(),
                  query,
                  sort,
                  size,
                  null,
                  HitCollection.pageApart(text, !byDate, recordClass != null || clerk));
          return new Found(
              collected.top().totalHits.value,
              collected.top().scoreDocs.length,
              SearchBaseline.facetValues(collected.facets()));
        }
        default -> throw new IllegalArgumentException(way.name());
      }
    } finally {
      index.release(searcher);
    }
  }

  /** The total and the facets, without scores. */
  private Object[] counted(IndexSearcher searcher, Query query) throws IOException {
    return searcher.search(
        query,
        new MultiCollectorManager(
            new TotalHitCountCollectorManager(),
            new FacetCounting(index.facetOrdinals(), FACET_VALUES)));
  }

  @Override
  public void close() throws IOException {
    index.destroy();
  }
}
