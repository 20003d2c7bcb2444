package se.arkiv.search;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.IntPoint;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.Term;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BytesRef;
import se.arkiv.record.EntityKind;
import se.arkiv.record.RetentionStart;

/**
 * Turns a search as the caller asks for it into one Lucene query: the parsed text, the filters, the
 * department scope and the date range, every part but the text as a non-scoring filter.
 */
final class SearchQueries {

  /** Far more than anyone types; far less than overflows the parser. */
  static final int MAX_NESTING = 100;

  private final Analyzer analyzer;
  private final Clock clock;

  SearchQueries(Analyzer analyzer, Clock clock) {
    this.analyzer = analyzer;
    this.clock = clock;
  }

  Query of(SearchQuery request) {
    return of(request, text(request));
  }

  /** As {@link #of(SearchQuery)}, around its {@link #text} parsed already. */
  Query of(SearchQuery request, Query text) {
    BooleanQuery.Builder all = new BooleanQuery.Builder();
    all.add(text, BooleanClause.Occur.MUST);
    for (Map.Entry<String, String> filter : request.filters().entrySet()) {
      if (!SearchQuery.FILTERS.contains(filter.getKey())) {
        throw new InvalidQuery(
            "Unknown filter '" + filter.getKey() + "'; filters are " + SearchQuery.FILTERS);
      }
      if (filter.getKey().equals("maxOcrConfidence")) {
        int most;
        try {
          most = Integer.parseInt(filter.getValue().strip());
        } catch (NumberFormatException e) {
          throw new InvalidQuery("maxOcrConfidence: a whole number from 0 to 100");
        }
        all.add(
            IntPoint.newRangeQuery(IndexFields.OCR_CONFIDENCE, 0, most),
            BooleanClause.Occur.FILTER);
        continue;
      }
      all.add(keywordFilter(filter.getKey(), filter.getValue()), BooleanClause.Occur.FILTER);
    }
    if (request.departmentScope() != null) {
      // Records without a department belong to no clerk's scope.
      all.add(
          new TermInSetQuery(
              IndexFields.DEPARTMENT,
              request.departmentScope().stream().map(BytesRef::new).toList()),
          BooleanClause.Occur.FILTER);
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

  /**
   * The parsed text of a search alone, without its filters; every record when it has none, or is a
   * lone {@code *} (what many type for "everything"; Lucene's parser refuses a leading wildcard).
   */
  Query text(SearchQuery request) {
    if (request.q() == null || request.q().isBlank() || request.q().strip().equals("*")) {
      return new MatchAllDocsQuery();
    }
    if (nesting(request.q()) > MAX_NESTING) {
      throw new InvalidQuery("The query nests parentheses deeper than " + MAX_NESTING);
    }
    try {
      return new ArkivQueryParser(analyzer, today()).parse(request.q());
    } catch (ParseException e) {
      throw new InvalidQuery("Cannot parse the query: " + firstLine(e.getMessage()));
    } catch (IndexSearcher.TooManyClauses e) {
      throw new InvalidQuery("The query has too many clauses");
    }
  }

  /**
   * How deep the parentheses of a query nest, outside quotes and escapes. Lucene's parser descends
   * once per level, and a few thousand levels overflow the request thread's stack.
   */
  static int nesting(String q) {
    int depth = 0;
    int deepest = 0;
    boolean quoted = false;
    for (int i = 0; i < q.length(); i++) {
      char c = q.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == '"') {
        quoted = !quoted;
      } else if (!quoted && c == '(') {
        deepest = Math.max(deepest, ++depth);
      } else if (!quoted && c == ')') {
        depth--;
      }
    }
    return deepest;
  }

  /** Whether anything but the text narrows a search: a filter, a department scope, dates. */
  static boolean narrowed(SearchQuery request) {
    return !request.filters().isEmpty()
        || request.departmentScope() != null
        || request.from() != null
        || request.to() != null;
  }

  /** Checks that {@code q} parses; {@link InvalidQuery} with the parser's message if not. */
  void validate(String q) {
    of(new SearchQuery(q, Map.of(), null, null, null, false, 0, 1, null, null));
  }

  /**
   * The query of {@link SearchService#matchingIds}: {@code q} inside the department scope (null:
   * all), among {@code ids} when they are given; empty when {@code ids} is given and empty.
   */
  Optional<Query> matching(String q, Collection<String> ids, Set<String> departmentScope) {
    BooleanQuery.Builder restricted = new BooleanQuery.Builder();
    restricted.add(
        of(new SearchQuery(q, Map.of(), null, null, null, false, 0, 1, null, departmentScope)),
        BooleanClause.Occur.MUST);
    if (ids != null) {
      if (ids.isEmpty()) {
        return Optional.empty();
      }
      restricted.add(
          new TermInSetQuery(IndexFields.ID, ids.stream().map(BytesRef::new).toList()),
          BooleanClause.Occur.FILTER);
    }
    return Optional.of(restricted.build());
  }

  /**
   * What a person may search: the query without restricted records (which only holds, disposition
   * and a data subject's own requests still find), inside the filter when there is one.
   */
  static Query unrestricted(Query query, Query filter) {
    BooleanQuery.Builder visible =
        new BooleanQuery.Builder()
            .add(query, BooleanClause.Occur.MUST)
            .add(
                new TermQuery(new Term(IndexFields.RESTRICTED, "true")),
                BooleanClause.Occur.MUST_NOT);
    if (filter != null) {
      visible.add(filter, BooleanClause.Occur.FILTER);
    }
    return visible.build();
  }

  /** A key found in the text is filtered by its normalised form, as the query parser does. */
  private Query keywordFilter(String field, String value) {
    EntityKind kind = EntityKind.byFieldName(field);
    return new TermQuery(new Term(field, kind == null ? value : kind.normalise(value, today())));
  }

  /** The day a ten-digit personal number is read on, in Stockholm as the law counts days. */
  private LocalDate today() {
    return LocalDate.ofInstant(clock.instant(), RetentionStart.LEGAL_ZONE);
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "syntax error";
    }
    int end = message.indexOf('\n');
    return end < 0 ? message : message.substring(0, end);
  }

  /**
   * The page size a request asks for (20 when it names none), after the paging rules both engines
   * share: a page or a cursor, and never deeper than the window; {@link InvalidQuery} otherwise.
   */
  static int pageSize(SearchQuery request, SearchSettings settings) {
    if (request.size() < 0) {
      throw new InvalidQuery("size: 1 to " + settings.maxPageSize() + ", or none for 20");
    }
    int size = request.size() == 0 ? 20 : request.size();
    if (size > settings.maxPageSize()) {
      throw new InvalidQuery("size: at most " + settings.maxPageSize());
    }
    if (request.page() < 0) {
      throw new InvalidQuery("page: 0 or more");
    }
    if (request.cursor() != null && request.page() != 0) {
      throw new InvalidQuery("Give either a page or a cursor, not both");
    }
    long window = ((long) request.page() + 1) * size;
    if (window > settings.maxWindow()) {
      throw new InvalidQuery(
          "(page + 1) * size, the last hit a page reaches, may be "
              + settings.maxWindow()
              + " at most; use nextCursor to go deeper");
    }
    return size;
  }
}
