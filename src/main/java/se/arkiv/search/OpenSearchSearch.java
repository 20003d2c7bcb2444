package se.arkiv.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.search.Query;
import se.arkiv.record.RecordId;
import se.arkiv.record.RecordMetadata;

/**
 * The search port on an OpenSearch cluster ({@code arkiv.search.engine=opensearch}). Queries are
 * parsed by the same {@link SearchQueries} as on Lucene and translated by {@link
 * OpenSearchQueries}, so the syntax and the 400 are identical; access scopes are filters inside the
 * query, so totals, facets (terms aggregations) and snippets (highlights) never count what the
 * caller may not see. Writes and searches go through an alias; {@link #rebuild} fills a new index
 * and then switches the alias in one step, so search never goes dark.
 *
 * <p>The index definition is {@link OpenSearchIndexes}'s, one page of a search (request and answer)
 * {@link OpenSearchPage}'s, documents and query translation are classes of their own, and the
 * requests go through {@link OpenSearchCalls}.
 */
public final class OpenSearchSearch implements SearchService, AutoCloseable {

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private final OpenSearchCalls calls;
  private final OpenSearchSettings.Cluster cluster;
  private final SearchSettings settings;
  private final SearchQueries queries;
  private final OpenSearchIndexes indexes;
  private volatile boolean current;

  /** The index a rebuild is filling, which every write also goes to until the alias switches. */
  private volatile String rebuilding;

  OpenSearchSearch(OpenSearchSettings.Cluster cluster, SearchSettings settings, Clock clock) {
    this(cluster, settings, clock, null);
  }

  /**
   * @param tls the TLS context of the SSL bundle the settings name, or null for the JVM's default
   */
  OpenSearchSearch(
      OpenSearchSettings.Cluster cluster, SearchSettings settings, Clock clock, SSLContext tls) {
    this.cluster = cluster;
    this.settings = settings;
    this.calls = new OpenSearchCalls(OpenSearchTransports.of(cluster, tls));
    this.queries = new SearchQueries(Analyzers.perField(settings.configDir()), clock);
    this.indexes =
        new OpenSearchIndexes(this, cluster, settings.configDir(), settings.refreshInterval());
    indexes.ensureAlias();
  }

  // ---- writing -----------------------------------------------------------------------------

  /** Indexes a record's current metadata and text (visible after the next refresh). */
  public void index(RecordMetadata record, String text) {
    String doc = OpenSearchDocuments.of(record, text).toString();
    put(cluster.alias(), record, doc);
    String fresh = rebuilding;
    if (fresh != null) {
      put(fresh, record, doc);
    }
  }

  /**
   * The metadata version is the document's external version, so an older one (a rebuild's read of
   * the store racing a new filing) never overwrites a newer one.
   */
  private void put(String index, RecordMetadata record, String doc) {
    String path =
        "/"
            + index
            + "/_doc/"
            + record.id().value()
            + "?version_type=external_gte&version="
            + record.version();
    JsonNode answer = calls.call("PUT", path, doc, "application/json");
    int status = answer.path("status").asInt(200);
    if (status >= 400 && status != 409) {
      throw new IllegalStateException("OpenSearch refused to index " + path + ": " + answer);
    }
  }

  @Override
  public void forget(RecordId id) {
    String fresh = rebuilding;
    if (fresh != null) {
      calls.call("DELETE", "/" + fresh + "/_doc/" + id.value(), null, null);
    }
    JsonNode answer =
        calls.call("DELETE", "/" + cluster.alias() + "/_doc/" + id.value(), null, null);
    if (answer.path("status").asInt(200) >= 400
        && !"not_found".equals(answer.path("result").asText())) {
      throw new IllegalStateException("OpenSearch did not delete " + id.value() + ": " + answer);
    }
  }

  @Override
  public void refresh() {
    calls.send("POST", "/" + cluster.alias() + "/_refresh", null, null);
  }

  /**
   * Fills a new index from {@code records} (each call of the consumer given indexes one record) and
   * then points the alias at it and drops the old one, so searches answer from the old index until
   * the new one is complete. After it the index is current.
   */
  public void rebuild(Consumer<Consumer<Map.Entry<RecordMetadata, String>>> records) {
    String fresh = indexes.create();
    rebuilding = fresh;
    fill(fresh, records);
    calls.send("POST", "/" + fresh + "/_refresh", null, null);
    indexes.switchAlias(fresh);
    rebuilding = null;
    current = true;
  }

  /**
   * Writes every record of the store into the index the alias points at, in place: what a node of
   * several does at start-up instead of {@link #rebuild}. Another node's writes go to the alias
   * meanwhile, never to a new index it does not know of, so none is lost; and each document carries
   * its metadata version, so the older of two writes of a record never wins. After it the index is
   * current.
   */
  public void refill(Consumer<Consumer<Map.Entry<RecordMetadata, String>>> records) {
    fill(cluster.alias(), records);
    refresh();
    current = true;
  }

