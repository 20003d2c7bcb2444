package se.arkiv.web;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.springframework.web.util.UriComponentsBuilder;
import se.arkiv.search.InvalidQuery;
import se.arkiv.search.SearchQuery;

/**
 * A search as the request parameters give it, for the API and the UI alike. The UI keeps the whole
 * search in its URL ({@link #queryString}), so a result list can be bookmarked and shared.
 */
record SearchForm(
    String q,
    Map<String, String> filters,
    LocalDate from,
    LocalDate to,
    String sort,
    boolean ascending,
    int page,
    int size,
    String cursor) {

  SearchForm {
    filters = Map.copyOf(filters);
  }

  static SearchForm of(Map<String, String> parameters, int defaultSize) {
    String sort = parameters.get("sort");
    return new SearchForm(
        blankToNull(parameters.get("q")),
        filtersOf(parameters),
        date(parameters, "from"),
        date(parameters, "to"),
        sort == null || sort.isBlank() ? "relevance" : sort,
        ascending(parameters.getOrDefault("order", "desc")),
        number(parameters, "page", 0),
        number(parameters, "size", defaultSize),
        blankToNull(parameters.get("cursor")));
  }

  /** The search a URL query string ({@link #queryString}) stands for. */
  static SearchForm ofQueryString(String query, int defaultSize) {
    Map<String, String> parameters = new LinkedHashMap<>();
    UriComponentsBuilder.newInstance()
        .query(query)
        .build()
        .getQueryParams()
        .forEach((param, values) -> parameters.put(param, decoded(param, values.get(0))));
    return of(parameters, defaultSize);
  }

  /** A parameter's value as typed: a bare name ({@code q}) has none, a bad {@code %} is refused. */
  private static String decoded(String param, String value) {
    if (value == null) {
      return "";
    }
    try {
      return URLDecoder.decode(value, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new InvalidQuery(param + ": not a percent-encoded value, '" + value + "'");
    }
  }

  /** The filters among the request parameters, blank ones left out. */
  static Map<String, String> filtersOf(Map<String, String> parameters) {
    Map<String, String> filters = new LinkedHashMap<>();
    for (String name : SearchQuery.FILTERS) {
      String value = parameters.get(name);
      if (value != null && !value.isBlank()) {
        filters.put(name, value);
      }
    }
    return filters;
  }

  static boolean ascending(String order) {
    return switch (order) {
      case "asc" -> true;
      case "desc", "" -> false;
      default -> throw new InvalidQuery("order: asc or desc");
    };
  }

  SearchQuery query(Set<String> departmentScope, String requester) {
    return new SearchQuery(
        q, filters, from, to, sort, ascending, page, size, cursor, departmentScope, requester);
  }

  SearchForm withCursor(String next) {
    return new SearchForm(q, filters, from, to, sort, ascending, 0, size, next);
  }

  /**
   * The same search in an order a cursor can walk while records are filed: a relevance cursor holds
   * the last hit's score, and a filing between pages shifts every score, so a walk by relevance
   * repeated some hits and missed others. Newest filed first instead.
   */
  SearchForm walkable() {
    return sort == null || sort.isBlank() || sort.equals("relevance")
        ? new SearchForm(q, filters, from, to, "filedAt", false, 0, size, cursor)
        : this;
  }

  SearchForm atPage(int number, int pageSize) {
    return new SearchForm(q, filters, from, to, sort, ascending, number, pageSize, null);
  }

  /** The same search with this filter set, or cleared when it is already set to this value. */
  public SearchForm toggling(String filter, String value) {
    Map<String, String> changed = new LinkedHashMap<>(filters);
    if (value.equals(changed.get(filter))) {
      changed.remove(filter);
    } else {
      changed.put(filter, value);
    }
    return new SearchForm(q, changed, from, to, sort, ascending, 0, size, null);
  }

  public boolean filtered(String filter, String value) {
    return value.equals(filters.get(filter));
  }

  /** The search as URL parameters (no page or cursor), for links that keep it. */
  public String queryString() {
    StringBuilder query = new StringBuilder();
    append(query, "q", q);
    filters.forEach((name, value) -> append(query, name, value));
    append(query, "from", from == null ? null : from.toString());
    append(query, "to", to == null ? null : to.toString());
    if (!"relevance".equals(sort)) {
      append(query, "sort", sort);
    }
    if (ascending) {
      append(query, "order", "asc");
    }
    return query.toString();
  }

  private static void append(StringBuilder query, String name, String value) {
    if (value == null) {
      return;
    }
    if (!query.isEmpty()) {
      query.append('&');
    }
    query.append(name).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8));
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }

  private static LocalDate date(Map<String, String> parameters, String name) {
    String value = blankToNull(parameters.get(name));
    try {
      return value == null ? null : LocalDate.parse(value);
    } catch (DateTimeParseException e) {
      throw new InvalidQuery(name + ": a date as YYYY-MM-DD, not '" + value + "'");
    }
  }

  private static int number(Map<String, String> parameters, String name, int fallback) {
    String value = blankToNull(parameters.get(name));
    try {
      return value == null ? fallback : Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new InvalidQuery(name + ": a whole number, not '" + value + "'");
    }
  }
}
