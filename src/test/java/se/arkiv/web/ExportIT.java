package se.arkiv.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static se.arkiv.testing.RunningArkiv.ADMIN;
import static se.arkiv.testing.RunningArkiv.AUDITOR;
import static se.arkiv.testing.RunningArkiv.CLERK;
import static se.arkiv.testing.RunningArkiv.MANAGER;

import gov.loc.repository.bagit.exceptions.CorruptChecksumException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import se.arkiv.extraction.InProcessExtractionSource;
import se.arkiv.testing.ArkivClient;
import se.arkiv.testing.ArkivClient.Response;
import se.arkiv.testing.ArkivService;
import se.arkiv.testing.ExportedBags;
import se.arkiv.testing.TestDocuments;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Evidence exports over HTTP: real documents filed, exported, downloaded, unzipped and checked by
 * the Library of Congress BagIt verifier, an implementation of RFC 8493 that is not Arkiv's; the
 * audit segments in the bag are checked by hand, as an auditor's own script would.
 */
class ExportIT {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  @RegisterExtension
  static final ArkivService arkiv = ArkivService.with(Map.of(), InProcessExtractionSource.class);

  private static ArkivClient client;
  private static String pdf;
  private static String text;

  @BeforeAll
  static void start() throws Exception {
    client = arkiv.client();
    // A filed name with a path, a right-to-left override and non-ASCII letters: never a path.
    pdf =
        file(
            "../../etc/Verifik\u202Eation-för.PDF",
            TestDocuments.pdf("Verifikation 2024-77 kontorsmaterial Exportprov"),
            "{\"recordClass\":\"ACCOUNT-AGREEMENT\",\"title\":\"Avtal Exportprov\"}");
    text =
        file(
            "lön.txt",
            "Lönespecifikation mars Exportprov anställd 4711".getBytes(StandardCharsets.UTF_8),
            "{\"recordClass\":\"PAYROLL\",\"documentDate\":\"2024-03-25\"}");
    // A second metadata version of the PDF, so the bag carries more than one.
    Response corrected =
        client.patch("/api/records/" + pdf, CLERK, "{\"title\":\"Kontoavtal Exportprov\"}");
    assertThat(corrected.status()).as(corrected.text()).isEqualTo(200);
    // Both found by a word of their text (or title) before any export searches for them.
    client.await(
        () -> client.search(AUDITOR, "q", "Exportprov"),
        r -> r.status() == 200 && r.json().get("total").asLong() == 2);
  }

  @Test
  void exportByQueryIsAValidBagByTheLibraryOfCongressVerifierAndATamperedByteMakesItInvalid()
      throws Exception {
    JsonNode ready = exportReady(AUDITOR, "{\"query\":\"Exportprov\"}");
    assertThat(ready.get("total").asLong()).isEqualTo(2);
    Path bag = download(AUDITOR, ready.get("id").asString());

    verifyWithLibraryOfCongress(bag);

    Path original = bag.resolve("data/records/" + pdf + "/original.pdf");
    assertThat(original).exists();
    assertThat(bag.resolve("data/records/" + pdf + "/meta/000001.json")).exists();
    assertThat(bag.resolve("data/records/" + pdf + "/meta/000002.json")).exists();
    assertThat(Files.readString(bag.resolve("data/records/" + text + "/text.txt")))
        .contains("Lönespecifikation");
    assertThat(Files.readString(bag.resolve("bag-info.txt")))
        .contains("Arkiv-Selection: query=Exportprov")
        .contains("Arkiv-Requested-By: " + AUDITOR)
        .contains("Bag-Software-Agent: Arkiv")
        .contains("Payload-Oxum: ")
        .contains("Bagging-Date: ");
    List<JsonNode> records = recordLines(bag);
    assertThat(records).extracting(r -> r.get("recordId").asString()).containsExactly(pdf, text);
    JsonNode agreement = records.get(0);
    // The name as filed is data in records.jsonl; the bag's path is made of the id alone.
    assertThat(agreement.get("fileName").asString())
        .isEqualTo(client.get("/api/records/" + pdf, AUDITOR).json().get("fileName").asString());
    assertThat(agreement.get("original").asString())
        .isEqualTo("data/records/" + pdf + "/original.pdf");
    assertThat(agreement.get("retention").get("status").asString()).isNotBlank();
    assertThat(agreement.get("retention").get("rule").asString()).isNotBlank();
    JsonNode payroll = records.get(1);
    assertThat(payroll.get("retention").get("rule").asString()).isNotBlank();

    verifyAuditSegments(bag);
    assertThat(Files.readString(bag.resolve("data/audit/entries.log")))
        .contains("\"action\":\"record.file\"")
        .contains("\"target\":\"" + pdf + "\"")
        .contains("\"target\":\"" + text + "\"");

    byte[] bytes = Files.readAllBytes(original);
    bytes[bytes.length / 2] ^= 0x01;
    Files.write(original, bytes);
    assertThatThrownBy(() -> verifyWithLibraryOfCongress(bag))
        .isInstanceOf(CorruptChecksumException.class);
  }