  private void fill(String target, Consumer<Consumer<Map.Entry<RecordMetadata, String>>> records) {
    List<String> batch = new ArrayList<>();
    records.accept(
        entry -> {
          ObjectNode action = JSON.objectNode();
          action
              .putObject("index")
              .put("_index", target)
              .put("_id", entry.getKey().id().value())
              .put("version", entry.getKey().version())
              .put("version_type", "external_gte");
          batch.add(action.toString());
          batch.add(OpenSearchDocuments.of(entry.getKey(), entry.getValue()).toString());
          if (batch.size() >= 1000) {
            bulk(batch);
          }
        });
    bulk(batch);
  }

  private void bulk(List<String> lines) {
    if (lines.isEmpty()) {
      return;
    }
    JsonNode answer =
        calls.send("POST", "/_bulk", String.join("\n", lines) + "\n", "application/x-ndjson");
    lines.clear();
    if (answer.path("errors").asBoolean()) {
      for (JsonNode item : answer.path("items")) {
        int status = item.path("index").path("status").asInt(200);
        // 409: a newer version was indexed meanwhile, which is what should stay.
        if (status >= 400 && status != 409) {
          throw new IllegalStateException("OpenSearch refused part of a bulk request: " + item);
        }
      }
    }
  }

  /** A write failed: the index may miss a record until the next rebuild. */
  void lost() {
    current = false;
  }

  /** Marks the index as compared with the whole store (what the catch-up does on Lucene). */
  void markCurrent() {
    current = true;
  }

  @Override
  public boolean isCurrent() {
    return current;
  }

  // ---- searching ---------------------------------------------------------------------------

  @Override
  public void validate(String q) {
    queries.validate(q);
  }

  @Override
  public Set<String> matchingIds(String q, Collection<String> ids, Set<String> departmentScope) {
    Optional<Query> restricted = queries.matching(q, ids, departmentScope);
    if (restricted.isEmpty()) {
      return Set.of();
    }
    refresh();
    ObjectNode query = OpenSearchQueries.of(restricted.get());
    Set<String> found = new HashSet<>();
    JsonNode after = null;
    while (true) {
      ObjectNode body = JSON.objectNode();
      body.set("query", query);
      body.put("size", 1000);
      body.put("_source", false);
      body.putArray("sort").addObject().put(IndexFields.ID, "asc");
      if (after != null) {
        body.set("search_after", after);
      }
      JsonNode hits = search(body).path("hits").path("hits");
      for (JsonNode hit : hits) {
        found.add(hit.path("_id").asText());
        after = hit.path("sort");
      }
      if (hits.size() < 1000) {
        return found;
      }
    }
  }

  @Override
  public SearchResult search(SearchQuery request) {
    return run(request, null);
  }

  @Override
  public SearchResult searchFiledAfter(SearchQuery request, Instant after) {
    long from = after.toEpochMilli() + 1;
    return run(request, LongPoint.newRangeQuery(IndexFields.FILED_AT, from, Long.MAX_VALUE));
  }

  private SearchResult run(SearchQuery request, Query filter) {
    OpenSearchPage page = new OpenSearchPage(request, SearchQueries.pageSize(request, settings));
    Query query = SearchQueries.unrestricted(queries.of(request), filter);
    return page.read(search(page.request(OpenSearchQueries.of(query)), request.requester()));
  }

  /** A search request to the alias, its failures as the port reports them. */
  JsonNode search(ObjectNode body) {
    return search(body, null);
  }

  /**
   * @param requester the searches of one requester go to the same shard copies ({@code
   *     preference}); null lets the cluster choose each time
   */
  private JsonNode search(ObjectNode body, String requester) {
    String path = "/" + cluster.alias() + "/_search";
    if (requester != null && !requester.isBlank()) {
      path += "?preference=" + URLEncoder.encode("arkiv-" + requester, StandardCharsets.UTF_8);
    }
    JsonNode answer = calls.call("POST", path, body.toString(), "application/json");
    int status = answer.path("status").asInt(200);
    if (status == 400 && answer.toString().contains("too_many")) {
      throw new InvalidQuery("The query expands to too many terms; make wildcards more specific");
    }
    if (status >= 500 || status == 429) {
      throw new SearchUnavailable("OpenSearch cannot search now (" + status + ")", null);
    }
    if (status >= 400) {
      throw new IllegalStateException("OpenSearch could not search: " + answer);
    }
    return answer;
  }

  /** Deletes every index behind the alias (tests only). */
  void destroy() {
    indexes.dropAll();
  }

  /** Requests to the cluster, for the index definition and the lease beside the search port. */
  OpenSearchCalls calls() {
    return calls;
  }

  @Override
  public void close() throws IOException {
    calls.close();
  }
}
