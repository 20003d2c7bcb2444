package se.arkiv.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.SortedSetDocValuesField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.facet.FacetResult;
import org.apache.lucene.facet.FacetsCollector;
import org.apache.lucene.facet.FacetsCollectorManager;
import org.apache.lucene.facet.LabelAndValue;
import org.apache.lucene.facet.StringDocValuesReaderState;
import org.apache.lucene.facet.StringValueFacetCounts;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.NoMergePolicy;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Facet counts taken while collecting are the counts Lucene's own facet module gives. */
class FacetCountingTest {

  private static final List<String> FIELDS = List.of("single", "several", "sometimes", "many");

  @TempDir Path folder;

  @Test
  void
      countsEveryValueOfEveryHitAsLuceneFacetCountsDoAcrossSegmentsAndSlicesAndKeepsNoClosedSegment()
          throws Exception {
    try (FSDirectory directory = FSDirectory.open(folder);
        SlicedSearchers slices = new SlicedSearchers(300)) {
      write(directory);
      FacetOrdinals ordinals = new FacetOrdinals(FIELDS);
      try (DirectoryReader reader = DirectoryReader.open(directory)) {
        IndexSearcher searcher = slices.newSearcher(reader, null);
        assertThat(reader.leaves()).hasSizeGreaterThan(3);
        assertThat(searcher.getSlices()).hasSizeGreaterThan(1);
        for (Query query :
            List.of(
                new MatchAllDocsQuery(),
                new TermQuery(new Term("body", "odd")),
                new TermQuery(new Term("body", "none")))) {
          Map<String, Map<String, Long>> counted =
              searcher.search(query, new FacetCounting(ordinals, 5));
          Map<String, Map<String, Long>> expected = lucenes(searcher, query, 5);
          assertThat(counted).containsOnlyKeys(FIELDS);
          for (String field : FIELDS) {
            assertThat(counted.get(field))
                .as(query + " " + field)
                .containsExactlyEntriesOf(expected.get(field));
          }
        }
        assertThat(ordinals.segments()).isEqualTo(reader.leaves().size());
      }
      // A closed segment lets its values go.
      assertThat(ordinals.segments()).isZero();
    }
  }

  @Test
  void keepsTheMostFrequentValuesAndOrdersTiesByName() throws Exception {
    try (FSDirectory directory = FSDirectory.open(folder);
        SlicedSearchers slices = new SlicedSearchers(300)) {
      try (IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig())) {
        for (String value : List.of("b", "a", "c", "c", "d", "d", "d")) {
          Document doc = new Document();
          doc.add(new SortedSetDocValuesField("single", new BytesRef(value)));
          writer.addDocument(doc);
        }
      }
      try (DirectoryReader reader = DirectoryReader.open(directory)) {
        Map<String, Map<String, Long>> counted =
            slices
                .newSearcher(reader, null)
                .search(
                    new MatchAllDocsQuery(),
                    new FacetCounting(new FacetOrdinals(List.of("single", "absent")), 3));
        Map<String, Long> expected = new LinkedHashMap<>();
        expected.put("d", 3L);
        expected.put("c", 2L);
        expected.put("a", 1L);
        assertThat(counted.get("single")).containsExactlyEntriesOf(expected);
        assertThat(counted.get("absent")).isEmpty();
      }
    }
  }

  private static void write(FSDirectory directory) throws IOException {
    Random random = new Random(7);
    IndexWriterConfig config = new IndexWriterConfig(new StandardAnalyzer());
    config.setMaxBufferedDocs(400);
    config.setMergePolicy(NoMergePolicy.INSTANCE);
    try (IndexWriter writer = new IndexWriter(directory, config)) {
      for (int i = 0; i < 2_000; i++) {
        Document doc = new Document();
        doc.add(new StringField("body", i % 2 == 1 ? "odd" : "even", Field.Store.NO));
        doc.add(new SortedSetDocValuesField("single", new BytesRef("s" + random.nextInt(30))));
        for (int v = random.nextInt(3); v > 0; v--) {
          doc.add(new SortedSetDocValuesField("several", new BytesRef("m" + random.nextInt(12))));
        }
        // More values in a segment than a byte holds.
        doc.add(new SortedSetDocValuesField("many", new BytesRef("v" + random.nextInt(1000))));
        // Only in the later segments: a field some segments do not have at all.
        if (i > 1_200 && random.nextBoolean()) {
          doc.add(new SortedSetDocValuesField("sometimes", new BytesRef("t" + random.nextInt(4))));
        }
        writer.addDocument(doc);
      }
    }
  }

  private static Map<String, Map<String, Long>> lucenes(
      IndexSearcher searcher, Query query, int values) throws IOException {
    FacetsCollector hits = searcher.search(query, new FacetsCollectorManager());
    Map<String, Map<String, Long>> facets = new LinkedHashMap<>();
    for (String field : FIELDS) {
      Map<String, Long> counts = new LinkedHashMap<>();
      FacetResult result =
          new StringValueFacetCounts(
                  new StringDocValuesReaderState(searcher.getIndexReader(), field), hits)
              .getTopChildren(values, field);
      if (result != null) {
        for (LabelAndValue value : result.labelValues) {
          counts.put(value.label, value.value.longValue());
        }
      }
      facets.put(field, counts);
    }
    return facets;
  }
}