  @Test
  void exportByHoldHoldsItsRecordsAndNamesTheHold() throws Exception {
    Response hold =
        client.post(
            "/api/holds",
            MANAGER,
            "{\"name\":\"Revision 2025\",\"reason\":\"Extern revision\",\"caseReference\":\"R-9\","
                + "\"recordIds\":[\""
                + text
                + "\"]}");
    assertThat(hold.status()).as(hold.text()).isEqualTo(201);
    String holdId = hold.json().get("hold").get("id").asString();

    JsonNode ready = exportReady(MANAGER, "{\"holdId\":\"" + holdId + "\"}");
    Path bag = download(MANAGER, ready.get("id").asString());

    verifyWithLibraryOfCongress(bag);
    List<JsonNode> records = recordLines(bag);
    assertThat(records).extracting(r -> r.get("recordId").asString()).containsExactly(text);
    assertThat(records.get(0).get("holds").get(0).get("name").asString())
        .isEqualTo("Revision 2025");
    assertThat(records.get(0).get("retention").get("status").asString()).isEqualTo("HELD");
    assertThat(Files.readString(bag.resolve("bag-info.txt"))).contains("holdId=" + holdId);
  }

  @Test
  void exportByClassAndByIdsHoldOnlyThoseRecords() throws Exception {
    JsonNode byClass = exportReady(AUDITOR, "{\"recordClass\":\"ACCOUNT-AGREEMENT\"}");
    assertThat(recordLines(download(AUDITOR, byClass.get("id").asString())))
        .extracting(r -> r.get("recordId").asString())
        .contains(pdf)
        .doesNotContain(text);
    JsonNode byIds = exportReady(AUDITOR, "{\"recordIds\":[\"" + text + "\"]}");
    Path bag = download(AUDITOR, byIds.get("id").asString());
    verifyWithLibraryOfCongress(bag);
    assertThat(recordLines(bag))
        .extracting(r -> r.get("recordId").asString())
        .containsExactly(text);
  }

  @Test
  void anExportedBagIsASourceForTheBulkImportWhichFindsItsRecordsArchivedAlready()
      throws Exception {
    JsonNode ready = exportReady(MANAGER, "{\"query\":\"Exportprov\"}");
    String id = ready.get("id").asString();
    Path imports = Files.createDirectories(arkiv.root().resolve("data").resolve("imports"));
    download(MANAGER, id, imports);
    String bag = "arkiv-export-" + id;

    Response started =
        client.post(
            "/api/imports",
            MANAGER,
            "{\"source\":\""
                + bag
                + "\",\"manifest\":\""
                + bag
                + "/import-manifest.json\",\"legacySystem\":\"Arkiv export\"}");
    assertThat(started.status()).as(started.text()).isEqualTo(202);
    String importId = started.json().get("id").asString();
    client.await(
        () -> client.get("/api/imports/" + importId, MANAGER),
        r -> "FINISHED".equals(r.json().get("state").asString()));
    JsonNode report = client.get("/api/imports/" + importId + "/report", MANAGER).json();

    // The same bytes, class, department and keys: the very records exported, not new ones.
    assertThat(report.get("refused")).as(report.toString()).isEmpty();
    assertThat(report.get("duplicates"))
        .extracting(d -> d.get("recordId").asString())
        .containsExactlyInAnyOrder(pdf, text);
  }

