package se.arkiv.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One page of a search on OpenSearch: the request (sort with the record id as tie-breaker, the page
 * or the opaque cursor as {@code search_after}, the fields a hit shows, facets as terms
 * aggregations, snippets as highlights) and the answer read back as the port's {@link
 * SearchResult}.
 */
final class OpenSearchPage {

  private static final int FACET_VALUES = 20;
  private static final List<String> SNIPPET_FIELDS =
      List.of(
          IndexFields.TEXT_EXACT, IndexFields.TEXT_EXACT + ".sv", IndexFields.TEXT_EXACT + ".en");
  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

  private final SearchQuery request;
  private final int size;
  private final String sortName;

  OpenSearchPage(SearchQuery request, int size) {
    this.request = request;
    this.size = size;
    this.sortName =
        request.sort() == null || request.sort().isBlank() ? "relevance" : request.sort();
  }

  /** The search request's body around the translated query. */
  ObjectNode request(ObjectNode query) {
    ArrayNode sort = sort(sortName, request.ascending());
    ObjectNode body = OpenSearchCalls.JSON.createObjectNode();
    body.set("query", query);
    body.put("size", size);
    body.put("track_total_hits", true);
    body.set("sort", sort);
    if (request.cursor() != null) {
      ArrayNode after = decode(request.cursor(), sortName);
      if (after.size() != sort.size()) {
        throw new InvalidQuery("The cursor is not one this service made");
      }
      body.set("search_after", after);
    } else {
      body.put("from", request.page() * size);
    }
    body.putArray("_source")
        .add(IndexFields.TITLE)
        .add(IndexFields.RECORD_CLASS)
        .add(IndexFields.DEPARTMENT)
        .add(OpenSearchDocuments.DOCUMENT_DATE_TEXT);
    ObjectNode aggs = body.putObject("aggs");
    for (String field : IndexFields.FACETS) {
      aggs.putObject(field).putObject("terms").put("field", field).put("size", FACET_VALUES);
    }
    ObjectNode highlight = body.putObject("highlight");
    highlight.put("encoder", "html");
    highlight.putArray("pre_tags").add("<mark>");
    highlight.putArray("post_tags").add("</mark>");
    highlight.put("require_field_match", false);
    ObjectNode highlighted = highlight.putObject("fields");
    for (String field : SNIPPET_FIELDS) {
      highlighted.putObject(field).put("number_of_fragments", 3).put("fragment_size", 160);
    }
    return body;
  }

  /** The cluster's answer to {@link #request} as the port's result. */
  SearchResult read(JsonNode answer) {
    List<SearchHit> hits = new ArrayList<>();
    JsonNode last = null;
    for (JsonNode hit : answer.path("hits").path("hits")) {
      JsonNode source = hit.path("_source");
      List<String> snippets = new ArrayList<>();
      // The exact words' passages first; else where a stemmed form matched.
      for (String field : SNIPPET_FIELDS) {
        if (snippets.isEmpty()) {
          hit.path("highlight").path(field).forEach(s -> snippets.add(s.asText()));
        }
      }
      hits.add(
          new SearchHit(
              hit.path("_id").asText(),
              text(source, IndexFields.TITLE),
              text(source, IndexFields.RECORD_CLASS),
              text(source, IndexFields.DEPARTMENT),
              text(source, OpenSearchDocuments.DOCUMENT_DATE_TEXT),
              snippets));
      last = hit.path("sort");
    }
    long total = answer.path("hits").path("total").path("value").asLong();
    long seen = (request.cursor() == null ? (long) request.page() * size : 0) + hits.size();
    boolean more = request.cursor() != null || seen < total;
    String nextCursor = hits.size() == size && more ? encode(sortName, last) : null;
    Map<String, Map<String, Long>> facets = new LinkedHashMap<>();
    for (String field : IndexFields.FACETS) {
      Map<String, Long> counts = new LinkedHashMap<>();
      answer
          .path("aggregations")
          .path(field)
          .path("buckets")
          .forEach(b -> counts.put(b.path("key").asText(), b.path("doc_count").asLong()));
      facets.put(field, counts);
    }
    return new SearchResult(total, hits, facets, nextCursor);
  }

  private static String text(JsonNode source, String field) {
    JsonNode value = source.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }

  private static ArrayNode sort(String name, boolean ascending) {
    ArrayNode sort = OpenSearchCalls.JSON.createArrayNode();
    switch (name) {
      case "relevance" -> sort.addObject().put("_score", "desc");
      case "documentDate", "filedAt" ->
          // Records without a document date go last whichever way the dates run.
          sort.addObject()
              .putObject(name)
              .put("order", ascending ? "asc" : "desc")
              .put("missing", "_last");
      default ->
          throw new InvalidQuery("sort: relevance, documentDate or filedAt, not '" + name + "'");
    }
    sort.addObject().put(IndexFields.ID, "asc");
    return sort;
  }

  /** The opaque cursor: the sort values of the page's last hit, for search_after. */
  private static String encode(String sortName, JsonNode sortValues) {
    String text = "os1|" + sortName + "|" + sortValues.toString();
    return ENCODER.encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  private static ArrayNode decode(String cursor, String sortName) {
    try {
      String text = new String(DECODER.decode(cursor), StandardCharsets.UTF_8);
      String[] parts = text.split("\\|", 3);
      if (parts.length < 3 || !parts[0].equals("os1")) {
        throw new InvalidQuery("The cursor is not one this service made");
      }
      if (!parts[1].equals(sortName)) {
        throw new InvalidQuery("The cursor belongs to a search sorted by " + parts[1]);
      }
      JsonNode values = OpenSearchCalls.JSON.readTree(parts[2]);
      if (!values.isArray()) {
        throw new InvalidQuery("The cursor is not one this service made");
      }
      return (ArrayNode) values;
    } catch (IllegalArgumentException | IOException e) {
      throw new InvalidQuery("The cursor is not one this service made");
    }
  }
}
