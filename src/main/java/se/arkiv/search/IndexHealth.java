package se.arkiv.search;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.stereotype.Component;

/**
 * {@code index} in {@code /actuator/health} and in the readiness group: DOWN when the index cannot
 * be read; OUT_OF_SERVICE while it is rebuilt from the store (search would miss most records, so
 * readiness answers 503 and a load balancer sends the work to another node); UP otherwise, with the
 * documents indexed, the records whose indexing failed and waits to be mended, and the progress of
 * a comparison with the store that is under way.
 */
@Component("indexHealthIndicator")
class IndexHealth implements HealthIndicator {

  private final LuceneIndex index;
  private final IndexCatchUp catchUp;

  IndexHealth(LuceneIndex index, IndexCatchUp catchUp) {
    this.index = index;
    this.catchUp = catchUp;
  }

  @Override
  public Health health() {
    int documents;
    try {
      documents = index.documentCount();
    } catch (RuntimeException e) {
      return Health.down().withDetail("problem", e.toString()).build();
    }
    StoreComparison.Progress progress = catchUp.progress().orElse(null);
    Health.Builder health =
        progress != null && progress.rebuilding()
            ? Health.status(Status.OUT_OF_SERVICE)
            : Health.up();
    health
        .withDetail("documents", documents)
        .withDetail("behind", catchUp.behind())
        .withDetail("comparedWithStore", catchUp.caughtUp());
    if (progress != null) {
      Map<String, Object> pass = new LinkedHashMap<>();
      pass.put("compared", progress.compared());
      if (progress.total() >= 0) {
        pass.put("total", progress.total());
      }
      pass.put("indexed", progress.indexed());
      pass.put("startedAt", progress.started().toString());
      pass.put("recordsPerSecond", progress.recordsPerSecond());
      progress.timeLeft().ifPresent(left -> pass.put("secondsLeft", left.toSeconds()));
      health.withDetail(progress.rebuilding() ? "rebuild" : "comparison", pass);
    }
    return health.build();
  }
}
