package se.arkiv.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.facet.FacetResult;
import org.apache.lucene.facet.FacetsCollector;
import org.apache.lucene.facet.FacetsCollectorManager;
import org.apache.lucene.facet.LabelAndValue;
import org.apache.lucene.facet.StringDocValuesReaderState;
import org.apache.lucene.facet.StringValueFacetCounts;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.Term;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.MultiCollectorManager;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopFieldCollectorManager;
import org.apache.lucene.search.TopFieldDocs;
import org.springframework.stereotype.Service;

/** Runs searches against the index: query, filters, sort, page or cursor, facets, snippets. */
@Service
public class SearchService {

  private static final int FACET_VALUES = 20;

  private final LuceneIndex index;
  private final SearchSettings settings;
  private final FacetStates facetStates = new FacetStates();

  SearchService(LuceneIndex index, SearchSettings settings) {
    this.index = index;
    this.settings = settings;
  }

  public SearchResult search(SearchQuery request) {
    int size = request.size() <= 0 ? 20 : request.size();
    if (size > settings.maxPageSize()) {
      throw new InvalidQuery("size: at most " + settings.maxPageSize());
    }
    if (request.page() < 0) {
      throw new InvalidQuery("page: 0 or more");
    }
    if (request.cursor() != null && request.page() != 0) {
      throw new InvalidQuery("Give either a page or a cursor, not both");
    }
    long window = (long) (request.page() + 1) * size;
    if (window > settings.maxWindow()) {
      throw new InvalidQuery(
          "page * size may reach "
              + settings.maxWindow()
              + " at most; use nextCursor to go deeper");
    }
    String sortName =
        request.sort() == null || request.sort().isBlank() ? "relevance" : request.sort();
    Sort sort = sort(sortName, request.ascending());
    Query query = query(request);
    FieldDoc after = null;
    if (request.cursor() != null) {
      after = Cursor.decode(request.cursor(), sortName);
      if (after.fields.length != sort.getSort().length) {
        throw new InvalidQuery("The cursor is not one this service made");
      }
    }
    IndexSearcher searcher = index.acquire();
    try {
      int wanted = after == null ? (int) window : size;
      var topDocs = new TopFieldCollectorManager(sort, wanted, after, Integer.MAX_VALUE);
      var facetsCollector = new FacetsCollectorManager();
      Object[] results =
          searcher.search(query, new MultiCollectorManager(topDocs, facetsCollector));
      TopFieldDocs top = (TopFieldDocs) results[0];
      FacetsCollector facetHits = (FacetsCollector) results[1];
      int start = after == null ? request.page() * size : 0;
      ScoreDoc[] page = new ScoreDoc[Math.max(0, Math.min(size, top.scoreDocs.length - start))];
      System.arraycopy(top.scoreDocs, start, page, 0, page.length);
      List<List<String>> snippets = Snippets.of(searcher, index.analyzer(), query, page);
      List<SearchHit> hits = new ArrayList<>();
      for (int i = 0; i < page.length; i++) {
        hits.add(hit(searcher, page[i].doc, snippets.get(i)));
      }
      long total = top.totalHits.value;
      long seen = (after == null ? start : 0) + page.length;
      String nextCursor =
          page.length == size && hasMore(total, seen, after)
              ? Cursor.encode(sortName, page[page.length - 1])
              : null;
      return new SearchResult(total, hits, facets(searcher, facetHits), nextCursor);
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

  private Query query(SearchQuery request) {
    BooleanQuery.Builder all = new BooleanQuery.Builder();
    if (request.q() == null || request.q().isBlank()) {
      all.add(new MatchAllDocsQuery(), BooleanClause.Occur.MUST);
    } else {
      try {
        Query parsed = new ArkivQueryParser(index.analyzer()).parse(request.q());
        all.add(parsed, BooleanClause.Occur.MUST);
      } catch (ParseException e) {
        throw new InvalidQuery("Cannot parse the query: " + firstLine(e.getMessage()));
      } catch (IndexSearcher.TooManyClauses e) {
        throw new InvalidQuery("The query has too many clauses");
      }
    }
    for (Map.Entry<String, String> filter : request.filters().entrySet()) {
      if (!SearchQuery.FILTERS.contains(filter.getKey())) {
        throw new InvalidQuery(
            "Unknown filter '" + filter.getKey() + "'; filters are " + SearchQuery.FILTERS);
      }
      all.add(
          new TermQuery(new Term(filter.getKey(), filter.getValue())), BooleanClause.Occur.FILTER);
    }
    if (request.from() != null || request.to() != null) {
      if (request.from() != null && request.to() != null && request.from().isAfter(request.to())) {
        throw new InvalidQuery("from is after to");
      }
      long from = request.from() == null ? Long.MIN_VALUE : request.from().toEpochDay();
      long to = request.to() == null ? Long.MAX_VALUE : request.to().toEpochDay();
      all.add(
          LongPoint.newRangeQuery(IndexFields.DOCUMENT_DATE, from, to), BooleanClause.Occur.FILTER);
    }
    return all.build();
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

  private static SearchHit hit(IndexSearcher searcher, int doc, List<String> snippets)
      throws IOException {
    Document stored =
        searcher
            .storedFields()
            .document(
                doc,
                Set.of(
                    IndexFields.ID,
                    IndexFields.TITLE,
                    IndexFields.RECORD_CLASS,
                    IndexFields.DEPARTMENT,
                    IndexFields.DOCUMENT_DATE));
    return new SearchHit(
        stored.get(IndexFields.ID),
        stored.get(IndexFields.TITLE),
        stored.get(IndexFields.RECORD_CLASS),
        stored.get(IndexFields.DEPARTMENT),
        stored.get(IndexFields.DOCUMENT_DATE),
        snippets);
  }

  private Map<String, Map<String, Long>> facets(IndexSearcher searcher, FacetsCollector hits)
      throws IOException {
    Map<String, Map<String, Long>> facets = new LinkedHashMap<>();
    IndexReader reader = searcher.getIndexReader();
    for (String field : IndexFields.FACETS) {
      Map<String, Long> counts = new LinkedHashMap<>();
      StringDocValuesReaderState state = facetStates.get(reader, field);
      if (state != null) {
        FacetResult result =
            new StringValueFacetCounts(state, hits).getTopChildren(FACET_VALUES, field);
        if (result != null) {
          for (LabelAndValue value : result.labelValues) {
            counts.put(value.label, value.value.longValue());
          }
        }
      }
      facets.put(field, counts);
    }
    return facets;
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "syntax error";
    }
    int end = message.indexOf('\n');
    return end < 0 ? message : message.substring(0, end);
  }
}
