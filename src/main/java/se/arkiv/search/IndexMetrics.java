package se.arkiv.search;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.stereotype.Component;

/**
 * {@code arkiv.index.documents}, {@code arkiv.index.behind} (records whose latest version failed to
 * index, mended at the next catch-up tick) and {@code arkiv.index.rebuilding} (1 while the index is
 * rebuilt from the store).
 */
@Component
class IndexMetrics implements MeterBinder {

  private final LuceneIndex index;
  private final IndexCatchUp catchUp;

  IndexMetrics(LuceneIndex index, IndexCatchUp catchUp) {
    this.index = index;
    this.catchUp = catchUp;
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    Gauge.builder("arkiv.index.documents", index, LuceneIndex::documentCount)
        .description("Records in the search index")
        .register(registry);
    Gauge.builder("arkiv.index.behind", catchUp, IndexCatchUp::behind)
        .description("Records whose latest version failed to index and waits to be mended")
        .register(registry);
    Gauge.builder(
            "arkiv.index.rebuilding",
            catchUp,
            c -> c.progress().filter(StoreComparison.Progress::rebuilding).isPresent() ? 1 : 0)
        .description("1 while the index is rebuilt from the store")
        .register(registry);
  }
}