  @Test
  void creationAndDownloadAreAudited() throws Exception {
    JsonNode ready = exportReady(AUDITOR, "{\"recordIds\":[\"" + pdf + "\"]}");
    String id = ready.get("id").asString();
    download(AUDITOR, id);

    JsonNode created =
        client.get("/api/audit?action=export.create&record=" + id, AUDITOR).json().get("entries");
    assertThat(created).hasSize(1);
    assertThat(created.get(0).get("details").get("records").asLong()).isEqualTo(1);
    assertThat(created.get(0).get("details").get("selection").asString())
        .isEqualTo("recordIds=" + pdf);
    assertThat(
            client
                .get("/api/audit?action=export.download&record=" + id, AUDITOR)
                .json()
                .get("entries"))
        .hasSize(1);
  }

  @Test
  void clerksAndAdministratorsMayNotExport() {
    assertThat(client.post("/api/exports", CLERK, "{\"query\":\"Exportprov\"}").status())
        .isEqualTo(403);
    assertThat(client.post("/api/exports", ADMIN, "{\"query\":\"Exportprov\"}").status())
        .isEqualTo(403);
    assertThat(client.get("/api/exports", CLERK).status()).isEqualTo(403);
  }

  @Test
  void anotherUsersExportIsNotFound() {
    JsonNode ready = exportReady(AUDITOR, "{\"recordIds\":[\"" + text + "\"]}");
    String id = ready.get("id").asString();
    assertThat(client.get("/api/exports/" + id, MANAGER).status()).isEqualTo(404);
    assertThat(client.get("/api/exports/" + id + "/content", MANAGER).status()).isEqualTo(404);
    assertThat(client.get("/api/exports", AUDITOR).json().toString()).contains(id);
    assertThat(client.get("/api/exports", MANAGER).json().toString()).doesNotContain(id);
  }

  @Test
  void noneOrTwoSelectionsOrAMalformedQueryOrUnknownIdsAreRefused() {
    assertRefused("{}", "exactly one");
    assertRefused("{\"query\":\"Exportprov\",\"recordClass\":\"PAYROLL\"}", "exactly one");
    assertRefused("{\"query\":\"title:(unclosed\"}", null);
    assertRefused("{\"recordClass\":\"NO-SUCH-CLASS\"}", null);
    assertRefused("{\"holdId\":\"nope\"}", "holdId");
    assertRefused("{\"recordIds\":[\"not-an-id\"]}", "no such records");
    assertRefused("{\"recordIds\":[]}", "at least one");
    assertThat(client.post("/api/exports", AUDITOR, "not json").status()).isEqualTo(400);
  }

  @Test
  void aDamagedOriginalFailsTheExportAndItsContentIsAConflict() throws Exception {
    String damaged =
        file(
            "brev.txt",
            "Skadat brev till kund".getBytes(StandardCharsets.UTF_8),
            "{\"recordClass\":\"CORRESPONDENCE\"}");
    Path original = arkiv.objectsDir().resolve("records/" + damaged + "/original");
    byte[] bytes = Files.readAllBytes(original);
    bytes[0] ^= 0x01;
    Files.write(original, bytes);

    Response started =
        client.post("/api/exports", AUDITOR, "{\"recordIds\":[\"" + damaged + "\"]}");
    assertThat(started.status()).isEqualTo(202);
    String location = started.header("Location");
    JsonNode failed = awaitFinished(location, AUDITOR);
    assertThat(failed.get("state").asString()).isEqualTo("FAILED");
    assertThat(failed.get("problem").asString()).contains("does not match its metadata");
    Response content = client.get(location + "/content", AUDITOR);
    assertThat(content.status()).isEqualTo(409);
    assertThat(content.json().get("state").asString()).isEqualTo("FAILED");
  }

  private static void assertRefused(String body, String detail) {
    Response refused = client.post("/api/exports", AUDITOR, body);
    assertThat(refused.status()).as(body + " " + refused.text()).isEqualTo(400);
    assertThat(refused.header("Content-Type")).contains("application/problem+json");
    if (detail != null) {
      assertThat(refused.json().get("detail").asString()).contains(detail);
    }
  }

  private static String file(String name, byte[] content, String metadata) {
    return client.fileExtracted(CLERK, name, content, metadata);
  }

