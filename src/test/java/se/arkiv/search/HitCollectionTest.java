package se.arkiv.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.SortedSetDocValuesField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.NoMergePolicy;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TotalHits;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Finding the page in a pass of its own gives what one pass gives: the same exact total, the same
 * facets, the same hits in the same order, a cursor's next page too; and it is chosen only for the
 * searches where it pays.
 */
class HitCollectionTest {

  private static final String[] WORDS = {"avtal", "lön", "faktura", "konto", "bank", "kund"};
  private static final Sort BY_RELEVANCE =
      new Sort(SortField.FIELD_SCORE, new SortField(IndexFields.ID, SortField.Type.STRING));

  private static final FacetOrdinals ORDINALS = new FacetOrdinals(IndexFields.FACETS);

  @TempDir Path folder;

  @Test
  void thePageFoundApartIsThePageOnePassFindsWithTheSameTotalAndFacets() throws Exception {
    try (FSDirectory directory = FSDirectory.open(folder);
        SlicedSearchers slices = new SlicedSearchers(400)) {
      write(directory);
      try (DirectoryReader reader = DirectoryReader.open(directory)) {
        IndexSearcher searcher = slices.newSearcher(reader, null);
        assertThat(searcher.getSlices()).hasSizeGreaterThan(1);
        for (Query query :
            List.of(
                new TermQuery(new Term("body", "avtal")),
                anyOf(
                    new BoostQuery(new TermQuery(new Term("title", "lön")), 2f),
                    new TermQuery(new Term("body", "lön"))),
                new PhraseQuery("body", "faktura", "konto"))) {
          HitCollection.Collected once =
              HitCollection.collect(searcher, ORDINALS, query, BY_RELEVANCE, 20, null, false);
          HitCollection.Collected apart =
              HitCollection.collect(searcher, ORDINALS, query, BY_RELEVANCE, 20, null, true);
          assertThat(apart.top().totalHits).as(query.toString()).isEqualTo(once.top().totalHits);
          assertThat(apart.top().totalHits.relation).isEqualTo(TotalHits.Relation.EQUAL_TO);
          assertThat(once.top().totalHits.value).as(query.toString()).isGreaterThan(100);
          assertThat(apart.facets()).isEqualTo(once.facets());
          assertThat(ids(searcher, apart.top().scoreDocs))
              .as(query.toString())
              .hasSize(20)
              .containsExactlyElementsOf(ids(searcher, once.top().scoreDocs));

          FieldDoc last = (FieldDoc) once.top().scoreDocs[19];
          assertThat(
                  ids(
                      searcher,
                      HitCollection.collect(searcher, ORDINALS, query, BY_RELEVANCE, 20, last, true)
                          .top()
                          .scoreDocs))
              .as("the next page of " + query)
              .containsExactlyElementsOf(
                  ids(
                      searcher,
                      HitCollection.collect(
                              searcher, ORDINALS, query, BY_RELEVANCE, 20, last, false)
                          .top()
                          .scoreDocs));
        }
      }
    }
  }

  @Test
  void findsThePageApartOnlyForOneWordOrOnePhraseByRelevanceWithoutFilters() throws Exception {
    Analyzer analyzer = Analyzers.perField(Path.of("index"));
    ArkivQueryParser parser = new ArkivQueryParser(analyzer, LocalDate.of(2026, 12, 7));

    assertThat(HitCollection.pageApart(parser.parse("avtal"), true, false)).isTrue();
    assertThat(HitCollection.pageApart(parser.parse("\"lön för december\""), true, false)).isTrue();
    assertThat(HitCollection.pageApart(parser.parse("title:avtal"), true, false)).isTrue();

    assertThat(HitCollection.pageApart(parser.parse("avtal lön"), true, false)).isFalse();
    assertThat(HitCollection.pageApart(parser.parse("avt*"), true, false)).isFalse();
    assertThat(HitCollection.pageApart(parser.parse("avtal"), false, false)).isFalse();
    assertThat(HitCollection.pageApart(parser.parse("avtal"), true, true)).isFalse();
  }

  private static Query anyOf(Query... alternatives) {
    BooleanQuery.Builder any = new BooleanQuery.Builder();
    for (Query alternative : alternatives) {
      any.add(alternative, BooleanClause.Occur.SHOULD);
    }
    return any.build();
  }

  private static List<String> ids(IndexSearcher searcher, ScoreDoc[] hits) throws Exception {
    List<String> ids = new ArrayList<>();
    for (ScoreDoc hit : hits) {
      ids.add(StoredHits.id(searcher, hit.doc));
    }
    return ids;
  }

  /**
   * Texts of many lengths and word counts, so that scores spread, and repeated texts, so that some
   * hits tie and the id decides; in several segments.
   */
  private static void write(FSDirectory directory) throws Exception {
    Random random = new Random(42);
    IndexWriterConfig config =
        new IndexWriterConfig().setMergePolicy(NoMergePolicy.INSTANCE).setMaxBufferedDocs(300);
    try (IndexWriter writer = new IndexWriter(directory, config)) {
      String repeated = "avtal lön faktura konto";
      for (int i = 0; i < 2_000; i++) {
        StringBuilder text = new StringBuilder();
        if (i % 7 == 0) {
          text.append(repeated);
        } else {
          for (int w = 0, n = 3 + random.nextInt(40); w < n; w++) {
            text.append(WORDS[random.nextInt(WORDS.length)]).append(' ');
          }
        }
        String id = String.format("r%05d", (i * 7919) % 2_000);
        Document doc = new Document();
        doc.add(new StringField(IndexFields.ID, id, Field.Store.NO));
        doc.add(new SortedDocValuesField(IndexFields.ID, new BytesRef(id)));
        doc.add(new TextField("body", text.toString(), Field.Store.NO));
        doc.add(new TextField("title", WORDS[i % WORDS.length], Field.Store.NO));
        doc.add(
            new SortedSetDocValuesField(
                IndexFields.DEPARTMENT, new BytesRef("D" + random.nextInt(4))));
        doc.add(
            new SortedSetDocValuesField(
                IndexFields.RECORD_CLASS, new BytesRef("C" + random.nextInt(9))));
        writer.addDocument(doc);
      }
    }
  }
}
