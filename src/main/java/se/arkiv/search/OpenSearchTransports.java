package se.arkiv.search;

import java.net.URI;
import javax.net.ssl.SSLContext;
import org.apache.hc.client5.http.auth.AuthScope;
import org.apache.hc.client5.http.auth.UsernamePasswordCredentials;
import org.apache.hc.client5.http.impl.auth.BasicCredentialsProvider;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.ClientTlsStrategyBuilder;
import org.apache.hc.core5.http.HttpHost;
import org.opensearch.client.transport.OpenSearchTransport;
import org.opensearch.client.transport.httpclient5.ApacheHttpClient5TransportBuilder;

/**
 * The HTTP client of the OpenSearch engine: every node of the cluster, basic auth when a user is
 * set, and TLS either from the JVM's trust store or from a Spring Boot SSL bundle ({@code
 * arkiv.search.opensearch.ssl-bundle}), whose key store is the client certificate where the cluster
 * asks for one.
 */
final class OpenSearchTransports {

  /** As the OpenSearch client's own defaults, which a connection manager of ours replaces. */
  private static final int CONNECTIONS_PER_NODE = 10;

  private static final int CONNECTIONS = 30;

  private OpenSearchTransports() {}

  /**
   * @param tls the TLS context of the bundle named in the settings, or null for the JVM's default
   */
  static OpenSearchTransport of(OpenSearchSettings.Cluster cluster, SSLContext tls) {
    HttpHost[] hosts =
        cluster.urls().stream()
            .map(u -> new HttpHost(u.getScheme(), u.getHost(), port(u)))
            .toArray(HttpHost[]::new);
    ApacheHttpClient5TransportBuilder builder = ApacheHttpClient5TransportBuilder.builder(hosts);
    BasicCredentialsProvider credentials = new BasicCredentialsProvider();
    if (!cluster.username().isEmpty()) {
      for (HttpHost host : hosts) {
        credentials.setCredentials(
            new AuthScope(host),
            new UsernamePasswordCredentials(cluster.username(), cluster.password().toCharArray()));
      }
    }
    builder.setHttpClientConfigCallback(
        client -> {
          if (!cluster.username().isEmpty()) {
            client.setDefaultCredentialsProvider(credentials);
          }
          if (tls != null) {
            client.setConnectionManager(
                PoolingAsyncClientConnectionManagerBuilder.create()
                    .setMaxConnPerRoute(CONNECTIONS_PER_NODE)
                    .setMaxConnTotal(CONNECTIONS)
                    .setTlsStrategy(ClientTlsStrategyBuilder.create().setSslContext(tls).build())
                    .build());
          }
          return client;
        });
    return builder.build();
  }

  private static int port(URI url) {
    if (url.getPort() > 0) {
      return url.getPort();
    }
    return "https".equals(url.getScheme()) ? 443 : 9200;
  }
}
