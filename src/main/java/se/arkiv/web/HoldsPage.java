package se.arkiv.web;

import java.security.Principal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import se.arkiv.retention.LegalHold;
import se.arkiv.retention.LegalHolds;
import se.arkiv.retention.RetentionProblem;
import se.arkiv.search.InvalidQuery;
import se.arkiv.search.SearchHit;
import se.arkiv.search.SearchResult;
import se.arkiv.search.SearchService;

/**
 * Legal holds: placed on a selection of hits, on all hits of a search, or by a query typed here
 * (with a live count of what it covers); listed, shown and released with a reason. Placing and
 * releasing go through the API's controller, so the rules and the audit entries are the same.
 */
@UiPage
class HoldsPage {

  /** Records a hold on "all matching" lists by id when the search cannot become a hold query. */
  static final int LISTED_LIMIT = 10_000;

  /** Record ids shown on a hold's page; the rest are a search away. */
  static final int IDS_SHOWN = 50;

  private final LegalHolds holds;
  private final HoldsController api;
  private final AuditedSearch search;
  private final SearchService index;

  HoldsPage(LegalHolds holds, HoldsController api, AuditedSearch search, SearchService index) {
    this.holds = holds;
    this.api = api;
    this.search = search;
    this.index = index;
  }

  /** What a new hold will cover: the selected ids, or a search as a query (or as its ids). */
  record Coverage(String scope, List<String> recordIds, String query, long count, boolean listed) {}

  @GetMapping("/holds")
  String list(Model model) {
    List<LegalHold> all = new ArrayList<>(holds.all());
    // Active first, then the newest: ids are time-ordered.
    all.sort(
        Comparator.comparing((LegalHold h) -> !h.active())
            .thenComparing(LegalHold::id, Comparator.reverseOrder()));
    model.addAttribute("holds", all);
    return "holds";
  }

  /** The live count of the "place by query" form: what the typed query covers now. */
  @GetMapping("/holds/count")
  String count(@RequestParam(defaultValue = "") String q, Model model) {
    if (!q.isBlank()) {
      try {
        model.addAttribute("count", index.matchingIds(q, null).size());
      } catch (InvalidQuery e) {
        model.addAttribute("invalid", e.getMessage());
      }
    }
    return "fragments/holds :: count";
  }

  /** The confirmation: how many records the hold will cover, and the hold's name and reason. */
  @GetMapping("/holds/new")
  String confirm(@RequestParam MultiValueMap<String, String> parameters, Model model) {
    Coverage coverage = coverage(parameters);
    model.addAttribute("coverage", coverage);
    Map<String, String> search = new LinkedHashMap<>(parameters.toSingleValueMap());
    // The search page's selection form carries its words as "query", for the way back.
    if (!search.containsKey("q") && search.containsKey("query")) {
      search.put("q", search.get("query"));
    }
    model.addAttribute("search", SearchForm.of(search, 1));
    return "hold-new";
  }

  @PostMapping("/holds")
  String place(
      @RequestParam MultiValueMap<String, String> parameters,
      @RequestParam(defaultValue = "") String name,
      @RequestParam(defaultValue = "") String reason,
      @RequestParam(defaultValue = "") String caseReference,
      Principal user) {
    Coverage coverage = coverage(parameters);
    var placed =
        api.placeHold(
            new HoldsController.HoldRequest(
                name,
                reason,
                caseReference.isBlank() ? null : caseReference.strip(),
                coverage.query(),
                coverage.recordIds()),
            user);
    return "redirect:/holds/" + placed.getBody().hold().id() + "?placed";
  }

  @GetMapping("/holds/{id}")
  String hold(@PathVariable String id, Model model) {
    LegalHold hold = holds.find(id);
    Set<String> covered = holds.coveredBy(id);
    model.addAttribute("hold", hold);
    model.addAttribute("covered", covered.size());
    model.addAttribute("ids", hold.recordIds().stream().limit(IDS_SHOWN).toList());
    return "hold";
  }

