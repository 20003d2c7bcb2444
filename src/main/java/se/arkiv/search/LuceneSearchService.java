package se.arkiv.search;

import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TopFieldDocs;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Service;
import se.arkiv.record.RecordId;

/**
 * The search port on the embedded Lucene index (the default engine): query, filters, sort, page or
 * cursor, facets, snippets.
 */
@Service
@ConditionalOnProperty(name = "arkiv.search.engine", havingValue = "lucene", matchIfMissing = true)
public class LuceneSearchService implements SearchService {

  private final LuceneIndex index;
  private final SearchSettings settings;

  private final IndexCatchUp catchUp;
  private final SearchQueries queries;

  private final SearchTimings timings;

  LuceneSearchService(
      LuceneIndex index,
      SearchSettings settings,
      IndexCatchUp catchUp,
      MeterRegistry meters,
      Clock clock) {
    this.timings = new SearchTimings(meters);
    this.queries = new SearchQueries(index.analyzer(), clock);
    this.index = index;
    this.settings = settings;
    this.catchUp = catchUp;
  }

  /** Checks that a query parses; {@link InvalidQuery} with the parser's message if not. */
  @Override
  public void validate(String q) {
    queries.validate(q);
  }

  /**
   * As {@link #matchingIds(String, java.util.Collection)}, inside a department scope (null: all),
   * applied in the index query as a search applies it: how an export selects what its requester may
   * see.
   */
  @Override
  public Set<String> matchingIds(String q, Collection<String> ids, Set<String> departmentScope) {
    Optional<Query> restricted = queries.matching(q, ids, departmentScope);
    if (restricted.isEmpty()) {
      return Set.of();
    }
    index.refreshNow();
    Set<String> found = new HashSet<>();
    MatchingIds.collect(index, restricted.get(), found);
    return found;
  }

  /**
   * Removes a destroyed record from the index; searches stop finding it at the next refresh, or at
   * once after {@link #refresh()} (a disposition batch calls it once for all its records).
   */
  @Override
  public void forget(RecordId id) {
    index.delete(id.value());
  }

  /** Makes every change to the index so far visible to searches now. */
  @Override
  public void refresh() {
    index.refreshNow();
  }

  /**
   * True once the index has been checked against the whole store since start-up. Until then a query
   * may miss records, so nothing that must not miss one (a legal hold) may rely on it.
   */
  @Override
  public boolean isCurrent() {
    return catchUp.caughtUp();
  }

  @Override
  public SearchResult search(SearchQuery request) {
    return timings.time(request, () -> run(request, null));
  }

  /** The search, among records filed after {@code after} only: what is new to a saved search. */
  @Override
  public SearchResult searchFiledAfter(SearchQuery request, Instant after) {
    long from = after.toEpochMilli() + 1;
    return timings.time(
        request,
        () -> run(request, LongPoint.newRangeQuery(IndexFields.FILED_AT, from, Long.MAX_VALUE)));
  }

  private SearchResult run(SearchQuery request, Query filter) {
    int size = SearchQueries.pageSize(request, settings);
    String sortName =
        request.sort() == null || request.sort().isBlank() ? "relevance" : request.sort();
    Sort sort = sort(sortName, request.ascending());
    Query text = queries.text(request);
    Query query = SearchQueries.unrestricted(queries.of(request, text), filter);
    boolean pageApart =
        HitCollection.pageApart(
            text, "relevance".equals(sortName), filter != null || SearchQueries.narrowed(request));
    FieldDoc after = null;
    if (request.cursor() != null) {
      after = Cursor.decode(request.cursor(), sortName);
      if (after.fields.length != sort.getSort().length) {
        throw new InvalidQuery("The cursor is not one this service made");
      }
    }
    IndexSearcher searcher = index.acquire();
    try {
      int wanted = after == null ? (request.page() + 1) * size : size;
      HitCollection.Collected collected =
          HitCollection.collect(
              searcher, index.facetOrdinals(), query, sort, wanted, after, pageApart);
      TopFieldDocs top = collected.top();
      // A page past the last hit is empty, not an error.
      int start = after == null ? Math.min(request.page() * size, top.scoreDocs.length) : 0;
      ScoreDoc[] page =
          Arrays.copyOfRange(top.scoreDocs, start, Math.min(start + size, top.scoreDocs.length));
      Document[] stored = StoredHits.read(searcher, page);
      List<List<String>> snippets = Snippets.of(searcher, index.analyzer(), query, page, stored);
      List<SearchHit> hits = new ArrayList<>();
      for (int i = 0; i < page.length; i++) {
        hits.add(hit(StoredHits.id(searcher, page[i].doc), stored[i], snippets.get(i)));
      }
      long total = top.totalHits.value;
      long seen = (after == null ? start : 0) + page.length;
      String nextCursor =
          page.length == size && hasMore(total, seen, after)
              ? Cursor.encode(sortName, page[page.length - 1])
              : null;
      return new SearchResult(total, hits, collected.facets(), nextCursor);
    } catch (IndexSearcher.TooManyClauses e) {
      throw new InvalidQuery("The query expands to too many terms; make wildcards more specific");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      index.release(searcher);
    }
  }

  /** With a cursor the total does not tell what is left, so assume more until a short page. */
  private static boolean hasMore(long total, long seen, FieldDoc after) {
    return after != null || seen < total;
  }

  private static Sort sort(String name, boolean ascending) {
    SortField byId = new SortField(IndexFields.ID, SortField.Type.STRING);
    return switch (name) {
      case "relevance" -> new Sort(SortField.FIELD_SCORE, byId);
      case "documentDate", "filedAt" -> {
        SortField date = new SortField(name, SortField.Type.LONG, !ascending);
        // Records without a document date go last whichever way the dates run.
        date.setMissingValue(ascending ? Long.MAX_VALUE : Long.MIN_VALUE);
        yield new Sort(date, byId);
      }
      default ->
          throw new InvalidQuery("sort: relevance, documentDate or filedAt, not '" + name + "'");
    };
  }

  private static SearchHit hit(String id, Document stored, List<String> snippets) {
    return new SearchHit(
        id,
        stored.get(IndexFields.TITLE),
        stored.get(IndexFields.RECORD_CLASS),
        stored.get(IndexFields.DEPARTMENT),
        stored.get(IndexFields.DOCUMENT_DATE),
        snippets);
  }
}
