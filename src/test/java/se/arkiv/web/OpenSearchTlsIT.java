package se.arkiv.web;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static se.arkiv.testing.RunningArkiv.AUDITOR;
import static se.arkiv.testing.RunningArkiv.MANAGER;

import java.nio.file.Path;
import java.security.cert.CertPathBuilderException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import se.arkiv.testing.ArkivClient;
import se.arkiv.testing.OpenSearchCluster;
import se.arkiv.testing.RunningArkiv;
import se.arkiv.testing.TlsForwarder;

/**
 * The OpenSearch engine over TLS with a client certificate, from a Spring Boot SSL bundle ({@code
 * arkiv.search.opensearch.ssl-bundle}). The real cluster's nodes speak plain HTTP here (their
 * launcher has no security plugin), so {@link TlsForwarder} stands in front of one and refuses any
 * client without a certificate it trusts.
 */
@Tag("opensearch")
@ExtendWith(OpenSearchCluster.class)
class OpenSearchTlsIT {

  @TempDir static Path dir;
  private static TlsForwarder.Certificates certificates;
  private static TlsForwarder tls;

  @BeforeAll
  static void start() throws Exception {
    certificates = TlsForwarder.certificates(dir);
    tls = TlsForwarder.start(certificates, OpenSearchCluster.urls().get(0));
  }

  @AfterAll
  static void stop() throws Exception {
    tls.close();
  }

  @Test
  void withTheBundleTheNodeFilesAndSearchesOverTlsWithItsClientCertificate() throws Exception {
    Map<String, Object> properties = over(tls);
    String bundle = "spring.ssl.bundle.jks.opensearch.";
    properties.put(bundle + "keystore.location", "file:" + certificates.clientKeys());
    properties.put(bundle + "keystore.password", TlsForwarder.PASSWORD);
    properties.put(bundle + "keystore.type", "PKCS12");
    properties.put(bundle + "truststore.location", "file:" + certificates.clientTrust());
    properties.put(bundle + "truststore.password", TlsForwarder.PASSWORD);
    properties.put(bundle + "truststore.type", "PKCS12");
    properties.put("arkiv.search.opensearch.ssl-bundle", "opensearch");
    try (RunningArkiv arkiv = RunningArkiv.start(properties)) {
      ArkivClient client = arkiv.client();
      String id =
          client.fileExtracted(
              MANAGER,
              "kyc.txt",
              "Kundkännedom för kund K4711, tlsprov".getBytes(UTF_8),
              "{\"recordClass\":\"CORRESPONDENCE\"}");

      ArkivClient.Response found =
          client.await(
              () -> client.search(AUDITOR, "q", "tlsprov"),
              r -> r.json().path("total").asLong() == 1);
      assertThat(found.json().path("hits").get(0).path("id").asString()).isEqualTo(id);
    }
    assertThat(tls.clients()).isNotEmpty().allMatch("CN=arkiv-node"::equals);
  }

  @Test
  void withoutTheBundleTheClusterIsNotTrustedAndTheNodeDoesNotStart() {
    int handshakes = tls.clients().size();
    assertThatThrownBy(() -> RunningArkiv.start(over(tls)))
        .hasRootCauseInstanceOf(
            CertPathBuilderException.class); // "unable to find valid certification path"
    assertThat(tls.clients()).hasSize(handshakes);
  }

  private static Map<String, Object> over(TlsForwarder tls) {
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("arkiv.search.engine", "opensearch");
    properties.put("arkiv.search.opensearch.urls", tls.url().toString());
    properties.put("arkiv.search.opensearch.alias", "tls-" + System.nanoTime());
    properties.put("arkiv.extraction.archival-copies", "false");
    return properties;
  }
}
