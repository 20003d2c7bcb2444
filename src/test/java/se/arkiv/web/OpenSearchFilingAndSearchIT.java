package se.arkiv.web;

import java.net.URI;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;
import se.arkiv.testing.OpenSearchCluster;

/** The end-to-end filing and search suite with the search port on a real 2-node OpenSearch. */
@Tag("opensearch")
@ExtendWith(OpenSearchCluster.class)
class OpenSearchFilingAndSearchIT extends FilingAndSearchIT {

  @Override
  Map<String, Object> properties() {
    return Map.of(
        "arkiv.upload.max-size",
        "1MB",
        "arkiv.search.engine",
        "opensearch",
        "arkiv.search.opensearch.urls",
        OpenSearchCluster.urls().stream().map(URI::toString).collect(Collectors.joining(",")),
        "arkiv.search.opensearch.alias",
        "e2e-" + System.nanoTime());
  }
}
