package se.arkiv.web;

import static org.assertj.core.api.Assertions.assertThat;
import static se.arkiv.testing.RunningArkiv.AUDITOR;
import static se.arkiv.testing.RunningArkiv.CLERK;
import static se.arkiv.testing.RunningArkiv.MANAGER;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import se.arkiv.testing.ArkivClient;
import se.arkiv.testing.ArkivClient.Response;
import se.arkiv.testing.RunningArkiv;
import se.arkiv.testing.TestDocuments;
import se.arkiv.testing.UiSession;
import tools.jackson.databind.JsonNode;

/** The walking skeleton end to end: real documents over real HTTP into a running service. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FilingAndSearchIT {

  private RunningArkiv arkiv;
  private ArkivClient client;

  @BeforeAll
  void start() throws Exception {
    arkiv = RunningArkiv.start(properties());
    client = arkiv.client();
  }

  /** The service's settings; {@link OpenSearchFilingAndSearchIT} runs it all on OpenSearch. */
  Map<String, Object> properties() {
    return Map.of("arkiv.upload.max-size", "1MB");
  }

  @AfterAll
  void stop() throws Exception {
    arkiv.close();
  }

  private static String metadata(String recordClass, String extra) {
    return "{\"recordClass\":\"" + recordClass + "\"" + (extra.isEmpty() ? "" : "," + extra) + "}";
  }

  private JsonNode fileAndAwaitExtraction(String name, byte[] content, String metadata) {
    Response filed = client.file(CLERK, name, content, metadata);
    assertThat(filed.status()).as(filed.text()).isEqualTo(201);
    String id = filed.json().get("id").asString();
    return client
        .await(
            () -> client.get("/api/records/" + id, CLERK),
            r -> !"PENDING".equals(r.json().get("extraction").get("status").asString()))
        .json();
  }

  private Response awaitHits(int expected, String... parameters) {
    return client.await(
        () -> client.search(AUDITOR, parameters),
        r -> r.status() == 200 && r.json().get("total").asLong() == expected);
  }

  @Test
  void filesSwedishPdfAndFindsItByStemmedWordWithSnippet() {
    byte[] pdf =
        TestDocuments.pdf(
            "Bokföringen för räkenskapsåret 2024 är avslutad.",
            "Verifikationerna arkiveras hos Arkivbanken.");
    Response filed =
        client.file(
            CLERK,
            "verifikation-2024.pdf",
            pdf,
            metadata(
                "ACC-VOUCHER",
                "\"department\":\"accounting\",\"documentDate\":\"2024-12-31\","
                    + "\"fiscalYearEnd\":\"2024-12-31\",\"keys\":{\"caseId\":\"CASE-77\"},"
                    + "\"tags\":[\"bokslut\"]"));

    assertThat(filed.status()).isEqualTo(201);
    JsonNode record = filed.json();
    String id = record.get("id").asString();
    assertThat(filed.header("Location")).isEqualTo("/api/records/" + id);
    assertThat(record.get("recordClass").asString()).isEqualTo("ACC-VOUCHER");
    assertThat(record.get("title").asString()).isEqualTo("verifikation-2024.pdf");
    assertThat(record.get("department").asString()).isEqualTo("ACCOUNTING");
    assertThat(record.get("mediaType").asString()).isEqualTo("application/pdf");
    assertThat(record.get("size").asLong()).isEqualTo(pdf.length);
    assertThat(record.get("sha256").asString()).isEqualTo(sha256(pdf));
    assertThat(record.get("filedBy").asString()).isEqualTo(CLERK);
    assertThat(record.get("keys").get("caseId").asString()).isEqualTo("CASE-77");

    JsonNode extracted =
        client
            .await(
                () -> client.get("/api/records/" + id, CLERK),
                r -> "DONE".equals(r.json().get("extraction").get("status").asString()))
            .json();
    assertThat(extracted.get("extraction").get("language").asString()).isEqualTo("sv");
    assertThat(client.get("/api/records/" + id + "/text", AUDITOR).text())
        .contains("Bokföringen för räkenskapsåret 2024");

    Response hits = awaitHits(1, "q", "bokföring", "recordClass", "ACC-VOUCHER");
    JsonNode hit = hits.json().get("hits").get(0);
    assertThat(hit.get("id").asString()).isEqualTo(id);
    assertThat(hit.get("documentDate").asString()).isEqualTo("2024-12-31");
    assertThat(hit.get("snippets").get(0).asString()).contains("<mark>Bokföringen</mark>");
  }

  @Test
  void keysReadFromTheTextAreKeptBesideTheClerksAndFoundInAnyWrittenForm() {
    byte[] invoice =
        TestDocuments.pdf(
            "Faktura från Nordbygg AB, org.nr 556036-0793",
            "Kund 811218-9876, telefon 08-123 456 78",
            "Bankgiro 5050-1055   OCR 1234567897",
            "IBAN SE45 5000 0000 0583 9825 7466   BIC ESSESESS");
    JsonNode record =
        fileAndAwaitExtraction(
            "faktura-nordbygg.pdf",
            invoice,
            metadata(
                "ACC-VOUCHER",
                "\"department\":\"accounting\",\"documentDate\":\"2024-03-01\","
                    + "\"keys\":{\"customerId\":\"K-4711\"}"));
    String id = record.get("id").asString();

    JsonNode found = record.get("extraction").get("foundKeys");
    assertThat(found.get("personnummer").get(0).asString()).isEqualTo("198112189876");
    assertThat(found.get("organisationsnummer").get(0).asString()).isEqualTo("5560360793");
    assertThat(found.get("iban").get(0).asString()).isEqualTo("SE4550000000058398257466");
    assertThat(found.get("bic").get(0).asString()).isEqualTo("ESSESESS");
    assertThat(found.get("bankgiro").get(0).asString()).isEqualTo("50501055");
    assertThat(found.get("ocrReference").get(0).asString()).isEqualTo("1234567897");
    assertThat(record.get("keys").get("customerId").asString()).isEqualTo("K-4711");

    for (String q :
        List.of(
            "personnummer:811218-9876",
            "personnummer:19811218-9876",
            "organisationsnummer:16556036-0793",
            "iban:\"se45 5000 0000 0583 9825 7466\"",
            "811218-9876")) {
      Response hits = awaitHits(1, "q", q);
      assertThat(hits.json().get("hits").get(0).get("id").asString()).as(q).isEqualTo(id);
    }
    assertThat(awaitHits(1, "bankgiro", "5050-1055").json().get("hits").get(0).get("id").asString())
        .isEqualTo(id);

    UiSession auditor = new UiSession("http://localhost:" + arkiv.port());
    assertThat(auditor.login(AUDITOR, AUDITOR)).isTrue();
    String page = auditor.get("/records/" + id).body();
    assertThat(page).contains("id=\"found-keys\"").contains("/search?personnummer=198112189876");
  }

  @Test
  void aSavedSearchShowsItsOwnerWhatWasFiledSinceTheyLastLooked() {
    fileAndAwaitExtraction(
        "before.pdf", TestDocuments.pdf("Zebrasparande före"), metadata("CORRESPONDENCE", ""));
    Response saved =
        client.post(
            "/api/saved-searches",
            AUDITOR,
            "{\"name\":\"Zebra\",\"q\":\"zebrasparande\",\"filters\":{\"recordClass\":\"CORRESPONDENCE\"}}");
    assertThat(saved.status()).as(saved.text()).isEqualTo(201);
    String id = saved.json().get("id").asString();
    String after =
        fileAndAwaitExtraction(
                "after.pdf",
                TestDocuments.pdf("Zebrasparande efter"),
                metadata("CORRESPONDENCE", ""))
            .get("id")
            .asString();

    JsonNode fresh =
        client
            .await(
                () -> client.get("/api/saved-searches/" + id + "/new", AUDITOR),
                r -> r.status() == 200 && r.json().get("total").asLong() == 1)
            .json();
    assertThat(fresh.get("hits").get(0).get("id").asString()).isEqualTo(after);
    assertThat(newMatches(id)).isEqualTo(1);

    assertThat(client.post("/api/saved-searches/" + id + "/seen", AUDITOR, "{}").status())
        .isEqualTo(200);
    assertThat(newMatches(id)).isZero();
    assertThat(client.get("/api/saved-searches/" + id + "/new", MANAGER).status()).isEqualTo(404);
    assertThat(client.get("/api/saved-searches", RunningArkiv.ADMIN).status()).isEqualTo(403);
    assertThat(
            client
                .post("/api/saved-searches", AUDITOR, "{\"name\":\"Bad\",\"q\":\"title:(\"}")
                .status())
        .isEqualTo(400);
    assertThat(client.delete("/api/saved-searches/" + id, AUDITOR).status()).isEqualTo(204);
    assertThat(client.get("/api/saved-searches/" + id + "/new", AUDITOR).status()).isEqualTo(404);
  }

  @Test
  void theStartPageShowsWhatIsNewToASavedSearchUntilItIsMarkedSeen() {
    UiSession clerk = new UiSession("http://localhost:" + arkiv.port());
    assertThat(clerk.login(CLERK, CLERK)).isTrue();
    assertThat(
            clerk
                .post(
                    "/views",
                    Map.of("name", "Zebrakort", "query", "q=zebrakort&department=ACCOUNTING"))
                .status())
        .isEqualTo(302);
    fileAndAwaitExtraction(
        "kort.pdf",
        TestDocuments.pdf("Zebrakort beställt"),
        metadata("CORRESPONDENCE", "\"department\":\"accounting\""));

    String page =
        Awaitility.await()
            .atMost(Duration.ofSeconds(30))
            .until(() -> clerk.get("/").body(), body -> body.contains("data-new"));
    assertThat(page)
        .contains("Zebrakort")
        .contains("/search?q=zebrakort&amp;department=ACCOUNTING");
    String id =
        client.get("/api/saved-searches", CLERK).json().get(0).get("search").get("id").asString();
    assertThat(clerk.post("/views/" + id + "/seen", Map.of()).status()).isEqualTo(302);
    assertThat(clerk.get("/").body()).contains("Zebrakort").doesNotContain("data-new");
  }

  @Test
  void savedSearchesKeptTheOldWayMoveOverWhenTheirOwnerOpensTheStartPage() throws Exception {
    Path old =
        arkiv
            .objectsDir()
            .resolve("views")
            .resolve(HexFormat.of().formatHex(AUDITOR.getBytes(StandardCharsets.UTF_8)) + ".json");
    Files.createDirectories(old.getParent());
    // A view whose query is no query string any more is dropped, not a start page that fails.
    Files.writeString(
        old,
        "{\"views\":[{\"name\":\"Gamla vyn\",\"query\":\"q=avtal&recordClass=KYC\"},"
            + "{\"name\":\"Trasig vy\",\"query\":\"q=%zz\"}]}");
    UiSession auditor = new UiSession("http://localhost:" + arkiv.port());
    assertThat(auditor.login(AUDITOR, AUDITOR)).isTrue();

    assertThat(auditor.get("/").body())
        .contains("Gamla vyn")
        .contains("/search?q=avtal&amp;recordClass=KYC")
        .doesNotContain("Trasig vy");
    assertThat(old).doesNotExist();
    assertThat(auditor.post("/views", Map.of("name", "Trasig", "query", "q=%zz")).status())
        .as("a search saved from a query string that does not decode")
        .isEqualTo(400);
    assertThat(client.get("/api/saved-searches", AUDITOR).text()).contains("Gamla vyn");
  }

  @Test
  void aRecordThatLooksLikeAnotherClassShowsTheSuggestionButKeepsItsOwn() {
    String[] payslips = {
      "Lönespecifikation mars: bruttolön, preliminärskatt, semesterersättning och övertid.",
      "Lönespecifikation april: bruttolön och nettolön efter preliminärskatt, sjuklön.",
      "Lönespecifikation maj: bruttolön, övertid, traktamente, preliminärskatt och nettolön.",
      "Lönespecifikation juni: semesterersättning, bruttolön, nettolön och preliminärskatt."
    };
    for (int i = 0; i < payslips.length; i++) {
      fileAndAwaitExtraction(
          "lon-" + i + ".txt",
          payslips[i].getBytes(StandardCharsets.UTF_8),
          metadata("PAYROLL", "\"department\":\"payroll\""));
    }
    String misfiled =
        fileAndAwaitExtraction(
                "brev-lon.txt",
                "Lönespecifikation juli: bruttolön, preliminärskatt och nettolön."
                    .getBytes(StandardCharsets.UTF_8),
                metadata("CORRESPONDENCE", "\"department\":\"payroll\""))
            .get("id")
            .asString();

    JsonNode hint =
        client
            .await(
                () -> client.get("/api/records/" + misfiled + "/class-suggestion", CLERK),
                r -> r.status() == 200 && r.json().get("differs").asBoolean())
            .json();
    assertThat(hint.get("filedAs").asString()).isEqualTo("CORRESPONDENCE");
    assertThat(hint.get("suggestion").get("recordClass").asString()).isEqualTo("PAYROLL");
    assertThat(client.get("/api/records/" + misfiled, CLERK).json().get("recordClass").asString())
        .isEqualTo("CORRESPONDENCE");
    JsonNode beforeFiling =
        client
            .post(
                "/api/class-suggestions",
                CLERK,
                "{\"text\":\"Lönespecifikation augusti med bruttolön och preliminärskatt\"}")
            .json();
    assertThat(beforeFiling.get("suggestion").get("recordClass").asString()).isEqualTo("PAYROLL");

    UiSession clerk = new UiSession("http://localhost:" + arkiv.port());
    assertThat(clerk.login(CLERK, CLERK)).isTrue();
    assertThat(clerk.get("/records/" + misfiled).body())
        .contains("id=\"class-hint\"")
        .contains("PAYROLL");
  }

  private long newMatches(String savedSearch) {
    for (JsonNode mine : client.get("/api/saved-searches", AUDITOR).json()) {
      if (mine.get("search").get("id").asString().equals(savedSearch)) {
        return mine.get("newMatches").asLong();
      }
    }
    throw new AssertionError("saved search " + savedSearch + " not listed");
  }

  @Test
  void quotedPhraseMatchesExactWordsOnly() {
    fileAndAwaitExtraction(
        "protokoll.txt",
        "Styrelsen godkände bokföringen för kvartalet.".getBytes(StandardCharsets.UTF_8),
        metadata("CORRESPONDENCE", "\"keys\":{\"customerId\":\"PHRASE-1\"}"));

    awaitHits(1, "q", "\"godkände bokföringen\"", "customerId", "PHRASE-1");
    assertThat(
            client
                .search(AUDITOR, "q", "\"godkände bokföring\"", "customerId", "PHRASE-1")
                .json()
                .get("total")
                .asLong())
        .isZero();
    assertThat(
            client
                .search(AUDITOR, "q", "godkände bokföring", "customerId", "PHRASE-1")
                .json()
                .get("total")
                .asLong())
        .isEqualTo(1);
  }

  @Test
  void downloadsIdenticalBytesWithEtagAndRanges() throws Exception {
    byte[] pdf = TestDocuments.pdf("Lönebesked mars 2025", "Anställd 4711");
    Response filed =
        client.file(
            CLERK,
            "Lönebesked März ÅÄÖ.pdf",
            pdf,
            metadata("PAYROLL", "\"keys\":{\"employeeId\":\"4711\"}"));
    String id = filed.json().get("id").asString();

    Response download = client.get("/api/records/" + id + "/content", AUDITOR);
    assertThat(download.status()).isEqualTo(200);
    assertThat(download.body()).isEqualTo(pdf);
    assertThat(download.header("Content-Type")).isEqualTo("application/pdf");
    assertThat(download.header("ETag")).isEqualTo("\"" + sha256(pdf) + "\"");
    assertThat(download.header("Content-Disposition"))
        .startsWith("attachment")
        .contains("filename*=UTF-8''L%C3%B6nebesked%20M%C3%A4rz%20%C3%85%C3%84%C3%96.pdf");
    assertThat(download.header("X-Content-Type-Options")).isEqualTo("nosniff");

    Response range = client.get("/api/records/" + id + "/content", AUDITOR, "Range", "bytes=5-14");
    assertThat(range.status()).isEqualTo(206);
    assertThat(range.body()).isEqualTo(Arrays.copyOfRange(pdf, 5, 15));
    assertThat(range.header("Content-Range")).isEqualTo("bytes 5-14/" + pdf.length);

    Response notModified =
        client.get(
            "/api/records/" + id + "/content", AUDITOR, "If-None-Match", "\"" + sha256(pdf) + "\"");
    assertThat(notModified.status()).isEqualTo(304);

    Response outside =
        client.get("/api/records/" + id + "/content", AUDITOR, "Range", "bytes=999999-");
    assertThat(outside.status()).isEqualTo(416);

    Response preview =
        client.await(
            () -> client.get("/api/records/" + id + "/preview", AUDITOR), r -> r.status() == 200);
    assertThat(preview.header("Content-Type")).isEqualTo("image/png");
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(preview.body()));
    assertThat(Math.max(image.getWidth(), image.getHeight())).isEqualTo(400);
    assertThat(client.get("/api/records/" + id + "/preview", "nobody").status()).isEqualTo(401);
  }

  @Test
  void sameBytesFiledAgainWithSameClassAndKeysReturnsTheExistingRecord() {
    byte[] text = "Betalningsorder 2025-0001 till Leverantören AB".getBytes(StandardCharsets.UTF_8);
    String meta = metadata("PAYMENT-ORDER", "\"keys\":{\"accountId\":\"ACC-1\"}");
    Response first = client.file(CLERK, "order.txt", text, meta);
    Response again = client.file(CLERK, "order-copy.txt", text, meta);
    Response otherKeys =
        client.file(
            CLERK,
            "order.txt",
            text,
            metadata("PAYMENT-ORDER", "\"keys\":{\"accountId\":\"ACC-2\"}"));

    assertThat(first.status()).isEqualTo(201);
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.json().get("id").asString()).isEqualTo(first.json().get("id").asString());
    assertThat(again.header("Location")).isEqualTo(first.header("Location"));
    assertThat(otherKeys.status()).isEqualTo(201);
    assertThat(otherKeys.json().get("id").asString())
        .isNotEqualTo(first.json().get("id").asString());
  }

  @Test
  void extractsWordDocumentsAndEmailAttachments() {
    fileAndAwaitExtraction(
        "avtal.docx",
        TestDocuments.docx("Kontoavtal för sparkonto", "Villkoren gäller från tecknandet."),
        metadata("ACCOUNT-AGREEMENT", "\"keys\":{\"accountId\":\"SPAR-9\"}"));
    JsonNode mail =
        fileAndAwaitExtraction(
            "reklamation.eml",
            TestDocuments.emlWithAttachment(
                "Reklamation", "Hej, jag vill reklamera avgiften.", "Kvitto nummer zebrafink 42"),
            metadata("CORRESPONDENCE", "\"keys\":{\"customerId\":\"C-EML\"}"));

    assertThat(mail.get("mediaType").asString()).isEqualTo("message/rfc822");
    JsonNode attachment = mail.get("extraction").get("attachments").get(0);
    assertThat(attachment.get("fileName").asString()).isEqualTo("bilaga.txt");
    assertThat(attachment.get("index").asInt()).isEqualTo(1);
    Response download =
        client.get("/api/records/" + mail.get("id").asString() + "/attachments/1", AUDITOR);
    assertThat(download.status()).isEqualTo(200);
    assertThat(download.text()).isEqualTo("Kvitto nummer zebrafink 42");
    assertThat(download.header("Content-Disposition")).contains("bilaga.txt");
    assertThat(
            client
                .get("/api/records/" + mail.get("id").asString() + "/attachments/9", AUDITOR)
                .status())
        .isEqualTo(404);
    awaitHits(1, "q", "villkoren", "accountId", "SPAR-9");
    awaitHits(1, "q", "reklamera", "customerId", "C-EML");
    awaitHits(1, "q", "zebrafink", "customerId", "C-EML");

    byte[] pdf = TestDocuments.pdf("Fullmakt för dödsbo", "Handläggare: ekorrhjul");
    JsonNode withPdf =
        fileAndAwaitExtraction(
            "fullmakt.eml",
            TestDocuments.emlWithPdf("Fullmakt", "Se bifogad fullmakt.", "fullmakt.pdf", pdf),
            metadata("CORRESPONDENCE", "\"keys\":{\"customerId\":\"C-PDF\"}"));
    JsonNode hit = awaitHits(1, "q", "ekorrhjul").json().get("hits").get(0);
    assertThat(hit.get("id").asString()).isEqualTo(withPdf.get("id").asString());
    assertThat(
            client
                .get("/api/records/" + withPdf.get("id").asString() + "/attachments/1", AUDITOR)
                .body())
        .isEqualTo(pdf);

    byte[] statement = TestDocuments.pdf("Kontoutdrag för mars", "Referens: kolibrivinge");
    JsonNode outlook =
        fileAndAwaitExtraction(
            "bestridande.msg",
            TestDocuments.msg(
                "Bestridande", "Kund Kundsson", "Jag bestrider avgiften.", "utdrag.pdf", statement),
            metadata("CORRESPONDENCE", "\"keys\":{\"customerId\":\"C-MSG\"}"));
    assertThat(outlook.get("mediaType").asString()).isEqualTo("application/vnd.ms-outlook");
    assertThat(outlook.get("extraction").get("attachments").get(0).get("fileName").asString())
        .isEqualTo("utdrag.pdf");
    JsonNode msgHit = awaitHits(1, "q", "kolibrivinge").json().get("hits").get(0);
    assertThat(msgHit.get("id").asString()).isEqualTo(outlook.get("id").asString());
    awaitHits(1, "q", "bestrider", "customerId", "C-MSG");
    assertThat(
            client
                .get("/api/records/" + outlook.get("id").asString() + "/attachments/1", AUDITOR)
                .body())
        .isEqualTo(statement);
  }

  @Test
  void archivesCorruptAndEncryptedFilesWithTheReasonAndFindsThemByMetadata() {
    JsonNode corrupt =
        fileAndAwaitExtraction(
            "trasig.pdf",
            TestDocuments.corruptPdf(),
            metadata(
                "CORRESPONDENCE",
                "\"title\":\"Trasigt brev\",\"keys\":{\"customerId\":\"C-BAD\"}"));
    JsonNode encrypted =
        fileAndAwaitExtraction(
            "hemlig.pdf",
            TestDocuments.encryptedPdf("Hemlig text"),
            metadata(
                "CORRESPONDENCE",
                "\"title\":\"Krypterat brev\",\"keys\":{\"customerId\":\"C-BAD\"}"));

    assertThat(corrupt.get("extraction").get("status").asString()).isEqualTo("FAILED");
    assertThat(corrupt.get("extraction").get("reason").asString()).isNotBlank();
    assertThat(encrypted.get("extraction").get("status").asString()).isEqualTo("FAILED");
    assertThat(encrypted.get("extraction").get("reason").asString()).isEqualTo("encrypted");

    String encryptedId = encrypted.get("id").asString();
    Response text = client.get("/api/records/" + encryptedId + "/text", CLERK);
    assertThat(text.status()).isEqualTo(404);
    assertThat(text.json().get("detail").asString()).contains("encrypted");
    assertThat(client.get("/api/records/" + encryptedId + "/content", CLERK).status())
        .isEqualTo(200);
    // Its page says there is no preview rather than show a broken image of one.
    UiSession clerk = new UiSession("http://localhost:" + arkiv.port());
    assertThat(clerk.login(CLERK, CLERK)).isTrue();
    assertThat(clerk.get("/records/" + corrupt.get("id").asString()).body())
        .doesNotContain("/preview\"")
        .contains("Ingen förhandsvisning");

    awaitHits(2, "q", "brev", "customerId", "C-BAD");
  }

  @Test
  void filtersAndFacetsCountEveryMatchingRecord() {
    String customer = "\"keys\":{\"customerId\":\"FACET-1\"}";
    fileAndAwaitExtraction(
        "a.txt",
        "Kvartalsrapport ett".getBytes(StandardCharsets.UTF_8),
        metadata(
            "CORRESPONDENCE",
            "\"department\":\"PAYROLL\",\"documentDate\":\"2023-05-01\"," + customer));
    fileAndAwaitExtraction(
        "b.txt",
        "Kvartalsrapport två".getBytes(StandardCharsets.UTF_8),
        metadata(
            "CORRESPONDENCE",
            "\"department\":\"ACCOUNTING\",\"documentDate\":\"2024-05-01\"," + customer));
    fileAndAwaitExtraction(
        "c.txt",
        "Kvartalsrapport tre".getBytes(StandardCharsets.UTF_8),
        metadata(
            "TRADE-CONFIRMATION",
            "\"department\":\"ACCOUNTING\",\"documentDate\":\"2024-06-01\"," + customer));

    JsonNode all = awaitHits(3, "q", "kvartalsrapport", "customerId", "FACET-1").json();
    JsonNode facets = all.get("facets");
    assertThat(facets.get("recordClass").get("CORRESPONDENCE").asLong()).isEqualTo(2);
    assertThat(facets.get("recordClass").get("TRADE-CONFIRMATION").asLong()).isEqualTo(1);
    assertThat(facets.get("department").get("ACCOUNTING").asLong()).isEqualTo(2);
    assertThat(facets.get("year").get("2024").asLong()).isEqualTo(2);
    assertThat(facets.get("year").get("2023").asLong()).isEqualTo(1);

    assertThat(
            client
                .search(
                    AUDITOR,
                    "q",
                    "kvartalsrapport",
                    "customerId",
                    "FACET-1",
                    "department",
                    "ACCOUNTING")
                .json()
                .get("total")
                .asLong())
        .isEqualTo(2);
    assertThat(
            client
                .search(
                    AUDITOR,
                    "q",
                    "kvartalsrapport",
                    "customerId",
                    "FACET-1",
                    "from",
                    "2024-01-01",
                    "to",
                    "2024-05-31")
                .json()
                .get("total")
                .asLong())
        .isEqualTo(1);
    JsonNode byDate =
        client
            .search(AUDITOR, "customerId", "FACET-1", "sort", "documentDate", "order", "asc")
            .json();
    assertThat(byDate.get("hits").get(0).get("documentDate").asString()).isEqualTo("2023-05-01");
    assertThat(byDate.get("hits").get(2).get("documentDate").asString()).isEqualTo("2024-06-01");
  }

  @Test
  void cursorWalksEveryHitOnceWhileRecordsAreFiledInBetween() {
    String customer = "\"keys\":{\"customerId\":\"PAGE-1\"}";
    for (int i = 0; i < 7; i++) {
      client.file(
          CLERK,
          "p" + i + ".txt",
          ("Sidbrev nummer " + i).getBytes(StandardCharsets.UTF_8),
          metadata("CORRESPONDENCE", customer));
    }
    awaitHits(7, "customerId", "PAGE-1");

    Set<String> seen = new HashSet<>();
    List<String> order = new ArrayList<>();
    JsonNode page =
        client.search(AUDITOR, "customerId", "PAGE-1", "sort", "filedAt", "size", "3").json();
    while (true) {
      page.get("hits")
          .forEach(
              h -> {
                order.add(h.get("id").asString());
                seen.add(h.get("id").asString());
              });
      if (page.get("nextCursor") == null || page.get("nextCursor").isNull()) {
        break;
      }
      if (order.size() == 3) {
        // A record filed mid-walk sorts first (newest) and must not shift what follows.
        client.file(
            CLERK,
            "late.txt",
            "Sent sidbrev".getBytes(StandardCharsets.UTF_8),
            metadata("CORRESPONDENCE", customer));
      }
      page =
          client
              .search(
                  AUDITOR,
                  "customerId",
                  "PAGE-1",
                  "sort",
                  "filedAt",
                  "size",
                  "3",
                  "cursor",
                  page.get("nextCursor").asString())
              .json();
    }
    assertThat(order).hasSize(7).doesNotHaveDuplicates();
    assertThat(seen).hasSize(7);
  }

  @Test
  void malformedQueryIsA400WithTheParserMessage() {
    Response response = client.search(AUDITOR, "q", "title:(bokföring AND");
    assertThat(response.status()).isEqualTo(400);
    assertThat(response.header("Content-Type")).startsWith("application/problem+json");
    assertThat(response.json().get("title").asString()).isEqualTo("Invalid search");
    assertThat(response.json().get("detail").asString()).startsWith("Cannot parse the query");

    Response unknownField = client.search(AUDITOR, "q", "secret:x");
    assertThat(unknownField.status()).isEqualTo(400);
    assertThat(unknownField.json().get("detail").asString()).contains("Unknown field 'secret'");

    assertThat(client.search(AUDITOR, "q", "*ring").status()).isEqualTo(400);
    assertThat(client.search(AUDITOR, "size", "100000").status()).isEqualTo(400);
    assertThat(client.search(AUDITOR, "cursor", "not-a-cursor").status()).isEqualTo(400);
    assertThat(client.search(AUDITOR, "from", "2024-13-45").status()).isEqualTo(400);
  }

  @Test
  void oversizedUploadIsRefusedWith413AndNothingIsFiled() {
    byte[] big = new byte[1536 * 1024];
    Arrays.fill(big, (byte) 'x');
    long recordsBefore = recordsStored();
    Response response =
        client.file(
            CLERK,
            "stor.txt",
            big,
            metadata("CORRESPONDENCE", "\"keys\":{\"customerId\":\"BIG\"}"));
    assertThat(response.status()).isEqualTo(413);
    assertThat(response.json().get("title").asString()).isEqualTo("Upload too large");
    // The store, not the index (which refreshes on a tick), says that nothing was filed.
    assertThat(recordsStored()).isEqualTo(recordsBefore);
    assertThat(client.get("/api/file-plan", CLERK).status()).isEqualTo(200);
  }

  private long recordsStored() {
    Path folder = arkiv.objectsDir().resolve("records");
    if (!Files.exists(folder)) {
      return 0;
    }
    try (var records = Files.list(folder)) {
      return records.count();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void unknownRecordClassIsA400ListingTheValidCodes() {
    Response response =
        client.file(CLERK, "x.txt", "x".getBytes(StandardCharsets.UTF_8), metadata("NOPE", ""));
    assertThat(response.status()).isEqualTo(400);
    assertThat(response.json().get("detail").asString()).contains("NOPE").contains("KYC");
    assertThat(response.json().get("validCodes").toString()).contains("ACC-VOUCHER", "HR-FILE");

    Response badJson =
        client.file(CLERK, "x.txt", "x".getBytes(StandardCharsets.UTF_8), "{not json");
    assertThat(badJson.status()).isEqualTo(400);
    assertThat(badJson.json().get("title").asString()).isEqualTo("Invalid filing request");
  }

  @Test
  void fileNamesWithPathTricksAreStoredAsPlainNames() {
    Response response =
        client.file(
            CLERK,
            "../../etc/\u202Epasswd.txt",
            "root:x:0:0".getBytes(StandardCharsets.UTF_8),
            metadata("CORRESPONDENCE", ""));
    assertThat(response.status()).isEqualTo(201);
    assertThat(response.json().get("fileName").asString()).isEqualTo("passwd.txt");
  }

  @Test
  void unknownRecordIsA404ProblemEvenForMalformedIds() {
    Response missing = client.get("/api/records/0190f5a4-0000-7000-8000-000000000000", CLERK);
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.json().get("title").asString()).isEqualTo("Record not found");
    assertThat(client.get("/api/records/..%2F..%2Fetc", CLERK).status()).isIn(400, 404);
    assertThat(client.get("/api/records/not-an-id/content", CLERK).status()).isEqualTo(404);
  }

  @Test
  void servesTheFilePlan() {
    JsonNode plan = client.get("/api/file-plan", CLERK).json();
    assertThat(plan.get("classes")).hasSize(11);
    JsonNode kyc = plan.get("classes").get(6);
    assertThat(kyc.get("code").asString()).isEqualTo("KYC");
    JsonNode rule = kyc.get("rules").get(0);
    assertThat(rule.get("legalSource").asString()).contains("Penningtvättslagen");
    assertThat(rule.get("period").asString()).isEqualTo("P5Y");
    assertThat(rule.get("maximum").asString()).isEqualTo("P10Y");
    assertThat(rule.get("trigger").asString()).isEqualTo("EVENT");
  }

  @Test
  void publishesAnOpenApiDescription() {
    Response docs = client.get("/v3/api-docs", null);
    assertThat(docs.status()).isEqualTo(200);
    assertThat(docs.json().get("paths").has("/api/records")).isTrue();
    assertThat(docs.json().get("paths").has("/api/search")).isTrue();
  }

  private static String sha256(byte[] bytes) throws RuntimeException {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
