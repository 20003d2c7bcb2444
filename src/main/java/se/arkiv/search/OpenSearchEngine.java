package se.arkiv.search;

import java.time.Clock;
import javax.net.ssl.SSLContext;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import se.arkiv.cluster.LeaseStore;
import se.arkiv.cluster.NodeSettings;
import se.arkiv.storage.RecordStore;

/**
 * {@code arkiv.search.engine=opensearch}: the search port answered by an OpenSearch cluster. Every
 * stored version is indexed there as it is announced; at start-up a new index is filled from the
 * store in the background and the alias switched to it (on a node of several, the shared index is
 * refilled in place instead), and only then is the port current (holds by query wait for it). The
 * embedded Lucene index is still kept on this node for what is not ported yet (index-based
 * retention candidates, the store comparison).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "arkiv.search.engine", havingValue = "opensearch")
class OpenSearchEngine {

  @Bean(destroyMethod = "close")
  OpenSearchSearch openSearchSearch(
      OpenSearchSettings engine,
      SearchSettings settings,
      Clock clock,
      ObjectProvider<SslBundles> bundles) {
    if (engine.opensearch() == null) {
      throw new IllegalStateException(
          "arkiv.search.engine=opensearch needs arkiv.search.opensearch.urls");
    }
    String bundle = engine.opensearch().sslBundle();
    SSLContext tls =
        bundle.isEmpty() ? null : bundles.getObject().getBundle(bundle).createSslContext();
    return new OpenSearchSearch(engine.opensearch(), settings, clock, tls);
  }

  /** The nodes' lease, used only when this node is one of several ({@code arkiv.node.id}). */
  @Bean
  LeaseStore openSearchLeases(OpenSearchSearch search, OpenSearchSettings engine) {
    return new OpenSearchLeases(search, engine.opensearch().alias());
  }

  /** Class suggestions learn from the whole shared index, not this node's filings. */
  @Bean
  SimilarRecords openSearchSimilarRecords(OpenSearchSearch search) {
    return new OpenSearchSimilarRecords(search);
  }

  @Bean
  OpenSearchIndexing openSearchIndexing(
      OpenSearchSearch search, RecordStore store, NodeSettings node) {
    return new OpenSearchIndexing(search, store, node.nodeId().isPresent());
  }
}
