package se.arkiv.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TotalHits;
import org.apache.lucene.search.uhighlight.DefaultPassageFormatter;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;

/**
 * Highlighted passages. The text is stored once (in {@code body}) but indexed three ways; this
 * highlighter reads {@code body} for each of the three text fields and takes the first field whose
 * terms matched, so a stemmed match and an exact phrase are both marked.
 */
final class Snippets {

  private static final String[] TEXT_FIELDS = {
    IndexFields.TEXT_EXACT, IndexFields.TEXT_SV, IndexFields.TEXT_EN
  };
  private static final int PASSAGES = 3;
  private static final int MAX_LENGTH = 200_000;

  private Snippets() {}

  static List<List<String>> of(
      IndexSearcher searcher, Analyzer analyzer, Query query, ScoreDoc[] hits) throws IOException {
    List<List<String>> snippets = new ArrayList<>();
    if (hits.length == 0) {
      return snippets;
    }
    // The highlighter wants hits in doc id order; remember where each one came from.
    ScoreDoc[] byDoc = hits.clone();
    Arrays.sort(byDoc, (a, b) -> Integer.compare(a.doc, b.doc));
    TopDocs sorted = new TopDocs(new TotalHits(byDoc.length, TotalHits.Relation.EQUAL_TO), byDoc);
    int[] passages = new int[TEXT_FIELDS.length];
    Arrays.fill(passages, PASSAGES);
    var highlighted =
        new BodyHighlighter(
                UnifiedHighlighter.builder(searcher, analyzer)
                    .withMaxLength(MAX_LENGTH)
                    .withMaxNoHighlightPassages(0)
                    .withFormatter(new DefaultPassageFormatter("<mark>", "</mark>", " … ", true)))
            .highlightFields(TEXT_FIELDS, query, sorted, passages);
    for (ScoreDoc hit : hits) {
      int position = Arrays.binarySearch(byDoc, hit, (a, b) -> Integer.compare(a.doc, b.doc));
      List<String> found = List.of();
      for (String field : TEXT_FIELDS) {
        String passage = highlighted.get(field)[position];
        if (passage != null && !passage.isBlank()) {
          found = Arrays.stream(passage.split(" … ")).map(String::strip).toList();
          break;
        }
      }
      snippets.add(found);
    }
    return snippets;
  }

  private static final class BodyHighlighter extends UnifiedHighlighter {

    BodyHighlighter(Builder builder) {
      super(builder);
    }

    @Override
    protected List<CharSequence[]> loadFieldValues(
        String[] fields, DocIdSetIterator docIter, int cacheCharsThreshold) throws IOException {
      List<CharSequence[]> values = new ArrayList<>();
      for (int doc = docIter.nextDoc();
          doc != DocIdSetIterator.NO_MORE_DOCS;
          doc = docIter.nextDoc()) {
        Document stored = searcher.storedFields().document(doc, java.util.Set.of(IndexFields.BODY));
        String body = stored.get(IndexFields.BODY);
        CharSequence[] perField = new CharSequence[fields.length];
        Arrays.fill(perField, body == null ? "" : body);
        values.add(perField);
      }
      return values;
    }
  }
}
