package se.arkiv.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.WordlistLoader;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.sv.SwedishAnalyzer;

/**
 * The indexes behind the alias: their mapping (the fields of {@link IndexFields}: exact text with
 * the standard analyzer, stemmed text with OpenSearch's swedish and english analyzers and the stop
 * words of the index configuration folder, keywords as keywords), creation, and the alias switch
 * that ends a rebuild.
 */
final class OpenSearchIndexes {

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private final OpenSearchSearch search;
  private final OpenSearchSettings.Cluster cluster;
  private final Path configDir;
  private final Duration refreshInterval;

  OpenSearchIndexes(
      OpenSearchSearch search,
      OpenSearchSettings.Cluster cluster,
      Path configDir,
      Duration refreshInterval) {
    this.refreshInterval = refreshInterval;
    this.search = search;
    this.cluster = cluster;
    this.configDir = configDir;
  }

  /** Creates the first index behind the alias unless the alias is there. */
  void ensureAlias() {
    JsonNode aliases = search.calls().call("GET", "/_alias/" + cluster.alias(), null, null);
    if (aliases.path("status").asInt(200) == 404) {
      // One name for the first index: nodes starting together make it once and add it once
      // (adding an alias twice is a no-op), instead of an alias over two indexes.
      String first = cluster.alias() + "-first";
      create(first, true);
      search
          .calls()
          .send("POST", "/_aliases", actions(List.of(add(first))).toString(), "application/json");
    }
  }

  /** A new, empty index named after the alias and the time; its name. */
  String create() {
    return create(
        cluster.alias() + "-" + System.currentTimeMillis() + "-" + System.nanoTime() % 1000, false);
  }

  private String create(String name, boolean mayExist) {
    JsonNode answer =
        search.calls().call("PUT", "/" + name, definition().toString(), "application/json");
    String error = answer.path("error").path("type").asText("");
    if (answer.path("status").asInt(200) >= 400
        && !(mayExist && "resource_already_exists_exception".equals(error))) {
      throw new IllegalStateException("OpenSearch refused to make index " + name + ": " + answer);
    }
    search
        .calls()
        .send(
            "GET", "/_cluster/health/" + name + "?wait_for_status=yellow&timeout=30s", null, null);
    return name;
  }

  /** Points the alias at {@code fresh} alone, in one step, and drops the indexes it left. */
  void switchAlias(String fresh) {
    List<String> old = behindAlias();
    List<ObjectNode> actions = new ArrayList<>();
    actions.add(add(fresh));
    for (String index : old) {
      if (!index.equals(fresh)) {
        ObjectNode remove = JSON.objectNode();
        remove.putObject("remove").put("index", index).put("alias", cluster.alias());
        actions.add(remove);
      }
    }
    search.calls().send("POST", "/_aliases", actions(actions).toString(), "application/json");
    for (String index : old) {
      if (!index.equals(fresh)) {
        search.calls().send("DELETE", "/" + index, null, null);
      }
    }
  }

  List<String> behindAlias() {
    JsonNode aliases = search.calls().call("GET", "/_alias/" + cluster.alias(), null, null);
    List<String> names = new ArrayList<>();
    if (aliases.path("status").asInt(200) == 404) {
      return names;
    }
    for (Iterator<String> it = aliases.fieldNames(); it.hasNext(); ) {
      names.add(it.next());
    }
    return names;
  }

  void dropAll() {
    for (String index : behindAlias()) {
      search.calls().call("DELETE", "/" + index, null, null);
    }
  }

  private ObjectNode add(String index) {
    ObjectNode add = JSON.objectNode();
    add.putObject("add").put("index", index).put("alias", cluster.alias());
    return add;
  }

  private static ObjectNode actions(List<ObjectNode> actions) {
    ObjectNode body = JSON.objectNode();
    ArrayNode list = body.putArray("actions");
    actions.forEach(list::add);
    return body;
  }

