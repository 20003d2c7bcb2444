package se.arkiv.search;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.SortedSetDocValuesField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.facet.FacetsCollector;
import org.apache.lucene.facet.FacetsCollectorManager;
import org.apache.lucene.facet.StringDocValuesReaderState;
import org.apache.lucene.facet.StringValueFacetCounts;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.NoMergePolicy;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MultiCollectorManager;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopFieldCollectorManager;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;

/**
 * What counting the five facet fields costs beside the collection, one field after another and side
 * by side on the searcher's executor ({@link SlicedSearchers}), over a synthetic index with the
 * service's facet fields: a query's collection alone, then the same with each way of counting,
 * alternated so that both meet the same machine.
 *
 * <pre>./scripts/benchmark-facets [documents] [rounds]</pre>
 */
public final class FacetCountingBenchmark {

  private static final String BODY = "body";
  private static final int[] VALUES = {10, 8, 15, 5, 2};
  private static final int FACET_VALUES = 20;

  public static void main(String[] args) throws Exception {
    int documents = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 200;
    Path folder = Files.createTempDirectory("arkiv-facets-");
    try (FSDirectory directory = FSDirectory.open(folder);
        SlicedSearchers searchers = new SlicedSearchers(SlicedSearchers.DOCS_PER_SLICE)) {
      write(directory, documents);
      try (DirectoryReader reader = DirectoryReader.open(directory)) {
        IndexSearcher searcher = searchers.newSearcher(reader, null);
        System.out.printf(
            "%,d documents in %d segments, %d slices, %d cores%n",
            documents,
            reader.leaves().size(),
            searcher.getSlices().length,
            Runtime.getRuntime().availableProcessors());
        FacetStates states = new FacetStates();
        System.out.println(
            "| query | hits | top hits only, p50 ms | + StringValueFacetCounts one field after another"
                + " | + the same side by side | + FacetCounting while collecting |");
        System.out.println("| --- | ---: | ---: | ---: | ---: | ---: |");
        for (String term : List.of("frequent", "common", "rare")) {
          measure(searcher, states, new TermQuery(new Term(BODY, term)), rounds);
        }
      }
    } finally {
      try (var paths = Files.walk(folder)) {
        paths.sorted((a, b) -> b.compareTo(a)).forEach(p -> p.toFile().delete());
      }
    }
  }

  private static void write(FSDirectory directory, int documents) throws IOException {
    Random random = new Random(13);
    IndexWriterConfig config = new IndexWriterConfig(new StandardAnalyzer());
    // Eight segments of equal size, as a large index has several: the slices then run side by side.
    config.setMaxBufferedDocs(Math.max(2, documents / 8));
    config.setRAMBufferSizeMB(IndexWriterConfig.DISABLE_AUTO_FLUSH);
    config.setMergePolicy(NoMergePolicy.INSTANCE);
    try (IndexWriter writer = new IndexWriter(directory, config)) {
      for (int i = 0; i < documents; i++) {
        Document doc = new Document();
        double p = random.nextDouble();
        // 37 %, 13 % and 0.5 % of the documents: the hit counts of the broad query types at 1M.
        doc.add(new StringField(BODY, p < 0.37 ? "frequent" : "other", Field.Store.NO));
        if (p < 0.13) {
          doc.add(new StringField(BODY, "common", Field.Store.NO));
        }
        if (p < 0.005) {
          doc.add(new StringField(BODY, "rare", Field.Store.NO));
        }
        for (int f = 0; f < IndexFields.FACETS.size(); f++) {
          String value = "v" + random.nextInt(VALUES[f]);
          doc.add(new SortedSetDocValuesField(IndexFields.FACETS.get(f), new BytesRef(value)));
        }
        writer.addDocument(doc);
      }
      writer.commit();
    }
  }

  private static void measure(IndexSearcher searcher, FacetStates states, Query query, int rounds)
      throws Exception {
    int ways = 4;
    long[][] nanos = new long[ways][rounds];
    long hits = 0;
    TopFieldCollectorManager top =
        new TopFieldCollectorManager(new Sort(SortField.FIELD_SCORE), 20, null, Integer.MAX_VALUE);
    for (int warm = 0; warm < 2; warm++) {
      for (int r = 0; r < rounds; r++) {
        for (int way = 0; way < ways; way++) {
          int w = (way + r) % ways;
          long started = System.nanoTime();
          if (w == 0) {
            hits = searcher.search(query, top).totalHits.value;
          } else if (w == 3) {
            searcher.search(
                query,
                new MultiCollectorManager(
                    top, new FacetCounting(new FacetOrdinals(IndexFields.FACETS), FACET_VALUES)));
          } else {
            Object[] collected =
                searcher.search(
                    query, new MultiCollectorManager(top, new FacetsCollectorManager()));
            FacetsCollector facetHits = (FacetsCollector) collected[1];
            List<Callable<Integer>> counting = new ArrayList<>();
            for (String field : IndexFields.FACETS) {
              StringDocValuesReaderState state = states.get(searcher.getIndexReader(), field);
              counting.add(() -> count(state, facetHits, field));
            }
            if (w == 1) {
              for (Callable<Integer> field : counting) {
                field.call();
              }
            } else {
              searcher.getTaskExecutor().invokeAll(counting);
            }
          }
          nanos[w][r] = System.nanoTime() - started;
        }
      }
    }
    System.out.printf(
        "| %s | %,d | %.2f | %.2f | %.2f | %.2f |%n",
        ((TermQuery) query).getTerm().text(),
        hits,
        p50(nanos[0]),
        p50(nanos[1]),
        p50(nanos[2]),
        p50(nanos[3]));
  }

  private static int count(StringDocValuesReaderState state, FacetsCollector hits, String field)
      throws IOException {
    var result = new StringValueFacetCounts(state, hits).getTopChildren(FACET_VALUES, field);
    return result == null ? 0 : result.labelValues.length;
  }

  private static double p50(long[] nanos) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2] / 1e6;
  }
}
