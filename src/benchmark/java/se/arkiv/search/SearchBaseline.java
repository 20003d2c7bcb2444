package se.arkiv.search;

import java.io.IOException;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.Term;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopFieldDocs;
import org.apache.lucene.util.BytesRef;
import org.springframework.context.ApplicationContext;

/**
 * The search benchmark's fair baseline: what {@code GET /api/search} has to do, done in process
 * with plain Lucene over the running service's own index, so that the API's time divided by this
 * one is Arkiv's own overhead (HTTP, authentication, the audit entry, JSON, Spring). The same query
 * parser and fields ({@link ArkivQueryParser}), the same filter and department scope inside the
 * query, the same sort with the id as tie-breaker, an exact total, the same facet counts collected
 * the same way ({@link HitCollection}), and 20 hits with their stored fields ({@link StoredHits})
 * and the same {@link Snippets}. Test code only: it costs production nothing.
 */
public final class SearchBaseline {

  /** What one search found, enough to check it against the API's answer. */
  public record Result(long total, int hits, int hitsWithSnippets, int facetValues) {}

  private final LuceneIndex index;

  private SearchBaseline(LuceneIndex index) {
    this.index = index;
  }

  /** Over the index of the service running in {@code context}. */
  public static SearchBaseline of(ApplicationContext context) {
    return new SearchBaseline(context.getBean(LuceneIndex.class));
  }

  /**
   * @param q the query in the API's syntax, or null for every record
   * @param recordClass the {@code recordClass} filter, or null
   * @param departments a clerk's scope, or null for none
   * @param oneThread on one thread, as the service searched before it searched slices side by side
   */
  public Result search(
      String q,
      String recordClass,
      boolean byDate,
      int size,
      Set<String> departments,
      boolean oneThread)
      throws IOException, ParseException {
    Query text =
        q == null
            ? new MatchAllDocsQuery()
            : new ArkivQueryParser(index.analyzer(), LocalDate.now()).parse(q);
    Query query = query(text, recordClass, departments);
    boolean pageApart =
        HitCollection.pageApart(text, !byDate, recordClass != null || departments != null);
    IndexSearcher acquired = index.acquire();
    IndexSearcher searcher = oneThread ? new IndexSearcher(acquired.getIndexReader()) : acquired;
    try {
      HitCollection.Collected collected =
          HitCollection.collect(
              searcher, index.facetOrdinals(), query, sort(byDate), size, null, pageApart);
      TopFieldDocs top = collected.top();
      ScoreDoc[] page = top.scoreDocs;
      Document[] stored = StoredHits.read(searcher, page);
      List<List<String>> snippets = Snippets.of(searcher, index.analyzer(), query, page, stored);
      int withSnippets = 0;
      for (int i = 0; i < page.length; i++) {
        if (StoredHits.id(searcher, page[i].doc) == null) {
          throw new IllegalStateException("A hit without an id: " + page[i].doc);
        }
        withSnippets += snippets.get(i).isEmpty() ? 0 : 1;
      }
      return new Result(
          top.totalHits.value, page.length, withSnippets, facetValues(collected.facets()));
    } finally {
      index.release(acquired);
    }
  }

  /** The text with the record class filter and the department scope (each may be null). */
  static Query query(Query text, String recordClass, Set<String> departments) {
    BooleanQuery.Builder all = new BooleanQuery.Builder();
    all.add(text, BooleanClause.Occur.MUST);
    if (recordClass != null) {
      all.add(
          new TermQuery(new Term(IndexFields.RECORD_CLASS, recordClass)),
          BooleanClause.Occur.FILTER);
    }
    if (departments != null) {
      all.add(
          new TermInSetQuery(
              IndexFields.DEPARTMENT, departments.stream().map(BytesRef::new).toList()),
          BooleanClause.Occur.FILTER);
    }
    return all.build();
  }

  /** By relevance or by document date, newest first; the id breaks ties. */
  static Sort sort(boolean byDate) {
    SortField byId = new SortField(IndexFields.ID, SortField.Type.STRING);
    if (!byDate) {
      return new Sort(SortField.FIELD_SCORE, byId);
    }
    SortField date = new SortField(IndexFields.DOCUMENT_DATE, SortField.Type.LONG, true);
    date.setMissingValue(Long.MIN_VALUE);
    return new Sort(date, byId);
  }

  /** How many values the facets hold, over all fields. */
  static int facetValues(Map<?, ?> facets) {
    return facets.values().stream().mapToInt(counts -> ((Map<?, ?>) counts).size()).sum();
  }
}
