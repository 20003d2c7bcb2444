package se.arkiv.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.Optional;
import se.arkiv.cluster.LeaseStore;

/**
 * The nodes' lease as one document in the OpenSearch cluster, written with its optimistic
 * concurrency control: a write names the sequence number and primary term it read ({@code
 * if_seq_no}, {@code if_primary_term}) and the primary shard refuses it with 409 when the document
 * changed since, so of two nodes replacing the same lease one wins. A GET by id is real-time, so a
 * node never reads an older lease than the last one written. Chosen over the bucket: Object Lock
 * would keep every renewal's version for the lock horizon, and S3Proxy and Ceph RGW do not enforce
 * a conditional replace ({@code If-Match}); and several nodes need the cluster anyway for the one
 * index they share.
 */
final class OpenSearchLeases implements LeaseStore {

  private static final String ID = "once-only";
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private final OpenSearchSearch search;
  private final String index;
  private volatile boolean created;

  OpenSearchLeases(OpenSearchSearch search, String alias) {
    this.search = search;
    this.index = alias + "-lease";
  }

  @Override
  public Optional<Lease> read() {
    ensureIndex();
    JsonNode answer = search.calls().call("GET", path("_doc"), null, null);
    if (!answer.path("found").asBoolean(false)) {
      if (answer.path("status").asInt(404) != 404) {
        throw new IllegalStateException("OpenSearch could not read the lease: " + answer);
      }
      return Optional.empty();
    }
    JsonNode source = answer.path("_source");
    return Optional.of(
        new Lease(
            source.path("holder").asText(),
            source.path("term").asLong(),
            answer.path("_seq_no").asLong() + ":" + answer.path("_primary_term").asLong()));
  }

  @Override
  public boolean create(Lease lease) {
    ensureIndex();
    return written(search.calls().call("PUT", path("_create"), body(lease), "application/json"));
  }

  @Override
  public boolean replace(Lease seen, Lease next) {
    String[] version = seen.version().split(":");
    String path = path("_doc") + "?if_seq_no=" + version[0] + "&if_primary_term=" + version[1];
    return written(search.calls().call("PUT", path, body(next), "application/json"));
  }

  @Override
  public String describe() {
    return "OpenSearch index " + index;
  }

  private boolean written(JsonNode answer) {
    int status = answer.path("status").asInt(200);
    if (status == 409) {
      return false;
    }
    if (status >= 400) {
      throw new IllegalStateException("OpenSearch refused the lease: " + answer);
    }
    return true;
  }

  private String path(String endpoint) {
    return "/" + index + "/" + endpoint + "/" + ID;
  }

  private static String body(Lease lease) {
    return JSON.objectNode()
        .put("holder", lease.holder())
        .put("term", lease.term())
        .put("writtenAt", System.currentTimeMillis())
        .toString();
  }

  /** One shard, a copy on a second node where there is one: the lease survives a node's death. */
  private void ensureIndex() {
    if (created) {
      return;
    }
    String settings = "{\"settings\":{\"number_of_shards\":1,\"auto_expand_replicas\":\"0-1\"}}";
    JsonNode answer = search.calls().call("PUT", "/" + index, settings, "application/json");
    String error = answer.path("error").path("type").asText("");
    if (answer.path("status").asInt(200) >= 400
        && !"resource_already_exists_exception".equals(error)) {
      throw new IllegalStateException("OpenSearch could not make the lease index: " + answer);
    }
    search
        .calls()
        .send(
            "GET", "/_cluster/health/" + index + "?wait_for_status=yellow&timeout=30s", null, null);
    created = true;
  }
}
