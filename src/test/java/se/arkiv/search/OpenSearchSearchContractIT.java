package se.arkiv.search;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import se.arkiv.record.RecordMetadata;
import se.arkiv.testing.OpenSearchCluster;

/**
 * The search contract on a real two-node OpenSearch cluster (scripts/opensearch), each test over a
 * fresh index behind its own alias.
 */
@Tag("opensearch")
@ExtendWith(OpenSearchCluster.class)
class OpenSearchSearchContractIT extends SearchContract {

  @TempDir Path dir;
  private OpenSearchSearch search;

  @BeforeEach
  void open() {
    OpenSearchSettings.Cluster cluster =
        new OpenSearchSettings.Cluster(
            OpenSearchCluster.urls(), "", "", "contract-" + System.nanoTime(), 1);
    search =
        new OpenSearchSearch(cluster, TemporaryIndex.settings(dir), java.time.Clock.systemUTC());
  }

  @AfterEach
  void close() throws Exception {
    search.destroy();
    search.close();
  }

  @Override
  SearchService search() {
    return search;
  }

  @Override
  void add(RecordMetadata record, String text) {
    search.index(record, text);
    search.refresh();
  }
}
