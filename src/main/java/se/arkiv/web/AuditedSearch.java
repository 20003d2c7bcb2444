package se.arkiv.web;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;
import se.arkiv.search.SearchQuery;
import se.arkiv.search.SearchResult;
import se.arkiv.search.SearchService;

/**
 * A search by the current user, inside their department scope and on the audit trail: the one path
 * of the API, the UI's result list, its counts and its CSV export.
 */
@Component
class AuditedSearch {

  private final SearchService search;
  private final AuditRecorder audit;

  AuditedSearch(SearchService search, AuditRecorder audit) {
    this.search = search;
    this.audit = audit;
  }

  /** The query as given, scoped to what the current user may see. */
  SearchResult run(SearchForm form) {
    SearchQuery query = form.query(audit.actor().searchScope(), audit.actor().username());
    SearchResult result = search.search(query);
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("q", form.q() == null ? "" : form.q());
    details.put("filters", form.filters());
    if (form.from() != null || form.to() != null) {
      details.put("documentDate", form.from() + ".." + form.to());
    }
    details.put("hits", result.total());
    audit.success("search", null, details);
    return result;
  }

  /** The departments the caller may search, or null for all. */
  Set<String> scopeOfCaller() {
    return audit.actor().searchScope();
  }
}
