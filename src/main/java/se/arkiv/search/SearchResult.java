package se.arkiv.search;

import java.util.List;
import java.util.Map;

/**
 * A page of results.
 *
 * @param total every record that matches, not just this page
 * @param facets per facet field, value to count over all matching records, largest first
 * @param nextCursor pass as {@code cursor} to get the next page; null on the last page
 */
public record SearchResult(
    long total, List<SearchHit> hits, Map<String, Map<String, Long>> facets, String nextCursor) {}
