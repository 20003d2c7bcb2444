package se.arkiv.search;

import java.time.Clock;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import se.arkiv.record.ExtractionStatus;
import se.arkiv.record.RecordMetadata;
import se.arkiv.record.RecordVersionStored;
import se.arkiv.storage.RecordStore;

/**
 * {@code arkiv.search.engine=opensearch}: the search port answered by an OpenSearch cluster. Every
 * stored version is indexed there as it is announced; at start-up a new index is filled from the
 * store in the background and the alias switched to it, and only then is the port current (holds by
 * query wait for it). The embedded Lucene index is still kept on this node for what is not ported
 * yet (class suggestions, index-based retention candidates, the store comparison).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "arkiv.search.engine", havingValue = "opensearch")
class OpenSearchEngine {

  private static final Logger log = LoggerFactory.getLogger(OpenSearchEngine.class);

  @Bean(destroyMethod = "close")
  OpenSearchSearch openSearchSearch(
      OpenSearchSettings engine, SearchSettings settings, Clock clock) {
    if (engine.opensearch() == null) {
      throw new IllegalStateException(
          "arkiv.search.engine=opensearch needs arkiv.search.opensearch.urls");
    }
    return new OpenSearchSearch(engine.opensearch(), settings, clock);
  }

  @Bean
  Indexing openSearchIndexing(OpenSearchSearch search, RecordStore store) {
    return new Indexing(search, store);
  }

  /** Keeps the OpenSearch index in step with the store. */
  static final class Indexing {
    private final OpenSearchSearch search;
    private final RecordStore store;

    Indexing(OpenSearchSearch search, RecordStore store) {
      this.search = search;
      this.store = store;
    }

    @EventListener
    void on(RecordVersionStored event) {
      try {
        search.index(event.metadata(), text(event.metadata(), event.text()));
      } catch (RuntimeException e) {
        // The port is no longer current: holds by query refuse until the next rebuild.
        search.lost();
        log.warn("Indexing {} in OpenSearch failed", event.metadata().id().value(), e);
      }
    }

    @EventListener(ApplicationReadyEvent.class)
    void rebuild() {
      Thread thread =
          new Thread(
              () -> {
                try {
                  long began = System.nanoTime();
                  search.rebuild(
                      each ->
                          store
                              .recordIds()
                              .forEach(
                                  id ->
                                      store
                                          .latest(id)
                                          .ifPresent(
                                              record ->
                                                  each.accept(
                                                      Map.entry(record, text(record, null))))));
                  log.info(
                      "OpenSearch index rebuilt from the store in {} ms",
                      (System.nanoTime() - began) / 1_000_000);
                } catch (RuntimeException e) {
                  log.error("Rebuilding the OpenSearch index from the store failed", e);
                }
              },
              "opensearch-rebuild");
      thread.setDaemon(true);
      thread.start();
    }

    private String text(RecordMetadata record, String known) {
      if (record.extraction().status() != ExtractionStatus.DONE) {
        return null;
      }
      return known != null ? known : store.readText(record.id()).orElse("");
    }
  }
}