  private ObjectNode definition() {
    ObjectNode body = JSON.objectNode();
    ObjectNode index = body.putObject("settings").putObject("index");
    index.put("number_of_shards", cluster.shards());
    // One replica where a second node is there to hold it; green on one node too.
    index.put("auto_expand_replicas", "0-1");
    index.put("max_result_window", 10_000);
    // As soon searchable as on the embedded index: arkiv.index.refresh-interval, not OpenSearch's
    // 1s.
    index.put("refresh_interval", Math.max(1, refreshInterval.toMillis()) + "ms");
    ObjectNode analyzers = index.putObject("analysis").putObject("analyzer");
    analyzers
        .putObject("arkiv_sv")
        .put("type", "swedish")
        .set(
            "stopwords", words(stopWords("stopwords_sv.txt", SwedishAnalyzer.getDefaultStopSet())));
    analyzers
        .putObject("arkiv_en")
        .put("type", "english")
        .set(
            "stopwords", words(stopWords("stopwords_en.txt", EnglishAnalyzer.getDefaultStopSet())));
    ObjectNode mappings = body.putObject("mappings");
    // The title is in the source as itself; its exact copy is indexed only.
    mappings.putObject("_source").putArray("excludes").add(IndexFields.TITLE_EXACT);
    ArrayNode templates = mappings.putArray("dynamic_templates");
    ObjectNode keywords = templates.addObject().putObject("keywords");
    keywords.put("match_mapping_type", "string");
    keywords.putObject("mapping").put("type", "keyword").put("norms", false);
    ObjectNode properties = mappings.putObject("properties");
    properties.putObject(IndexFields.ID).put("type", "keyword");
    properties.putObject(IndexFields.VERSION).put("type", "long").put("index", false);
    properties
        .putObject(IndexFields.TITLE)
        .put("type", "keyword")
        .put("index", false)
        .put("doc_values", false);
    text(properties, IndexFields.TITLE_EXACT, IndexFields.TITLE_SV, IndexFields.TITLE_EN);
    text(properties, IndexFields.TEXT_EXACT, IndexFields.TEXT_SV, IndexFields.TEXT_EN);
    properties.putObject(IndexFields.DOCUMENT_DATE).put("type", "long");
    properties
        .putObject(OpenSearchDocuments.DOCUMENT_DATE_TEXT)
        .put("type", "keyword")
        .put("index", false)
        .put("doc_values", false);
    properties.putObject(IndexFields.FILED_AT).put("type", "long");
    properties.putObject(IndexFields.RETENTION_FROM).put("type", "long");
    properties.putObject(IndexFields.OCR_CONFIDENCE).put("type", "integer");
    return body;
  }

  /**
   * Text indexed exact (standard analyzer: lower-cased words, with offsets) and, as sub-fields read
   * from the same source value, stemmed in Swedish and English (no positions: stemmed words are
   * never matched as a phrase, as on Lucene). The query's field names for the stemmed forms are
   * aliases of the sub-fields, and snippets are highlighted from them too.
   */
  private static void text(ObjectNode properties, String exact, String swedish, String english) {
    ObjectNode field = properties.putObject(exact).put("type", "text").put("analyzer", "standard");
    field.put("index_options", "offsets");
    ObjectNode stemmed = field.putObject("fields");
    stemmed
        .putObject("sv")
        .put("type", "text")
        .put("analyzer", "arkiv_sv")
        .put("index_options", "freqs");
    stemmed
        .putObject("en")
        .put("type", "text")
        .put("analyzer", "arkiv_en")
        .put("index_options", "freqs");
    properties.putObject(swedish).put("type", "alias").put("path", exact + ".sv");
    properties.putObject(english).put("type", "alias").put("path", exact + ".en");
  }

  private CharArraySet stopWords(String file, CharArraySet fallback) {
    Path path = configDir.resolve(file);
    if (!Files.isRegularFile(path)) {
      return fallback;
    }
    try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
      return WordlistLoader.getSnowballWordSet(reader);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read stop words " + path, e);
    }
  }

  private static ArrayNode words(CharArraySet set) {
    ArrayNode words = JSON.arrayNode();
    for (Object word : set) {
      words.add(new String((char[]) word));
    }
    if (words.isEmpty()) {
      words.add("_none_");
    }
    return words;
  }
}
