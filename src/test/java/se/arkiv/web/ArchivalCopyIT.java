package se.arkiv.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static se.arkiv.testing.RunningArkiv.AUDITOR;
import static se.arkiv.testing.RunningArkiv.CLERK;

import java.io.IOException;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import se.arkiv.testing.ArkivClient;
import se.arkiv.testing.PdfAValidation;
import se.arkiv.testing.RunningArkiv;
import se.arkiv.testing.ScanFiles;
import se.arkiv.testing.Tesseract;
import se.arkiv.testing.TestDocuments;
import se.arkiv.testing.UiSession;
import tools.jackson.databind.JsonNode;

/**
 * Archival copies over HTTP: a scan and a born-digital PDF filed as clerks file them come back as
 * PDF/A-2b that veraPDF accepts, with the words OCR read (or the PDF's own text) in an invisible
 * layer; an encrypted or damaged PDF, and an office file, get a problem that says why, while their
 * originals still download.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ArchivalCopyIT {

  private static final String HR_CLERK = "hanna";

  private RunningArkiv arkiv;
  private ArkivClient client;

  @BeforeAll
  void start() throws Exception {
    arkiv =
        RunningArkiv.start(
            Map.of("arkiv.extraction.timeout", "300s"),
            new RunningArkiv.ExtraUser(HR_CLERK, "CLERK", "HR"));
    client = arkiv.client();
  }

  @AfterAll
  void stop() throws Exception {
    if (arkiv != null) {
      arkiv.close();
    }
  }

  @Test
  void aScanGetsAPdfACopyWithTheWordsOcrRead() throws IOException {
    assumeTrue(
        Tesseract.withSwedishAndEnglish(),
        "tesseract is not installed: ./scripts/test installs it");
    byte[] png =
        TestDocuments.image(
            TestDocuments.scan(0, "Kvitto taxiresa Stockholm", "Summa 1234 kronor"), "png");
    String id = fileAndExtract(CLERK, "kvitto.png", png, "{\"recordClass\":\"EXPENSE\"}");

    ArkivClient.Response copy = client.get("/api/records/" + id + "/archival", AUDITOR);

    assertThat(copy.status()).as(copy.text()).isEqualTo(200);
    assertThat(copy.header("Content-Type")).startsWith("application/pdf");
    assertThat(copy.header("Content-Disposition")).contains("kvitto-archival.pdf");
    assertThat(PdfAValidation.pdfA2bFailures(copy.body())).isEmpty();
    assertThat(text(copy.body())).contains("Kvitto").contains("Stockholm").contains("1234");
    JsonNode record = client.get("/api/records/" + id, AUDITOR).json();
    assertThat(record.get("extraction").get("archival").get("conformance").asString())
        .isEqualTo("PDF/A-2b");
  }

  @Test
  void aJpegATiffStackAndAScannedPdfGetCopiesWithEveryPagesWords() throws IOException {
    assumeTrue(
        Tesseract.withSwedishAndEnglish(),
        "tesseract is not installed: ./scripts/test installs it");
    var first = TestDocuments.scan(0, "Leverantörsfaktura Göteborg");
    var second = TestDocuments.scan(0, "Betalningsvillkor trettio dagar");
    Map<String, byte[]> scans =
        Map.of(
            "faktura.jpg", TestDocuments.image(first, "jpg"),
            "faktura.tif", TestDocuments.multiPageTiff(first, second),
            "faktura.pdf", ScanFiles.jpegPdf(first, second));
    for (Map.Entry<String, byte[]> scan : scans.entrySet()) {
      String id =
          fileAndExtract(CLERK, scan.getKey(), scan.getValue(), "{\"recordClass\":\"EXPENSE\"}");

      ArkivClient.Response copy = client.get("/api/records/" + id + "/archival", AUDITOR);

      assertThat(copy.status()).as(scan.getKey() + ": " + copy.text()).isEqualTo(200);
      assertThat(PdfAValidation.pdfA2bFailures(copy.body())).as(scan.getKey()).isEmpty();
      String text = text(copy.body());
      assertThat(text).as(scan.getKey()).contains("Leverantörsfaktura");
      if (!scan.getKey().endsWith(".jpg")) {
        assertThat(text).as(scan.getKey()).contains("Betalningsvillkor");
      }
    }
  }

  @Test
  void aBornDigitalPdfGetsAPdfACopyWithItsTextAuditedAsADownload() throws IOException {
    byte[] pdf = TestDocuments.pdf("Verifikation 4711", "Bokföring av ingående moms");
    String id = fileAndExtract(CLERK, "verifikation.pdf", pdf, "{\"recordClass\":\"ACC-VOUCHER\"}");

    ArkivClient.Response copy = client.get("/api/records/" + id + "/archival", AUDITOR);

    assertThat(copy.status()).as(copy.text()).isEqualTo(200);
    assertThat(PdfAValidation.pdfA2bFailures(copy.body())).isEmpty();
    assertThat(text(copy.body()))
        .contains("Verifikation 4711")
        .contains("Bokföring av ingående moms");
    assertThat(client.get("/api/records/" + id + "/content", AUDITOR).body()).isEqualTo(pdf);
    // The text was searchable first (version 2); the copy came after, in a version of its own.
    JsonNode record = client.get("/api/records/" + id, AUDITOR).json();
    assertThat(record.get("version").asInt()).isEqualTo(3);
    assertThat(record.get("extraction").get("archival").get("conformance").asString())
        .isEqualTo("PDF/A-2b");
    JsonNode history =
        client
            .await(
                () -> client.get("/api/records/" + id + "/history", AUDITOR),
                r -> r.text().contains("\"archival\""))
            .json();
    assertThat(history)
        .anyMatch(
            e ->
                e.get("action").asString().equals("record.download")
                    && e.get("actor").asString().equals(AUDITOR)
                    && e.get("details").get("copy").asString().equals("archival"));
  }

  @Test
  void theRecordPageOffersTheCopyAndTheUiDownloadsIt() throws IOException {
    String id =
        fileAndExtract(
            CLERK,
            "faktura.pdf",
            TestDocuments.pdf("Faktura 5521"),
            "{\"recordClass\":\"ACC-VOUCHER\"}");
    UiSession ui = new UiSession("http://localhost:" + arkiv.port());
    assertThat(ui.login(AUDITOR, AUDITOR)).isTrue();

    assertThat(ui.get("/records/" + id).body())
        .contains("href=\"/records/" + id + "/archival\"")
        .contains("Ladda ned arkivexemplar (PDF/A)");
    UiSession.Page copy = ui.get("/records/" + id + "/archival");
    assertThat(copy.status()).isEqualTo(200);
    assertThat(copy.body()).startsWith("%PDF-");
  }

  @Test
  void anOfficeFileSaysOnItsRecordPageThatItHasNoCopy() {
    String id =
        fileAndExtract(
            CLERK,
            "anteckning.docx",
            TestDocuments.docx("Anteckning"),
            "{\"recordClass\":\"ACC-VOUCHER\"}");
    UiSession ui = new UiSession("http://localhost:" + arkiv.port());
    assertThat(ui.login(AUDITOR, AUDITOR)).isTrue();

    String page = ui.get("/records/" + id).body();

    assertThat(page).contains("Inget arkivexemplar (PDF/A)").doesNotContain("/archival\"");
  }

  @Test
  void anEncryptedPdfGetsAProblemAndItsOriginalStillDownloads() {
    assertRefusedWithTheOriginalKept(
        "hemlig.pdf", TestDocuments.encryptedPdf("Hemlig bilaga"), "encrypted with a password");
  }

  @Test
  void aDamagedPdfGetsAProblemAndItsOriginalStillDownloads() {
    assertRefusedWithTheOriginalKept("trasig.pdf", TestDocuments.corruptPdf(), "cannot be read");
  }

  private void assertRefusedWithTheOriginalKept(String name, byte[] pdf, String why) {
    String id = fileAndExtract(CLERK, name, pdf, "{\"recordClass\":\"ACC-VOUCHER\"}");

    ArkivClient.Response copy = client.get("/api/records/" + id + "/archival", AUDITOR);

    assertThat(copy.status()).isEqualTo(409);
    assertThat(copy.header("Content-Type")).startsWith("application/problem+json");
    assertThat(copy.json().get("title").asString()).isEqualTo("No archival copy");
    assertThat(copy.json().get("detail").asString())
        .startsWith("No archival copy was made")
        .contains(why);
    assertThat(client.get("/api/records/" + id + "/content", AUDITOR).body()).isEqualTo(pdf);
  }

  @Test
  void anOfficeFileIsNotConvertedAndTheProblemSaysSo() {
    String id =
        fileAndExtract(
            CLERK,
            "brev.docx",
            TestDocuments.docx("Brev om ränteändring"),
            "{\"recordClass\":\"ACC-VOUCHER\"}");

    ArkivClient.Response copy = client.get("/api/records/" + id + "/archival", AUDITOR);

    assertThat(copy.status()).isEqualTo(409);
    assertThat(copy.json().get("detail").asString()).contains("only PDFs and images are converted");
  }

  @Test
  void aClerkReadsTheCopyOnlyWhereTheyMayReadTheOriginal() {
    String id =
        fileAndExtract(
            HR_CLERK,
            "personalakt.pdf",
            TestDocuments.pdf("Personalakt E-77"),
            "{\"recordClass\":\"HR-FILE\",\"keys\":{\"employeeId\":\"E-77\"}}");

    int original = client.get("/api/records/" + id + "/content", CLERK).status();
    assertThat(original).isIn(403, 404);
    assertThat(client.get("/api/records/" + id + "/archival", CLERK).status()).isEqualTo(original);
    assertThat(client.get("/api/records/" + id + "/archival", HR_CLERK).status()).isEqualTo(200);
    assertThat(client.get("/api/records/" + id + "/archival", RunningArkiv.ADMIN).status())
        .isEqualTo(403);
  }

  private String fileAndExtract(String user, String name, byte[] content, String metadata) {
    ArkivClient.Response filed = client.file(user, name, content, metadata);
    assertThat(filed.status()).as(filed.text()).isEqualTo(201);
    String id = filed.json().get("id").asString();
    client.awaitArchivalCopy(id);
    return id;
  }

  private static String text(byte[] pdf) throws IOException {
    try (PDDocument document = Loader.loadPDF(pdf)) {
      return new PDFTextStripper().getText(document);
    }
  }
}
