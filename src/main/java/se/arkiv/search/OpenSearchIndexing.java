package se.arkiv.search;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import se.arkiv.record.ExtractionStatus;
import se.arkiv.record.RecordId;
import se.arkiv.record.RecordMetadata;
import se.arkiv.record.RecordVersionStored;
import se.arkiv.storage.RecordStore;

/**
 * Keeps the OpenSearch index in step with the store. Every stored version is indexed as it is
 * announced; one the cluster did not take (a node died, the cluster was failing over) is written
 * again from the store every {@code arkiv.search.opensearch.retry-interval} (5 s) until it is in,
 * and the port is not current meanwhile (holds by query wait). So the index catches up by itself
 * after an outage, and no acknowledged record stays out of it.
 */
class OpenSearchIndexing implements DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(OpenSearchIndexing.class);
  private static final Duration FILL_AGAIN = Duration.ofSeconds(30);

  private final OpenSearchSearch search;
  private final RecordStore store;
  private final boolean oneOfSeveral;
  private final Set<RecordId> missed = ConcurrentHashMap.newKeySet();
  private volatile boolean filled;

  /**
   * A fill reads the whole store: on a scheduler of its own, since Spring's one scheduling thread
   * runs the retries and the audit seals, which must not wait for it.
   */
  private final ThreadPoolTaskScheduler filler = new ThreadPoolTaskScheduler();

  OpenSearchIndexing(OpenSearchSearch search, RecordStore store, boolean oneOfSeveral) {
    this.search = search;
    this.store = store;
    this.oneOfSeveral = oneOfSeveral;
    filler.setThreadNamePrefix("opensearch-fill-");
    filler.setDaemon(true);
    filler.initialize();
  }

  @EventListener
  void on(RecordVersionStored event) {
    try {
      search.index(event.metadata(), text(event.metadata(), event.text()));
    } catch (RuntimeException e) {
      missed(event.metadata().id(), e);
    }
  }

  private void missed(RecordId id, RuntimeException e) {
    missed.add(id);
    search.lost();
    log.warn(
        "Indexing {} in OpenSearch failed; it is written again shortly: {}",
        id.value(),
        e.toString());
  }

  /** The records whose last write the cluster did not take, written again from the store. */
  @Scheduled(
      initialDelayString = "${arkiv.search.opensearch.retry-interval:5s}",
      fixedDelayString = "${arkiv.search.opensearch.retry-interval:5s}")
  void writeMissedAgain() {
    if (missed.isEmpty()) {
      return;
    }
    int before = missed.size();
    for (RecordId id : Set.copyOf(missed)) {
      try {
        store
            .latest(id)
            .ifPresentOrElse(
                record -> search.index(record, text(record, null)), () -> search.forget(id));
        missed.remove(id);
      } catch (RuntimeException e) {
        log.info("OpenSearch still does not take {} records: {}", missed.size(), e.toString());
        return;
      }
    }
    log.info("OpenSearch took the {} records it had missed", before);
    if (filled && missed.isEmpty()) {
      search.markCurrent();
    }
  }

  @EventListener(ApplicationReadyEvent.class)
  void fill() {
    filler.execute(this::fillOrTryAgain);
  }

  private void fillOrTryAgain() {
    if (!fillOnce()) {
      filler.schedule(this::fillOrTryAgain, Instant.now().plus(FILL_AGAIN));
    }
  }

  @Override
  public void destroy() {
    filler.shutdown();
  }

  /**
   * Fills the index from the store; false when the cluster failed it (tried again in 30 s, and the
   * port stays not current meanwhile).
   */
  private boolean fillOnce() {
    try {
      long began = System.nanoTime();
      Consumer<Consumer<Map.Entry<RecordMetadata, String>>> records =
          each ->
              store
                  .latestRecords()
                  .forEach(record -> each.accept(Map.entry(record, text(record, null))));
      // A rebuild into a new index would miss what other nodes write meanwhile.
      if (oneOfSeveral) {
        search.refill(records);
      } else {
        search.rebuild(records);
      }
      filled = true;
      if (!missed.isEmpty()) {
        search.lost(); // current again once the missed records are in
      }
      log.info(
          "OpenSearch index {} from the store in {} ms",
          oneOfSeveral ? "refilled in place" : "rebuilt",
          (System.nanoTime() - began) / 1_000_000);
      return true;
    } catch (RuntimeException e) {
      log.error("Filling the OpenSearch index from the store failed; trying again in 30 s", e);
      return false;
    }
  }

  private String text(RecordMetadata record, String known) {
    if (record.extraction().status() != ExtractionStatus.DONE) {
      return null;
    }
    return known != null ? known : store.readText(record.id()).orElse("");
  }
}