  private static JsonNode exportReady(String user, String body) {
    Response started = client.post("/api/exports", user, body);
    assertThat(started.status()).as(started.text()).isEqualTo(202);
    assertThat(started.json().get("state").asString()).isIn("RUNNING", "READY");
    String location = started.header("Location");
    assertThat(location).isEqualTo("/api/exports/" + started.json().get("id").asString());
    JsonNode ready = awaitFinished(location, user);
    assertThat(ready.get("state").asString()).as(ready.toString()).isEqualTo("READY");
    assertThat(ready.get("requestedBy").asString()).isEqualTo(user);
    assertThat(ready.get("done").asLong()).isEqualTo(ready.get("total").asLong());
    return ready;
  }

  /** The export once it is no longer RUNNING. */
  private static JsonNode awaitFinished(String location, String user) {
    return client
        .await(
            () -> client.get(location, user),
            r -> !"RUNNING".equals(r.json().get("state").asString()))
        .json();
  }

  /** Downloads the zip, checks its SHA-256 against the export's, and unzips it; the bag folder. */
  private static Path download(String user, String id) throws Exception {
    return download(user, id, Files.createTempDirectory(arkiv.root(), "unzipped-"));
  }

  private static Path download(String user, String id, Path into) throws Exception {
    Response content = client.get("/api/exports/" + id + "/content", user);
    assertThat(content.status()).as(content.text()).isEqualTo(200);
    assertThat(content.header("Content-Type")).isEqualTo("application/zip");
    String sha256 = client.get("/api/exports/" + id, user).json().get("sha256").asString();
    assertThat(
            HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content.body())))
        .isEqualTo(sha256);
    return ExportedBags.unzip(new ByteArrayInputStream(content.body()), "arkiv-export-" + id, into);
  }

  private static void verifyWithLibraryOfCongress(Path bagFolder) throws Exception {
    ExportedBags.verify(bagFolder);
  }

  private static List<JsonNode> recordLines(Path bag) throws IOException {
    List<JsonNode> lines = new ArrayList<>();
    for (String line : Files.readAllLines(bag.resolve("records.jsonl"))) {
      lines.add(JSON.readTree(line));
    }
    return lines;
  }

  /**
   * Each audit segment in the bag chains line by line, links to the checkpoint before it and ends
   * at its own checkpoint; every line of entries.log is a line of one of those segments.
   */
  private static void verifyAuditSegments(Path bag) throws Exception {
    Path segments = bag.resolve("data/audit/segments");
    Path checkpoints = bag.resolve("data/audit/checkpoints");
    List<String> all = new ArrayList<>();
    List<Path> files;
    try (Stream<Path> listed = Files.list(segments)) {
      files = listed.sorted().toList();
    }
    assertThat(files).isNotEmpty();
    for (Path segment : files) {
      String name = segment.getFileName().toString();
      long first = Long.parseLong(name.substring(0, 12));
      long last = Long.parseLong(name.substring(13, 25));
      String previous =
          first == 1
              ? "0".repeat(64)
              : JSON.readTree(checkpoints.resolve(String.format("%012d.json", first - 1)).toFile())
                  .get("hash")
                  .asString();
      long seq = first;
      for (String line : Files.readAllLines(segment, StandardCharsets.UTF_8)) {
        if (line.isEmpty()) {
          continue;
        }
        String hash = line.substring(0, 64);
        String json = line.substring(65);
        assertThat(sha256(json)).as("entry %d", seq).isEqualTo(hash);
        JsonNode entry = JSON.readTree(json);
        assertThat(entry.get("seq").asLong()).isEqualTo(seq);
        assertThat(entry.get("prevHash").asString()).isEqualTo(previous);
        previous = hash;
        seq++;
        all.add(line);
      }
      assertThat(seq - 1).isEqualTo(last);
      try (InputStream in =
          Files.newInputStream(checkpoints.resolve(String.format("%012d.json", last)))) {
        assertThat(JSON.readTree(in).get("hash").asString()).isEqualTo(previous);
      }
    }
    assertThat(all).containsAll(Files.readAllLines(bag.resolve("data/audit/entries.log")));
  }

  private static String sha256(String json) throws Exception {
    return HexFormat.of()
        .formatHex(
            MessageDigest.getInstance("SHA-256").digest(json.getBytes(StandardCharsets.UTF_8)));
  }
}
