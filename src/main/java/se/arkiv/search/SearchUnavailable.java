package se.arkiv.search;

/**
 * The search engine cannot answer now (an OpenSearch cluster that does not answer, or fails over):
 * a 503 the client may try again, not a fault of the request.
 */
public class SearchUnavailable extends RuntimeException {
  SearchUnavailable(String message, Throwable cause) {
    super(message, cause);
  }
}
