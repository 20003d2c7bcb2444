package se.arkiv.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.opensearch.client.opensearch.generic.Body;
import org.opensearch.client.opensearch.generic.OpenSearchGenericClient;
import org.opensearch.client.opensearch.generic.Requests;
import org.opensearch.client.opensearch.generic.Response;
import org.opensearch.client.transport.OpenSearchTransport;
import org.opensearch.client.transport.httpclient5.ResponseException;

/**
 * Requests to the OpenSearch cluster, each answered as JSON: a refusal (409, 400, 403) is an answer
 * with its status, a cluster that does not answer is {@link SearchUnavailable}. The client sends a
 * request to another node when one does not answer.
 */
final class OpenSearchCalls implements AutoCloseable {

  /** The one Jackson 2 mapper of the OpenSearch adapter (its client speaks Jackson 2). */
  static final ObjectMapper JSON = new ObjectMapper();

  private final OpenSearchTransport transport;
  private final OpenSearchGenericClient client;

  OpenSearchCalls(OpenSearchTransport transport) {
    this.transport = transport;
    this.client = new OpenSearchGenericClient(transport);
  }

  /** A request that must succeed; its JSON answer. */
  JsonNode send(String method, String path, String body, String contentType) {
    JsonNode answer = call(method, path, body, contentType);
    if (answer.path("status").asInt(200) >= 400) {
      throw new IllegalStateException("OpenSearch refused " + method + " " + path + ": " + answer);
    }
    return answer;
  }

  /** A request; its JSON answer, with the HTTP status as {@code status} when it is an error. */
  JsonNode call(String method, String path, String body, String contentType) {
    var request = Requests.builder().method(method).endpoint(path);
    if (body != null) {
      request.body(Body.from(body.getBytes(StandardCharsets.UTF_8), contentType));
    }
    try (Response response = client.execute(request.build())) {
      String text = response.getBody().map(Body::bodyAsString).orElse("{}");
      JsonNode answer = text.isBlank() ? JSON.createObjectNode() : JSON.readTree(text);
      if (response.getStatus() >= 400 && answer.isObject()) {
        ((ObjectNode) answer).put("status", response.getStatus());
      }
      return answer;
    } catch (ResponseException e) {
      return refusal(e);
    } catch (IOException e) {
      if (e.getCause() instanceof ResponseException refused) {
        return refusal(refused);
      }
      throw new SearchUnavailable("OpenSearch did not answer " + method + " " + path, e);
    }
  }

  /**
   * The transport throws for most error statuses (409 among them) instead of handing the response
   * on; its message ends in the response's body, and callers read refusals as answers.
   */
  private static JsonNode refusal(ResponseException e) {
    String message = e.getMessage() == null ? "" : e.getMessage();
    int body = message.indexOf("\n{");
    ObjectNode answer;
    try {
      answer =
          body >= 0 && JSON.readTree(message.substring(body + 1)) instanceof ObjectNode parsed
              ? parsed
              : JSON.createObjectNode().put("reason", message);
    } catch (IOException unparsable) {
      answer = JSON.createObjectNode().put("reason", message);
    }
    return answer.put("status", e.status());
  }

  @Override
  public void close() throws IOException {
    transport.close();
  }
}
