package se.arkiv.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static se.arkiv.testing.RunningArkiv.AUDITOR;
import static se.arkiv.testing.RunningArkiv.CLERK;

import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import se.arkiv.testing.ArkivClient;
import se.arkiv.testing.ArkivService;
import se.arkiv.testing.Tesseract;
import se.arkiv.testing.TestDocuments;
import tools.jackson.databind.JsonNode;

/**
 * Scanned paperwork read by real Tesseract (Swedish and English): what OCR does with a stack cut
 * short, an image bomb, a PDF with one text page and one scanned page, a born-digital PDF, and low
 * confidence. Each format read page by page is {@link OcrFormatsIT}'s.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OcrIT {

  @RegisterExtension
  static final ArkivService arkiv = ArkivService.with(Map.of("arkiv.extraction.timeout", "300s"));

  private ArkivClient client;

  @BeforeAll
  void start() throws Exception {
    assumeTrue(
        Tesseract.withSwedishAndEnglish(),
        "tesseract is not installed: ./scripts/test and .ci/run install it"
            + " (apt-get install tesseract-ocr tesseract-ocr-swe tesseract-ocr-eng)");
    client = arkiv.client();
  }

  private JsonNode fileAndExtract(String name, byte[] content, String customer) {
    var filed =
        client.file(
            CLERK,
            name,
            content,
            "{\"recordClass\":\"EXPENSE\",\"keys\":{\"customerId\":\"" + customer + "\"}}");
    assertThat(filed.status()).as(filed.text()).isEqualTo(201);
    String id = filed.json().get("id").asString();
    return client
        .await(
            () -> client.get("/api/records/" + id, AUDITOR),
            r -> !"PENDING".equals(r.json().get("extraction").get("status").asString()))
        .json();
  }

  /** The total once the index shows at least one hit (it refreshes in the background). */
  private long hits(String... parameters) {
    return client
        .await(
            () -> client.search(AUDITOR, parameters),
            r -> r.status() == 200 && r.json().get("total").asLong() > 0)
        .json()
        .get("total")
        .asLong();
  }

  private long hitsNow(String... parameters) {
    return client.search(AUDITOR, parameters).json().get("total").asLong();
  }

  @Test
  void aScanStackCutShortKeepsThePagesThatCanBeRead() {
    byte[] tiff =
        TestDocuments.multiPageTiff(
            TestDocuments.scan(1, "Första sidan om pensionsavsättningen"),
            TestDocuments.scan(-1, "Andra sidan som aldrig kom fram"));
    byte[] cut = Arrays.copyOf(tiff, tiff.length * 3 / 4); // page 2 is incomplete
    JsonNode record = fileAndExtract("avbruten.tif", cut, "OCR-CUT");
    assertThat(record.get("extraction").get("status").asString()).isEqualTo("DONE");
    JsonNode pages = record.get("extraction").get("ocrPages");
    assertThat(pages).hasSize(1);
    assertThat(pages.get(0).get("page").asInt()).isEqualTo(1);
    assertThat(hits("q", "pensionsavsättningen", "customerId", "OCR-CUT")).isEqualTo(1);
    String id = record.get("id").asString();
    assertThat(client.get("/api/records/" + id + "/content", AUDITOR).body()).isEqualTo(cut);
  }

  @Test
  void anImageThatWouldFillTheHeapIsArchivedButNotDecoded() {
    byte[] bomb = TestDocuments.pngBomb(20_000); // 400 million pixels in a small file
    assertThat(bomb.length).isLessThan(2_000_000);
    JsonNode record = fileAndExtract("bomb.png", bomb, "OCR-BOMB");
    assertThat(record.get("extraction").get("ocrPages")).isEmpty();
    String id = record.get("id").asString();
    assertThat(client.get("/api/records/" + id + "/content", AUDITOR).body()).isEqualTo(bomb);
    assertThat(client.get("/actuator/health", null).status()).isEqualTo(200);
  }

  @Test
  void inAMixedPdfOnlyTheScannedPageIsOcrd() {
    byte[] pdf =
        TestDocuments.mixedPdf(
            "Sida ett har ett riktigt textlager",
            TestDocuments.scan(2, "Inskannad sida med kvittonummer 7781"));
    JsonNode record = fileAndExtract("blandad.pdf", pdf, "OCR-MIX");
    JsonNode pages = record.get("extraction").get("ocrPages");
    assertThat(pages).hasSize(1);
    assertThat(pages.get(0).get("page").asInt()).isEqualTo(2);
    assertThat(hits("q", "kvittonummer", "customerId", "OCR-MIX")).isEqualTo(1);
    assertThat(hits("q", "textlager", "customerId", "OCR-MIX")).isEqualTo(1);
  }

  @Test
  void aBornDigitalPdfIsNeverOcrd() {
    JsonNode record =
        fileAndExtract(
            "digital.pdf",
            TestDocuments.pdf("Helt digital faktura", "utan inskannade sidor"),
            "OCR-NONE");
    assertThat(record.get("extraction").get("ocrPages")).isEmpty();
    // Once the index shows the record, the low-confidence filter must leave it out.
    assertThat(hits("customerId", "OCR-NONE")).isEqualTo(1);
    assertThat(hitsNow("customerId", "OCR-NONE", "maxOcrConfidence", "100")).isZero();
  }

  @Test
  void clerksCanListScansWhoseOcrConfidenceIsLow() {
    fileAndExtract(
        "lag.tif",
        TestDocuments.image(TestDocuments.scan(0, "Ett kort kvitto"), "tiff"),
        "OCR-LOW");
    assertThat(hits("customerId", "OCR-LOW", "maxOcrConfidence", "100")).isEqualTo(1);
    assertThat(hitsNow("customerId", "OCR-LOW", "maxOcrConfidence", "5")).isZero();
    assertThat(client.search(AUDITOR, "maxOcrConfidence", "lite").status()).isEqualTo(400);
  }
}
