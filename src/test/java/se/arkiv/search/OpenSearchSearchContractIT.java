package se.arkiv.search;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
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
            OpenSearchCluster.urls(), "", "", "contract-" + System.nanoTime(), 1, "");
    search = new OpenSearchSearch(cluster, TemporaryIndex.settings(dir), Clock.systemUTC());
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
  SimilarRecords similar() {
    return new OpenSearchSimilarRecords(search);
  }

  @Override
  void add(RecordMetadata record, String text) {
    stored.add(record);
    search.index(record, text);
    search.refresh();
  }

  @Test
  void aRebuildFillsANewIndexAndSwitchesTheAliasWhileSearchStillAnswers() {
    String first = file("Hyresavi", "Betalning av hyran.", "INVOICE", "ACCOUNTING", null);
    List<RecordMetadata> store = new ArrayList<>(stored);
    List<String> before = indexNames();
    Assertions.assertThat(search.isCurrent()).isFalse();
    search.rebuild(
        each -> {
          // Searches answer from the old index while the new one fills.
          Assertions.assertThat(ids("hyran")).containsExactly(first);
          store.forEach(record -> each.accept(Map.entry(record, "Betalning av hyran.")));
        });
    Assertions.assertThat(search.isCurrent()).isTrue();
    Assertions.assertThat(indexNames()).hasSize(1).doesNotContainAnyElementsOf(before);
    Assertions.assertThat(ids("hyran")).containsExactly(first);
  }

  private final List<RecordMetadata> stored = new ArrayList<>();

  private List<String> ids(String q) {
    return search
        .search(new SearchQuery(q, Map.of(), null, null, null, false, 0, 10, null, null))
        .hits()
        .stream()
        .map(SearchHit::id)
        .toList();
  }

  private List<String> indexNames() {
    return new OpenSearchIndexes(search, cluster, Path.of("index"), Duration.ofSeconds(1))
        .behindAlias();
  }
}
