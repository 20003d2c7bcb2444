package se.arkiv.search;

import java.net.URI;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code arkiv.search.*}: which engine answers the search port, and where OpenSearch is.
 *
 * @param engine {@code lucene} (default: the embedded index) or {@code opensearch}
 * @param opensearch the cluster, read only when the engine is {@code opensearch}
 */
@ConfigurationProperties("arkiv.search")
public record OpenSearchSettings(@DefaultValue("lucene") String engine, Cluster opensearch) {

  /**
   * @param urls every node the client may call ({@code http://} or {@code https://})
   * @param username basic-auth user, or empty for none
   * @param password basic-auth password
   * @param alias the alias searches and writes go through; a rebuild fills a new index behind it
   * @param shards primary shards of a new index (one replica where the cluster has a second node)
   * @param sslBundle for {@code https://}: the Spring Boot SSL bundle ({@code
   *     spring.ssl.bundle.pem.<name>} or {@code .jks.<name>}) whose trust store holds the cluster's
   *     CA and whose key store, if any, the client certificate; empty for the JVM's trust store
   */
  public record Cluster(
      @DefaultValue("http://127.0.0.1:9200") List<URI> urls,
      @DefaultValue("") String username,
      @DefaultValue("") String password,
      @DefaultValue("arkiv-records") String alias,
      @DefaultValue("1") int shards,
      @DefaultValue("") String sslBundle) {}
}
