package se.arkiv.web;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import se.arkiv.search.SearchQuery;
import se.arkiv.search.SearchResult;
import se.arkiv.search.SearchService;

/** Full-text search with filters, facets, snippets, pages and cursors. */
@RestController
class SearchController {

  private final SearchService search;
  private final AuditRecorder audit;

  SearchController(SearchService search, AuditRecorder audit) {
    this.search = search;
    this.audit = audit;
  }

  @GetMapping("/api/search")
  SearchResult search(
      @RequestParam(required = false) String q,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
      @RequestParam(defaultValue = "relevance") String sort,
      @RequestParam(defaultValue = "desc") String order,
      @RequestParam(defaultValue = "0") int page,
      @RequestParam(defaultValue = "20") int size,
      @RequestParam(required = false) String cursor,
      @RequestParam Map<String, String> parameters) {
    Map<String, String> filters = new LinkedHashMap<>();
    for (String name : SearchQuery.FILTERS) {
      String value = parameters.get(name);
      if (value != null && !value.isBlank()) {
        filters.put(name, value);
      }
    }
    boolean ascending =
        switch (order) {
          case "asc" -> true;
          case "desc" -> false;
          default -> throw new se.arkiv.search.InvalidQuery("order: asc or desc");
        };
    SearchResult result =
        search.search(
            new SearchQuery(
                q,
                filters,
                from,
                to,
                sort,
                ascending,
                page,
                size,
                cursor,
                audit.actor().searchScope()));
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("q", q == null ? "" : q);
    details.put("filters", filters);
    if (from != null || to != null) {
      details.put("documentDate", from + ".." + to);
    }
    details.put("hits", result.total());
    audit.success("search", null, details);
    return result;
  }
}
