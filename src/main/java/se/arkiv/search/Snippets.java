package se.arkiv.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TotalHits;
import org.apache.lucene.search.uhighlight.DefaultPassageFormatter;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;

/**
 * Highlighted passages, from the offsets of the exact text field: the only text field that keeps
 * them. Stemmed matches are marked too, through the exact words {@link StemmedForms} finds for the
 * query's stems, so {@code bokföring} marks {@code Bokföringen} and a quoted phrase is marked
 * whole. The text itself is stored once, in {@code body}.
 */
final class Snippets {

  private static final String[] TEXT_FIELDS = {IndexFields.TEXT_EXACT};
  private static final int PASSAGES = 3;
  private static final int MAX_LENGTH = 200_000;

  private Snippets() {}

  /**
   * @param stored each hit's stored fields ({@link StoredHits}), for the text in {@code body}
   */
  static List<List<String>> of(
      IndexSearcher searcher, Analyzer analyzer, Query query, ScoreDoc[] hits, Document[] stored)
      throws IOException {
    List<List<String>> snippets = new ArrayList<>();
    if (hits.length == 0) {
      return snippets;
    }
    // The highlighter wants hits in doc id order; remember where each one came from.
    ScoreDoc[] byDoc = hits.clone();
    Arrays.sort(byDoc, (a, b) -> Integer.compare(a.doc, b.doc));
    TopDocs sorted = new TopDocs(new TotalHits(byDoc.length, TotalHits.Relation.EQUAL_TO), byDoc);
    Map<Integer, String> bodies = new HashMap<>();
    for (int i = 0; i < hits.length; i++) {
      bodies.put(hits[i].doc, stored[i].get(IndexFields.BODY));
    }
    Query marked = StemmedForms.toHighlight(searcher.getIndexReader(), analyzer, query);
    String[] highlighted =
        new BodyHighlighter(
                bodies,
                UnifiedHighlighter.builder(searcher, analyzer)
                    .withMaxLength(MAX_LENGTH)
                    .withMaxNoHighlightPassages(0)
                    .withFormatter(new DefaultPassageFormatter("<mark>", "</mark>", " … ", true)))
            .highlightFields(TEXT_FIELDS, marked, sorted, new int[] {PASSAGES})
            .get(IndexFields.TEXT_EXACT);
    for (ScoreDoc hit : hits) {
      int position = Arrays.binarySearch(byDoc, hit, (a, b) -> Integer.compare(a.doc, b.doc));
      String passage = highlighted[position];
      snippets.add(
          passage == null || passage.isBlank()
              ? List.of()
              : Arrays.stream(passage.split(" … ")).map(String::strip).toList());
    }
    return snippets;
  }

  /** Takes each hit's text from its stored {@code body}, read already with its other fields. */
  private static final class BodyHighlighter extends UnifiedHighlighter {

    private final Map<Integer, String> bodies;

    BodyHighlighter(Map<Integer, String> bodies, Builder builder) {
      super(builder);
      this.bodies = bodies;
    }

    /**
     * The field's info from the first segment that has it. Lucene's highlighter merges every
     * segment's field infos once per highlighter, so once per search: 5 % of a search's time at
     * 100,000 records (JFR). Every segment indexes a field with the same options (an index of
     * another schema is rebuilt), so the first one tells how to read the offsets.
     */
    @Override
    protected FieldInfo getFieldInfo(String field) {
      for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
        FieldInfo info = leaf.reader().getFieldInfos().fieldInfo(field);
        if (info != null) {
          return info;
        }
      }
      return null;
    }

    @Override
    protected List<CharSequence[]> loadFieldValues(
        String[] fields, DocIdSetIterator docIter, int cacheCharsThreshold) throws IOException {
      List<CharSequence[]> values = new ArrayList<>();
      for (int doc = docIter.nextDoc();
          doc != DocIdSetIterator.NO_MORE_DOCS;
          doc = docIter.nextDoc()) {
        String body = bodies.get(doc);
        CharSequence[] perField = new CharSequence[fields.length];
        Arrays.fill(perField, body == null ? "" : body);
        values.add(perField);
      }
      return values;
    }
  }
}
