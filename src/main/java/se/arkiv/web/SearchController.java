package se.arkiv.web;

import java.time.LocalDate;
import java.util.Map;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import se.arkiv.search.SearchResult;

/** Full-text search with filters, facets, snippets, pages and cursors. */
@RestController
class SearchController {

  private final AuditedSearch search;

  SearchController(AuditedSearch search) {
    this.search = search;
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
    return search.run(
        new SearchForm(
            q,
            SearchForm.filtersOf(parameters),
            from,
            to,
            sort,
            SearchForm.ascending(order),
            page,
            size,
            cursor));
  }
}
