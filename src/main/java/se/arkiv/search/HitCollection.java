package se.arkiv.search;

import java.io.IOException;
import java.util.Map;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MultiCollectorManager;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopFieldCollectorManager;
import org.apache.lucene.search.TopFieldDocs;
import org.apache.lucene.search.TotalHitCountCollectorManager;
import org.apache.lucene.search.TotalHits;

/**
 * Collects a search's page of hits, its exact total and its facet counts. The total and the facets
 * need every hit but not its score; the page needs scores, but only of hits that can reach it. One
 * pass scores every hit to keep 20. When the text is one word or one phrase, sorted by relevance
 * and not filtered, two passes do less: the total and facets without scores, then the page with
 * Lucene's skipping of hits that cannot compete. At a million records this took a frequent word
 * from 18.6 to 6.7 ms. Where the text is several words or a prefix, or the search is filtered (a
 * clerk's department scope too), skipping finds the page slowly and the second pass cost more than
 * it saved (docs/benchmarks.md, broad queries at a million records).
 */
final class HitCollection {

  private static final int FACET_VALUES = 20;

  /** The page's hits, with the exact total, and each facet field's most frequent values. */
  record Collected(TopFieldDocs top, Map<String, Map<String, Long>> facets) {}

  private HitCollection() {}

  /**
   * @param wanted how many top hits to keep (a page number's pages before it included)
   * @param after the last hit of the page before, for a cursor; or null
   * @param pageApart whether to find the page in a pass of its own ({@link #pageApart})
   */
  static Collected collect(
      IndexSearcher searcher,
      FacetOrdinals ordinals,
      Query query,
      Sort sort,
      int wanted,
      FieldDoc after,
      boolean pageApart)
      throws IOException {
    var facetCounts = new FacetCounting(ordinals, FACET_VALUES);
    if (!pageApart) {
      var topDocs = new TopFieldCollectorManager(sort, wanted, after, Integer.MAX_VALUE);
      Object[] results = searcher.search(query, new MultiCollectorManager(topDocs, facetCounts));
      return new Collected((TopFieldDocs) results[0], facets(results[1]));
    }
    Object[] counted =
        searcher.search(
            query, new MultiCollectorManager(new TotalHitCountCollectorManager(), facetCounts));
    TopFieldDocs page =
        searcher.search(query, new TopFieldCollectorManager(sort, wanted, after, wanted));
    TotalHits total = new TotalHits((Integer) counted[0], TotalHits.Relation.EQUAL_TO);
    return new Collected(new TopFieldDocs(total, page.scoreDocs, page.fields), facets(counted[1]));
  }

  /**
   * Whether a search's page is best found in a pass of its own: sorted by relevance, with nothing
   * but its text to match, and that text one word (in any of its fields and forms) or one phrase.
   *
   * @param text the parsed text alone, before any filter is added to it
   */
  static boolean pageApart(Query text, boolean byRelevance, boolean filtered) {
    if (!byRelevance || filtered) {
      return false;
    }
    if (text instanceof BooleanQuery any) {
      return any.getMinimumNumberShouldMatch() == 0
          && any.clauses().stream()
              .allMatch(
                  clause ->
                      clause.getOccur() == BooleanClause.Occur.SHOULD
                          && oneTermOrPhrase(clause.getQuery()));
    }
    return oneTermOrPhrase(text);
  }

  private static boolean oneTermOrPhrase(Query query) {
    Query inner = query instanceof BoostQuery boosted ? boosted.getQuery() : query;
    return inner instanceof TermQuery || inner instanceof PhraseQuery;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Map<String, Long>> facets(Object counted) {
    return (Map<String, Map<String, Long>>) counted;
  }
}
