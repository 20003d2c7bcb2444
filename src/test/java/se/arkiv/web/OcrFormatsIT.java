package se.arkiv.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static se.arkiv.testing.RunningArkiv.AUDITOR;
import static se.arkiv.testing.RunningArkiv.CLERK;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import se.arkiv.testing.ArkivClient;
import se.arkiv.testing.ArkivService;
import se.arkiv.testing.ScanFiles;
import se.arkiv.testing.Tesseract;
import se.arkiv.testing.TestDocuments;
import tools.jackson.databind.JsonNode;

/**
 * The encodings scanning rooms file, read by real Tesseract: TIFF (one page and a multi-page
 * stack), JPEG, JPEG 2000, and PDFs whose pages are one image, one JPEG or one JPEG 2000 scan each.
 * The service decodes JPEG 2000 nowhere in Java (as in production, see {@link
 * ScanFiles#withoutJavaJpeg2000Reader}), so its words can only come from the scan handed to
 * Tesseract as it is.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OcrFormatsIT {

  /** One filed scan: each page's words, which a search must find. */
  record Scan(String fileName, String mediaType, Supplier<byte[]> content, List<String> pageWords) {
    @Override
    public String toString() {
      return fileName;
    }
  }

  @RegisterExtension
  static final ArkivService arkiv = ArkivService.with(Map.of("arkiv.extraction.timeout", "300s"));

  private ArkivClient client;

  @BeforeAll
  void start() throws Exception {
    assumeTrue(
        Tesseract.withSwedishAndEnglish(),
        "tesseract is not installed: ./scripts/test and .ci/run install it"
            + " (apt-get install tesseract-ocr tesseract-ocr-swe tesseract-ocr-eng)");
    ScanFiles.withoutJavaJpeg2000Reader();
    client = arkiv.client();
  }

  static Stream<Scan> scans() {
    return Stream.of(
        new Scan(
            "lonebunt.tif",
            "image/tiff",
            () ->
                TestDocuments.multiPageTiff(
                    TestDocuments.scan(1, "Lönespecifikation för januari"),
                    TestDocuments.scan(-1, "Semesterersättning betalas ut"),
                    TestDocuments.scan(0.5, "Traktamente enligt reseräkningen")),
            List.of("lönespecifikation", "semesterersättning", "traktamente")),
        new Scan(
            "kontoavtal.jp2",
            "image/jp2",
            () -> ScanFiles.jpeg2000(TestDocuments.scan(1, "Kontoavtalet är undertecknat")),
            List.of("kontoavtalet")),
        new Scan(
            "avtal-jpx.pdf",
            "application/pdf",
            () ->
                ScanFiles.jpeg2000Pdf(
                    TestDocuments.scan(-1, "Fullmakt för depåförvaltning"),
                    TestDocuments.scan(1, "Counterparty settlement instructions")),
            List.of("depåförvaltning", "counterparty")),
        new Scan(
            "kvitton-jpeg.pdf",
            "application/pdf",
            () ->
                ScanFiles.jpegPdf(
                    TestDocuments.scan(2, "Kvitto från hotellvistelsen"),
                    TestDocuments.scan(-2, "Parking receipt from the airport")),
            List.of("hotellvistelsen", "airport")),
        new Scan(
            "kvitto.tif",
            "image/tiff",
            () ->
                TestDocuments.image(
                    TestDocuments.scan(2, "Kvitto för tjänsteresa", "Bokföringen av resan är klar"),
                    "tiff"),
            // Stemmed: the scan says "Bokföringen".
            List.of("bokföring")),
        new Scan(
            "claim.jpg",
            "image/jpeg",
            () ->
                TestDocuments.image(
                    TestDocuments.scan(
                        -1.5, "Travel expense claim", "The taxi receipts are attached"),
                    "jpeg"),
            List.of("receipt")),
        new Scan(
            "utlagg.pdf",
            "application/pdf",
            () ->
                TestDocuments.imagePdf(
                    TestDocuments.scan(1, "Utlägg för konferensmiddag", "Belopp 1250 kronor")),
            List.of("konferensmiddag")));
  }

  @ParameterizedTest(name = "every page of {0} is read, scored and found")
  @MethodSource("scans")
  void everyPageOfTheScanIsReadScoredAndFound(Scan scan) {
    String customer = "OCR-FORMAT-" + scan.fileName();
    JsonNode record = fileAndExtract(scan.fileName(), scan.content().get(), customer);

    assertThat(record.get("mediaType").asString()).isEqualTo(scan.mediaType());
    assertThat(record.get("extraction").get("status").asString()).isEqualTo("DONE");
    JsonNode pages = record.get("extraction").get("ocrPages");
    assertThat(pages).hasSize(scan.pageWords().size());
    for (int i = 0; i < pages.size(); i++) {
      assertThat(pages.get(i).get("page").asInt()).isEqualTo(i + 1);
      assertThat(pages.get(i).get("confidence").asDouble()).isGreaterThan(50);
    }
    for (String word : scan.pageWords()) {
      assertThat(hits("q", word, "customerId", customer)).as(word).isEqualTo(1);
    }
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
}
