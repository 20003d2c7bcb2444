package se.arkiv.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@link SimilarRecords} on OpenSearch: its {@code more_like_this} query with the terms chosen as
 * on Lucene ({@link LuceneSimilarRecords}), any one of them enough to be a neighbour.
 */
final class OpenSearchSimilarRecords implements SimilarRecords {

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private final OpenSearchSearch search;

  OpenSearchSimilarRecords(OpenSearchSearch search) {
    this.search = search;
  }

  @Override
  public List<Neighbour> like(
      String text, String exceptId, Set<String> departmentScope, int count) {
    ObjectNode body = JSON.objectNode();
    body.put("size", count);
    body.putArray("_source").add(IndexFields.RECORD_CLASS);
    ObjectNode bool = body.putObject("query").putObject("bool");
    ObjectNode like = bool.putArray("must").addObject().putObject("more_like_this");
    like.putArray("fields").add(IndexFields.TEXT_EXACT);
    like.put("like", text);
    like.put("min_term_freq", LuceneSimilarRecords.MIN_TERM_FREQ);
    like.put("min_doc_freq", LuceneSimilarRecords.MIN_DOC_FREQ);
    like.put("max_query_terms", LuceneSimilarRecords.MAX_QUERY_TERMS);
    like.put("minimum_should_match", "1");
    ArrayNode not = bool.putArray("must_not");
    not.addObject().putObject("term").put(IndexFields.RESTRICTED, "true");
    if (exceptId != null) {
      not.addObject().putObject("term").put(IndexFields.ID, exceptId);
    }
    if (departmentScope != null) {
      ArrayNode departments =
          bool.putArray("filter").addObject().putObject("terms").putArray(IndexFields.DEPARTMENT);
      departmentScope.forEach(departments::add);
    }
    List<Neighbour> neighbours = new ArrayList<>();
    for (JsonNode hit : search.search(body).path("hits").path("hits")) {
      JsonNode recordClass = hit.path("_source").path(IndexFields.RECORD_CLASS);
      if (recordClass.isTextual()) {
        neighbours.add(new Neighbour(recordClass.asText(), hit.path("_score").asDouble()));
      }
    }
    return neighbours;
  }
}
