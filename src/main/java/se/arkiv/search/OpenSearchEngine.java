package se.arkiv.search;

import java.time.Clock;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import se.arkiv.cluster.LeaseStore;
import se.arkiv.cluster.NodeSettings;
import se.arkiv.record.ExtractionStatus;
import se.arkiv.record.RecordMetadata;
import se.arkiv.record.RecordVersionStored;
import se.arkiv.storage.RecordStore;

/**
 * {@code arkiv.search.engine=opensearch}: the search port answered by an OpenSearch cluster. Every
 * stored version is indexed there as it is announced; at start-up a new index is filled from the
 * store in the background and the alias switched to it (on a node of several, the shared index is
 * refilled in place instead), and only then is the port current (holds by query wait for it). The
 * embedded Lucene index is still kept on this node for what is not ported yet (class suggestions,
 * index-based retention candidates, the store comparison).
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

  /** The nodes' lease, used only when this node is one of several ({@code arkiv.node.id}). */
  @Bean
  LeaseStore openSearchLeases(OpenSearchSearch search, OpenSearchSettings engine) {
    return new OpenSearchLeases(search, engine.opensearch().alias());
  }

  @Bean
  Indexing openSearchIndexing(OpenSearchSearch search, RecordStore store, NodeSettings node) {
    return new Indexing(search, store, node.nodeId().isPresent());
  }

  /** Keeps the OpenSearch index in step with the store. */
  static final class Indexing {
    private final OpenSearchSearch search;
    private final RecordStore store;
    private final boolean oneOfSeveral;

    Indexing(OpenSearchSearch search, RecordStore store, boolean oneOfSeveral) {
      this.search = search;
      this.store = store;
      this.oneOfSeveral = oneOfSeveral;
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
                  // A rebuild into a new index would miss what other nodes write meanwhile.
                  Consumer<Consumer<Map.Entry<RecordMetadata, String>>> records =
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
                                                      Map.entry(record, text(record, null)))));
                  if (oneOfSeveral) {
                    search.refill(records);
                  } else {
                    search.rebuild(records);
                  }
                  log.info(
                      "OpenSearch index {} from the store in {} ms",
                      oneOfSeveral ? "refilled in place" : "rebuilt",
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
