package se.arkiv.search;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A search as the caller asks for it.
 *
 * @param q Lucene classic syntax, or blank for everything
 * @param filters keyword field to required value: recordClass, department, and the business keys;
 *     {@code maxOcrConfidence} finds records with an OCR'd page at or below that confidence; the
 *     keys found in the text ({@code personnummer}, {@code iban}, ...) in any written form
 * @param from first document date to include, or null
 * @param to last document date to include, or null
 * @param sort "relevance" (default), "documentDate" or "filedAt"
 * @param ascending sort order for dates (relevance is always best first)
 * @param page zero-based page; with a cursor it must be 0
 * @param cursor the {@code nextCursor} of the previous page, or null
 * @param departmentScope the departments the caller may see, or null for all: applied inside the
 *     index query, so totals, facets, snippets and cursors never count anything outside it
 * @param requester who asks, or null: on OpenSearch the searches of one requester go to the same
 *     copy of each shard (its {@code preference}), so that a result seen once does not vanish from
 *     the next page or the next search because another copy has not refreshed yet
 */
public record SearchQuery(
    String q,
    Map<String, String> filters,
    LocalDate from,
    LocalDate to,
    String sort,
    boolean ascending,
    int page,
    int size,
    String cursor,
    Set<String> departmentScope,
    String requester) {

  /** The keyword fields that filters may name. */
  public static final List<String> FILTERS =
      Stream.concat(
              Stream.of(
                  "recordClass",
                  "department",
                  "customerId",
                  "accountId",
                  "employeeId",
                  "counterparty",
                  "caseId",
                  "tag",
                  "year",
                  "mediaType",
                  "language",
                  "maxOcrConfidence"),
              IndexFields.FOUND_KEYS.stream())
          .toList();

  /** A search on behalf of no one in particular (a check that a query parses, a count). */
  public SearchQuery(
      String q,
      Map<String, String> filters,
      LocalDate from,
      LocalDate to,
      String sort,
      boolean ascending,
      int page,
      int size,
      String cursor,
      Set<String> departmentScope) {
    this(q, filters, from, to, sort, ascending, page, size, cursor, departmentScope, null);
  }

  public SearchQuery {
    filters = filters == null ? Map.of() : Map.copyOf(filters);
    departmentScope = departmentScope == null ? null : Set.copyOf(departmentScope);
  }
}
