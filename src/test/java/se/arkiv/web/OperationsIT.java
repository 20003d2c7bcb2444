package se.arkiv.web;

import static org.assertj.core.api.Assertions.assertThat;
import static se.arkiv.testing.RunningArkiv.ADMIN;
import static se.arkiv.testing.RunningArkiv.AUDITOR;
import static se.arkiv.testing.RunningArkiv.CLERK;
import static se.arkiv.testing.RunningArkiv.MANAGER;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import se.arkiv.extraction.InProcessExtractionSource;
import se.arkiv.testing.ArkivClient;
import se.arkiv.testing.ArkivService;
import se.arkiv.testing.TestDocuments;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** What an operations team scrapes and probes: Prometheus meters and health, over HTTP. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OperationsIT {

  private static final String METADATA = "{\"recordClass\":\"CORRESPONDENCE\"}";

  @RegisterExtension
  static final ArkivService arkiv = ArkivService.with(Map.of(), InProcessExtractionSource.class);

  private ArkivClient client;

  @BeforeAll
  void start() throws Exception {
    client = arkiv.client();
  }

  @Test
  void prometheusCountsFilingsExtractionsSearchesAndStoreCallsForAdministratorsOnly() {
    String before = client.get("/actuator/prometheus", ADMIN).text();
    byte[] pdf = TestDocuments.pdf("Kvartalsrapport", "likviditet");
    var filed = client.file(CLERK, "rapport.pdf", pdf, METADATA);
    assertThat(filed.status()).isEqualTo(201);
    assertThat(client.file(CLERK, "igen.pdf", pdf, METADATA).status()).isEqualTo(200);
    assertThat(client.file(CLERK, "x.pdf", pdf, "{\"recordClass\":\"NO-SUCH\"}").status())
        .isBetween(400, 499);
    String id = filed.json().get("id").asString();
    client.await(
        () -> client.get("/api/records/" + id, AUDITOR),
        r -> "DONE".equals(r.json().get("extraction").get("status").asString()));
    // Extracted is not yet searchable: the index gauge counts what the refreshed searcher sees.
    client.await(
        () -> client.search(AUDITOR, "q", "likviditet"), r -> r.json().get("total").asLong() >= 1);
    assertThat(client.search(AUDITOR, "q", "recordClass:CORRESPONDENCE").status()).isEqualTo(200);

    var scrape = client.get("/actuator/prometheus", ADMIN);

    assertThat(scrape.status()).isEqualTo(200);
    String text = scrape.text();
    assertThat(
            increase(before, text, "arkiv_filings_total", "channel=\"upload\",outcome=\"filed\""))
        .isEqualTo(1);
    assertThat(
            increase(
                before, text, "arkiv_filings_total", "channel=\"upload\",outcome=\"duplicate\""))
        .isEqualTo(1);
    assertThat(
            increase(before, text, "arkiv_filings_total", "channel=\"upload\",outcome=\"refused\""))
        .isEqualTo(1);
    assertThat(value(text, "arkiv_filing_upload_bytes_sum", "")).isGreaterThanOrEqualTo(pdf.length);
    assertThat(
            increase(
                before,
                text,
                "arkiv_extraction_duration_seconds_count",
                "mediaType=\"application/pdf\",outcome=\"done\""))
        .isEqualTo(1);
    assertThat(value(text, "arkiv_search_seconds_count", "kind=\"words\",outcome=\"ok\""))
        .isGreaterThanOrEqualTo(1);
    assertThat(value(text, "arkiv_search_seconds_count", "kind=\"fielded\",outcome=\"ok\""))
        .isGreaterThanOrEqualTo(1);
    assertThat(
            value(text, "arkiv_store_calls_seconds_count", "operation=\"create\",outcome=\"ok\""))
        .isGreaterThanOrEqualTo(2);
    assertThat(value(text, "arkiv_index_documents", "")).isGreaterThanOrEqualTo(1);
    assertThat(text).contains("arkiv_index_lag ", "arkiv_extraction_waiting{lane=\"bulk\"}");
    assertThat(text).contains("arkiv_fixity_unresolved ");
    assertThat(text).doesNotContain("rapport.pdf", id);

    assertThat(client.get("/actuator/prometheus", MANAGER).status()).isEqualTo(403);
    assertThat(client.get("/actuator/prometheus", null).status()).isEqualTo(401);
  }

  @Test
  void healthNamesEachComponentToAdministratorsAndOnlyTheStatusToOthers() {
    JsonNode health = client.get("/actuator/health", ADMIN).json();

    JsonNode components = health.get("components");
    assertThat(components.get("objectStore").get("status").asString()).isEqualTo("UP");
    assertThat(components.get("objectStore").get("details").get("retentionEnforcedBy").asString())
        .isEqualTo("Arkiv in software");
    assertThat(components.get("index").get("details").has("documents")).isTrue();
    assertThat(components.get("ocr").get("details").get("languages").toString())
        .contains("swe", "eng");
    assertThat(components.has("extraction")).isTrue();
    assertThat(components.get("diskSpace").get("details").get("path").asString()).endsWith("spool");
    assertThat(components.has("fixity")).isTrue();
    assertThat(components.get("audit").get("status").asString()).isEqualTo("UP");
    assertThat(components.get("audit").get("details").has("unsealedEntries")).isTrue();

    JsonNode anonymous = client.get("/actuator/health", null).json();
    assertThat(anonymous.has("status")).isTrue();
    assertThat(anonymous.has("components")).isFalse();
  }

  @Test
  void readinessAndLivenessAreProbesOfTheirOwn() {
    var readiness = client.get("/actuator/health/readiness", null);
    var liveness = client.get("/actuator/health/liveness", null);

    assertThat(readiness.status()).isEqualTo(200);
    assertThat(readiness.json().get("status").asString()).isEqualTo("UP");
    assertThat(liveness.status()).isEqualTo(200);
    JsonNode readyParts = client.get("/actuator/health/readiness", ADMIN).json().get("components");
    assertThat(readyParts.has("index")).isTrue();
    assertThat(readyParts.has("objectStore")).isTrue();
    assertThat(readyParts.has("ocr")).isFalse();
  }

  @Test
  void everyMeterTheGrafanaDashboardQueriesIsInALiveScrape() throws Exception {
    JsonNode dashboard =
        JsonMapper.builder()
            .build()
            .readTree(Files.readString(Path.of("docs/grafana-dashboard.json")));
    Set<String> queried = new TreeSet<>();
    for (JsonNode panel : dashboard.get("panels")) {
      for (JsonNode target : panel.get("targets")) {
        Matcher names =
            Pattern.compile("\\b((?:arkiv|http_server)_[a-z_]+)")
                .matcher(target.get("expr").asString());
        while (names.find()) {
          queried.add(names.group(1));
        }
      }
    }
    assertThat(queried).hasSizeGreaterThan(15);
    // A filing read to the end and a search first: meters tagged by media type or query kind are
    // made on first use.
    var filed = client.file(CLERK, "dash.pdf", TestDocuments.pdf("Instrumentpanel"), METADATA);
    String id = filed.json().get("id").asString();
    client.await(
        () -> client.get("/api/records/" + id, AUDITOR),
        r -> "DONE".equals(r.json().get("extraction").get("status").asString()));
    client.search(AUDITOR, "q", "x");

    String scrape = client.get("/actuator/prometheus", ADMIN).text();

    for (String name : queried) {
      assertThat(scrape).as(name).containsPattern("(?m)^" + name + "[{ ]");
    }
  }

  /** How much a sample grew between two scrapes; a sample not in the first counts from zero. */
  private static double increase(String before, String after, String name, String labels) {
    boolean existed =
        Pattern.compile("(?m)^" + Pattern.quote(name) + "\\{" + Pattern.quote(labels))
            .matcher(before)
            .find();
    return value(after, name, labels) - (existed ? value(before, name, labels) : 0);
  }

  /** The value of one Prometheus sample line, {@code name{labels} value}. */
  private static double value(String scrape, String name, String labels) {
    String selector = labels.isEmpty() ? "" : "\\{" + Pattern.quote(labels) + "[^}]*\\}";
    String unlabelled = labels.isEmpty() ? "(?:\\{[^}]*\\})?" : "";
    Matcher sample =
        Pattern.compile(
                "^" + Pattern.quote(name) + selector + unlabelled + " ([0-9.eE+-]+)$",
                Pattern.MULTILINE)
            .matcher(scrape);
    assertThat(sample.find()).as(name + " {" + labels + "} in the scrape").isTrue();
    return Double.parseDouble(sample.group(1));
  }
}
