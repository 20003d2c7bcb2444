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
  private OpenSearchSettings.Cluster cluster;

  @BeforeEach
  void open() {
    cluster =
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
    stored.add(record);
    search.index(record, text);
    search.refresh();
  }

  @org.junit.jupiter.api.Test
  void aRebuildFillsANewIndexAndSwitchesTheAliasWhileSearchStillAnswers() {
    String first = file("Hyresavi", "Betalning av hyran.", "INVOICE", "ACCOUNTING", null);
    java.util.List<RecordMetadata> store = new java.util.ArrayList<>(stored);
    java.util.List<String> before = indexNames();
    org.assertj.core.api.Assertions.assertThat(search.isCurrent()).isFalse();
    search.rebuild(
        each -> {
          // Searches answer from the old index while the new one fills.
          org.assertj.core.api.Assertions.assertThat(ids("hyran")).containsExactly(first);
          store.forEach(record -> each.accept(java.util.Map.entry(record, "Betalning av hyran.")));
        });
    org.assertj.core.api.Assertions.assertThat(search.isCurrent()).isTrue();
    org.assertj.core.api.Assertions.assertThat(indexNames())
        .hasSize(1)
        .doesNotContainAnyElementsOf(before);
    org.assertj.core.api.Assertions.assertThat(ids("hyran")).containsExactly(first);
  }

  private final java.util.List<RecordMetadata> stored = new java.util.ArrayList<>();

  private java.util.List<String> ids(String q) {
    return search
        .search(new SearchQuery(q, java.util.Map.of(), null, null, null, false, 0, 10, null, null))
        .hits()
        .stream()
        .map(SearchHit::id)
        .toList();
  }

  private java.util.List<String> indexNames() {
    return new OpenSearchIndexes(
            search, cluster, java.nio.file.Path.of("index"), java.time.Duration.ofSeconds(1))
        .behindAlias();
  }
}
