package se.arkiv.web;

import static org.assertj.core.api.Assertions.assertThat;
import static se.arkiv.testing.RunningArkiv.AUDITOR;
import static se.arkiv.testing.RunningArkiv.CLERK;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import se.arkiv.extraction.SlowExtractionSource;
import se.arkiv.testing.ArkivClient;
import se.arkiv.testing.ArkivService;

/**
 * A burst of filings larger than the extraction queue (one place, and an extraction slower than
 * filing): the records beyond it wait in the backlog and are extracted as the queue empties, not
 * ten minutes later by the sweep.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExtractionBacklogIT {

  @RegisterExtension
  static final ArkivService arkiv =
      ArkivService.with(
          Map.of(
              "arkiv.extraction.queue-capacity", "1",
              "arkiv.extraction.threads", "1",
              // Only the sweep at start-up; the next one would be far beyond this test.
              "arkiv.extraction.sweep-interval", "1h"),
          SlowExtractionSource.class);

  private ArkivClient client;

  @BeforeAll
  void start() throws Exception {
    client = arkiv.client();
  }

  @Test
  void aBurstBeyondTheQueueIsExtractedAsTheQueueEmpties() {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      var filed =
          client.file(
              CLERK,
              "brev-" + i + ".txt",
              ("Kundbrev nummer " + i + " om skurborste").getBytes(StandardCharsets.UTF_8),
              "{\"recordClass\":\"CORRESPONDENCE\",\"keys\":{\"customerId\":\"BURST\"}}");
      assertThat(filed.status()).isEqualTo(201);
      ids.add(filed.json().get("id").asString());
    }
    for (String id : ids) {
      client.await(
          () -> client.get("/api/records/" + id, AUDITOR),
          r -> "DONE".equals(r.json().get("extraction").get("status").asString()));
    }
    client.await(
        () -> client.search(AUDITOR, "q", "skurborste"), r -> r.json().get("total").asLong() == 12);
  }
}
