package se.arkiv.search;

import java.time.Instant;
import java.util.Collection;
import java.util.Set;
import se.arkiv.record.RecordId;

/**
 * The narrow search port the other modules use: one engine behind it, the embedded Lucene index
 * ({@link LuceneSearchService}, the default) or an OpenSearch cluster ({@link OpenSearchSearch},
 * {@code arkiv.search.engine=opensearch}). The query syntax ({@link ArkivQueryParser}) and its
 * {@link InvalidQuery} are the same on both.
 */
public interface SearchService {

  /** Checks that a query parses; {@link InvalidQuery} with the parser's message if not. */
  void validate(String q);

  /**
   * The ids among {@code ids} (or of the whole index when null) that match {@code q}: how legal
   * holds by query find what they cover.
   */
  default Set<String> matchingIds(String q, Collection<String> ids) {
    return matchingIds(q, ids, null);
  }

  /**
   * As {@link #matchingIds(String, Collection)}, inside a department scope (null: all), applied in
   * the index query as a search applies it: how an export selects what its requester may see.
   */
  Set<String> matchingIds(String q, Collection<String> ids, Set<String> departmentScope);

  /**
   * Removes a destroyed record from the index; searches stop finding it at the next refresh, or at
   * once after {@link #refresh()}.
   */
  void forget(RecordId id);

  /** Makes every change to the index so far visible to searches now. */
  void refresh();

  /**
   * True once the index has been checked against the whole store since start-up. Until then a query
   * may miss records, so nothing that must not miss one (a legal hold) may rely on it.
   */
  boolean isCurrent();

  SearchResult search(SearchQuery request);

  /** The search, among records filed after {@code after} only: what is new to a saved search. */
  SearchResult searchFiledAfter(SearchQuery request, Instant after);
}