  @PostMapping("/holds/{id}/release")
  String release(
      @PathVariable String id, @RequestParam(defaultValue = "") String reason, Principal user) {
    api.release(id, new ReasonRequest(reason), user);
    return "redirect:/holds/" + id + "?released";
  }

  /**
   * What the parameters ask a hold to cover. {@code scope=selected}: the checked ids. {@code
   * scope=query}: the typed query. {@code scope=all}: the search, as one Lucene query (its words
   * and its keyword filters as clauses), so the hold also covers matching records filed later; a
   * search with a document-date range or an OCR-confidence filter has no such query, and then the
   * hold lists the records it matches now by id (the confirmation says so).
   */
  private Coverage coverage(MultiValueMap<String, String> parameters) {
    String scope = parameters.getFirst("scope");
    if ("selected".equals(scope)) {
      List<String> ids =
          new ArrayList<>(
              new LinkedHashSet<>(
                  parameters.getOrDefault("recordIds", List.of()).stream()
                      .filter(id -> !id.isBlank())
                      .toList()));
      if (ids.isEmpty()) {
        throw new RetentionProblem(
            RetentionProblem.Kind.INVALID,
            "No records selected: tick the records the hold is to cover, or hold all matching");
      }
      return new Coverage(scope, ids, null, ids.size(), true);
    }
    if ("query".equals(scope)) {
      String q = parameters.getFirst("q");
      if (q == null || q.isBlank()) {
        throw new RetentionProblem(RetentionProblem.Kind.INVALID, "query: type a search query");
      }
      return new Coverage(scope, List.of(), q.strip(), index.matchingIds(q, null).size(), false);
    }
    if ("all".equals(scope)) {
      SearchForm form = SearchForm.of(parameters.toSingleValueMap(), 100);
      String query = asQuery(form);
      if (query != null) {
        return new Coverage(scope, List.of(), query, index.matchingIds(query, null).size(), false);
      }
      List<String> ids = matchingIds(form);
      return new Coverage(scope, ids, null, ids.size(), true);
    }
    throw new RetentionProblem(
        RetentionProblem.Kind.INVALID, "scope: selected, all or query, not '" + scope + "'");
  }

  /** The search as one Lucene query string, or null when its filters cannot be expressed so. */
  static String asQuery(SearchForm form) {
    if (form.from() != null || form.to() != null) {
      return null;
    }
    // By name, so that the same search always makes the same query.
    Map<String, String> filters = new TreeMap<>(form.filters());
    if (filters.containsKey("maxOcrConfidence")) {
      return null;
    }
    StringBuilder query = new StringBuilder();
    query.append(form.q() == null ? "*:*" : "(" + form.q() + ")");
    filters.forEach(
        (field, value) ->
            query
                .append(" AND ")
                .append(field)
                .append(":\"")
                .append(value.replace("\\", "\\\\").replace("\"", "\\\""))
                .append('"'));
    return query.toString();
  }

  /** Every id the search matches now (in the user's scope), up to {@value #LISTED_LIMIT}. */
  private List<String> matchingIds(SearchForm form) {
    List<String> ids = new ArrayList<>();
    SearchForm page = form.withCursor(null);
    while (true) {
      SearchResult result = search.run(page);
      if (result.total() > LISTED_LIMIT) {
        throw new RetentionProblem(
            RetentionProblem.Kind.INVALID,
            "The search matches "
                + result.total()
                + " records; a hold that lists records by id takes at most "
                + LISTED_LIMIT
                + ". Remove the date or OCR filter, so that the hold can work by query.");
      }
      for (SearchHit hit : result.hits()) {
        ids.add(hit.id());
      }
      if (result.nextCursor() == null || result.hits().isEmpty()) {
        return ids;
      }
      page = page.withCursor(result.nextCursor());
    }
  }
}
