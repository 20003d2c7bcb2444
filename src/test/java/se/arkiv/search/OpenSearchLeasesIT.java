package se.arkiv.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import se.arkiv.cluster.LeaseStore.Lease;
import se.arkiv.testing.OpenSearchCluster;

/**
 * The guarantee the nodes' lease rests on, on a real two-node OpenSearch cluster: of several writes
 * made from the same read, exactly one wins, and a write from an old read never does.
 */
@Tag("opensearch")
@ExtendWith(OpenSearchCluster.class)
class OpenSearchLeasesIT {

  @TempDir Path dir;
  private OpenSearchSearch search;
  private OpenSearchLeases leases;

  @BeforeEach
  void open() {
    String alias = "leases-" + System.nanoTime();
    search =
        new OpenSearchSearch(
            new OpenSearchSettings.Cluster(OpenSearchCluster.urls(), "", "", alias, 1, ""),
            TemporaryIndex.settings(dir),
            Clock.systemUTC());
    leases = new OpenSearchLeases(search, alias);
  }

  @AfterEach
  void close() throws Exception {
    search
        .calls()
        .call("DELETE", "/" + leases.describe().replace("OpenSearch index ", ""), null, null);
    search.destroy();
    search.close();
  }

  @Test
  void theFirstLeaseIsWrittenOnceAndReadBackWithItsVersion() {
    assertThat(leases.read()).isEmpty();

    assertThat(leases.create(new Lease("a", 1, null))).isTrue();
    assertThat(leases.create(new Lease("b", 1, null))).isFalse();

    Lease read = leases.read().orElseThrow();
    assertThat(read.holder()).isEqualTo("a");
    assertThat(read.term()).isEqualTo(1);
    assertThat(read.version()).isNotBlank();
  }

  @Test
  void aWriteFromAnOldReadIsRefused() {
    leases.create(new Lease("a", 1, null));
    Lease seen = leases.read().orElseThrow();
    assertThat(leases.replace(seen, new Lease("a", 1, null))).isTrue(); // a renewal

    assertThat(leases.replace(seen, new Lease("b", 2, null))).isFalse();
    assertThat(leases.read().orElseThrow().holder()).isEqualTo("a");
  }

  @Test
  void ofEightNodesTakingOverFromTheSameReadExactlyOneWins() throws Exception {
    leases.create(new Lease("a", 1, null));
    Lease seen = leases.read().orElseThrow();
    ExecutorService nodes = Executors.newFixedThreadPool(8);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<Boolean>> writes = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      String node = "n" + i;
      writes.add(
          nodes.submit(
              () -> {
                go.await();
                return leases.replace(seen, new Lease(node, 2, null));
              }));
    }
    go.countDown();
    List<String> winners = new ArrayList<>();
    for (int i = 0; i < writes.size(); i++) {
      if (writes.get(i).get()) {
        winners.add("n" + i);
      }
    }
    nodes.shutdown();

    assertThat(winners).hasSize(1);
    assertThat(leases.read().orElseThrow().holder()).isEqualTo(winners.get(0));
  }
}
