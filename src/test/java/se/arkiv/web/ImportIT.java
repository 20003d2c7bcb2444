package se.arkiv.web;

import static org.assertj.core.api.Assertions.assertThat;
import static se.arkiv.testing.RunningArkiv.AUDITOR;
import static se.arkiv.testing.RunningArkiv.CLERK;
import static se.arkiv.testing.RunningArkiv.MANAGER;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import se.arkiv.extraction.InProcessExtractionSource;
import se.arkiv.testing.ArkivClient;
import se.arkiv.testing.ArkivClient.Response;
import se.arkiv.testing.ArkivService;
import se.arkiv.testing.TestDocuments;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Bulk import end to end: real documents in a folder and in a BagIt bag below the import root,
 * imported over HTTP, found by search with their provenance; bad manifests, path tricks, a restart
 * in the middle, and who may import.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ImportIT {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  // Slow enough that a restart lands in the middle of an import of 40 files.
  @RegisterExtension
  static final ArkivService arkiv =
      ArkivService.with(
          Map.of("arkiv.imports.max-per-second", "20", "arkiv.imports.journal-every", "7"),
          InProcessExtractionSource.class);

  private ArkivClient client;
  private Path root;

  @BeforeAll
  void start() throws Exception {
    client = arkiv.client();
    root = arkiv.root().resolve("data").resolve("imports");
    Files.createDirectories(root);
  }

  private static String body(String source, String manifest) {
    return "{\"source\":\""
        + source
        + "\",\"manifest\":\""
        + manifest
        + "\",\"legacySystem\":\"Lagret 4.2\"}";
  }

  private JsonNode importAndAwait(String source, String manifest) {
    Response started = client.post("/api/imports", MANAGER, body(source, manifest));
    assertThat(started.status()).as(started.text()).isEqualTo(202);
    String id = started.json().get("id").asString();
    assertThat(started.header("Location")).isEqualTo("/api/imports/" + id);
    client.await(
        () -> client.get("/api/imports/" + id, AUDITOR),
        r -> "FINISHED".equals(r.json().get("state").asString()));
    return client.get("/api/imports/" + id + "/report", MANAGER).json();
  }

  @Test
  void importsAFolderWithACsvManifestAndKeepsTheProvenance() throws IOException {
    Path folder = Files.createDirectories(root.resolve("lagret-2019/scans"));
    Files.write(folder.resolve("v1.pdf"), TestDocuments.pdf("Verifikation kvittoblomma 2019"));
    Files.write(folder.resolve("avtal.docx"), TestDocuments.docx("Kontoavtal avtalsgurka"));
    Files.write(
        root.resolve("lagret-2019/brev.eml"),
        TestDocuments.emlWithAttachment("Brev", "Korrespondens brevmullvad", "bilaga"));
    Files.writeString(
        root.resolve("lagret-2019.csv"),
        "file,recordClass,department,documentDate,fiscalYearEnd,title,tags,customerId,"
            + "legacyId,originalFiledAt,originalFiledBy\n"
            + "scans/v1.pdf,ACC-VOUCHER,accounting,2019-03-01,2019-12-31,\"Voucher 1, March\","
            + "lagret;2019,,L-1001,2019-03-02T09:15:00Z,anna.a\n"
            + "scans/avtal.docx,ACCOUNT-AGREEMENT,accounting,2019-04-01,,Avtal,,C-42,L-1002,"
            + "2019-04-02,bertil.b\n"
            + "brev.eml,CORRESPONDENCE,,2019-05-01,,,,,L-1003,,\n");

    JsonNode report = importAndAwait("lagret-2019", "lagret-2019.csv");

    assertThat(report.get("progress").get("filed").asLong()).isEqualTo(3);
    assertThat(report.get("refused")).isEmpty();
    String importId = report.get("progress").get("id").asString();
    JsonNode first = report.get("filed").get(0);
    assertThat(first.get("line").asInt()).isEqualTo(2);
    JsonNode record =
        client.get("/api/records/" + first.get("recordId").asString(), AUDITOR).json();
    assertThat(record.get("title").asString()).isEqualTo("Voucher 1, March");
    assertThat(record.get("tags").toString()).contains("lagret", "2019");
    JsonNode provenance = record.get("provenance");
    assertThat(provenance.get("importId").asString()).isEqualTo(importId);
    assertThat(provenance.get("legacySystem").asString()).isEqualTo("Lagret 4.2");
    assertThat(provenance.get("legacyId").asString()).isEqualTo("L-1001");
    assertThat(provenance.get("originalFiledAt").asString()).isEqualTo("2019-03-02T09:15:00Z");
    assertThat(provenance.get("originalFiledBy").asString()).isEqualTo("anna.a");
    assertThat(provenance.get("sourceFile").asString()).isEqualTo("scans/v1.pdf");
    assertThat(provenance.get("manifestLine").asInt()).isEqualTo(2);
    JsonNode agreement =
        client
            .get("/api/records/" + report.get("filed").get(1).get("recordId").asString(), CLERK)
            .json();
    // A date without a time is midnight in Stockholm.
    assertThat(agreement.get("provenance").get("originalFiledAt").asString())
        .isEqualTo("2019-04-01T22:00:00Z");
    assertThat(agreement.get("keys").get("customerId").asString()).isEqualTo("C-42");

    for (String word : List.of("kvittoblomma", "avtalsgurka", "brevmullvad")) {
      client.await(
          () -> client.search(AUDITOR, "q", word),
          r -> r.status() == 200 && r.json().get("total").asLong() == 1);
    }
    List<String> actions = new ArrayList<>();
    client
        .get("/api/audit?size=500&actor=" + MANAGER, AUDITOR)
        .json()
        .get("entries")
        .forEach(
            e -> {
              if (importId.equals(e.get("target").asString())
                  || (e.get("details").has("importId")
                      && importId.equals(e.get("details").get("importId").asString()))) {
                actions.add(e.get("action").asString());
              }
            });
    assertThat(actions)
        .containsExactly(
            "import.started", "record.file", "record.file", "record.file", "import.finished");
  }

  @Test
  void importsABagWithAJsonManifestVerifyingItsChecksums() throws Exception {
    Path bag = Files.createDirectories(root.resolve("bag-2020/data/kyc"));
    Files.writeString(
        root.resolve("bag-2020/bagit.txt"),
        "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n");
    byte[] kyc = TestDocuments.pdf("KYC kundkännedom zebrafink");
    byte[] mail = TestDocuments.emlWithPdf("Order", "Betalorder", "o.pdf", TestDocuments.pdf("x"));
    byte[] already = TestDocuments.pdf("Filed by a clerk before the migration");
    Files.write(bag.resolve("kyc-1.pdf"), kyc);
    Files.write(bag.resolve("order.eml"), mail);
    Files.write(bag.resolve("already.pdf"), already);
    Files.writeString(
        root.resolve("bag-2020/manifest-sha256.txt"),
        sha256(kyc)
            + "  data/kyc/kyc-1.pdf\n"
            + sha256(mail)
            + "  data/kyc/order.eml\n"
            + sha256(already)
            + "  data/kyc/already.pdf\n");
    Response filedBefore =
        client.file(
            CLERK, "already.pdf", already, "{\"recordClass\":\"KYC\",\"department\":\"PAYROLL\"}");
    assertThat(filedBefore.status()).isEqualTo(201);
    Files.writeString(
        root.resolve("bag-2020.json"),
        """
        [
          {"file": "data/kyc/kyc-1.pdf", "recordClass": "KYC", "legacyId": "K-1",
           "keys": {"customerId": "C-7"}, "tags": ["kyc"],
           "originalFiledAt": "2020-01-10T10:00:00Z", "originalFiledBy": "cecilia"},
          {"file": "data/kyc/order.eml", "recordClass": "PAYMENT-ORDER", "legacyId": "K-2"},
          {"file": "data/kyc/already.pdf", "recordClass": "KYC", "legacyId": "K-3",
           "department": "PAYROLL"}
        ]
        """);

    JsonNode report = importAndAwait("bag-2020", "bag-2020.json");

    assertThat(report.get("progress").get("bag").asBoolean()).isTrue();
    assertThat(report.get("filed")).hasSize(2);
    assertThat(report.get("duplicates")).hasSize(1);
    JsonNode duplicate = report.get("duplicates").get(0);
    assertThat(duplicate.get("line").asInt()).isEqualTo(6);
    assertThat(duplicate.get("recordId").asString())
        .isEqualTo(filedBefore.json().get("id").asString());
    JsonNode kycLine = report.get("filed").get(0);
    assertThat(kycLine.get("line").asInt()).isEqualTo(2);
    JsonNode record =
        client.get("/api/records/" + kycLine.get("recordId").asString(), AUDITOR).json();
    assertThat(record.get("provenance").get("verifiedChecksum").asString())
        .isEqualTo("sha256:" + sha256(kyc));
    assertThat(record.get("keys").get("customerId").asString()).isEqualTo("C-7");
    client.await(
        () -> client.search(AUDITOR, "q", "zebrafink"),
        r -> r.status() == 200 && r.json().get("total").asLong() == 1);
  }

  @Test
  void aBadManifestReportsEveryBadRowByLineAndFilesNothing() throws Exception {
    Path folder = Files.createDirectories(root.resolve("bad"));
    Files.write(folder.resolve("ok.pdf"), TestDocuments.pdf("Fine document flodhäst"));
    Files.write(folder.resolve("two.pdf"), TestDocuments.pdf("Another"));
    Files.writeString(
        root.resolve("bad.csv"),
        "file,recordClass,documentDate,legacyId,originalFiledAt\n"
            + "ok.pdf,ACC-VOUCHER,2019-01-01,B-1,\n"
            + "ok.pdf,NO-SUCH-CLASS,2019-01-01,B-2,\n"
            + "missing.pdf,ACC-VOUCHER,2019-01-01,B-3,\n"
            + "two.pdf,ACC-VOUCHER,31/12/2019,,2999-01-01\n"
            + "../../outside.pdf,ACC-VOUCHER,,B-5,\n"
            + "two.pdf,ACC-VOUCHER,,B-1,\n");

    Response refused = client.post("/api/imports", MANAGER, body("bad", "bad.csv"));

    assertThat(refused.status()).as(refused.text()).isEqualTo(422);
    assertThat(refused.json().get("title").asString()).isEqualTo("Invalid manifest");
    List<String> rows = new ArrayList<>();
    refused
        .json()
        .get("rows")
        .forEach(r -> rows.add(r.get("line").asInt() + " " + r.get("reason").asString()));
    assertThat(rows)
        .hasSize(7)
        .anySatisfy(r -> assertThat(r).startsWith("3 ").contains("NO-SUCH-CLASS"))
        .anySatisfy(r -> assertThat(r).startsWith("4 ").contains("not found"))
        .anySatisfy(r -> assertThat(r).startsWith("5 ").contains("documentDate"))
        .anySatisfy(r -> assertThat(r).startsWith("5 ").contains("legacyId: required"))
        .anySatisfy(r -> assertThat(r).startsWith("5 ").contains("in the future"))
        .anySatisfy(r -> assertThat(r).startsWith("6 ").contains("inside the source folder"))
        .anySatisfy(r -> assertThat(r).startsWith("7 ").contains("the same as on line 2"));
    client.await(() -> client.search(AUDITOR, "q", "flodhäst"), r -> r.status() == 200);
    assertThat(client.search(AUDITOR, "q", "flodhäst").json().get("total").asLong()).isZero();
    assertThat(client.get("/api/imports", MANAGER).text()).doesNotContain("bad.csv");
  }

  @Test
  void aBagWhoseFileDoesNotMatchItsChecksumIsRefused() throws Exception {
    Path data = Files.createDirectories(root.resolve("tampered/data"));
    Files.writeString(root.resolve("tampered/bagit.txt"), "BagIt-Version: 1.0\n");
    Files.write(data.resolve("a.pdf"), TestDocuments.pdf("Changed after the bag was made"));
    Files.writeString(root.resolve("tampered/manifest-sha512.txt"), "abc123" + "  data/a.pdf\n");
    Files.writeString(
        root.resolve("tampered.csv"), "file,recordClass,legacyId\ndata/a.pdf,KYC,T-1\n");

    Response refused = client.post("/api/imports", MANAGER, body("tampered", "tampered.csv"));

    assertThat(refused.status()).isEqualTo(422);
    JsonNode row = refused.json().get("rows").get(0);
    assertThat(row.get("line").asInt()).isEqualTo(2);
    assertThat(row.get("reason").asString()).contains("checksum", "manifest-sha512.txt");
  }

  @Test
  void refusesPathsOutsideTheImportRoot() throws Exception {
    Files.createDirectories(root.resolve("bad"));
    Path outside = Files.createDirectories(arkiv.root().resolve("elsewhere"));
    Files.writeString(outside.resolve("m.csv"), "file,recordClass,legacyId\n");
    Files.createSymbolicLink(root.resolve("link-out"), outside);
    for (String[] attempt :
        new String[][] {
          {"../../elsewhere", "bad.csv"},
          {"/etc", "bad.csv"},
          {"bad", "/etc/passwd.csv"},
          {"bad", "../../elsewhere/m.csv"},
          {"link-out", "bad.csv"},
          {"bad", "link-out/m.csv"},
        }) {
      Response refused = client.post("/api/imports", MANAGER, body(attempt[0], attempt[1]));
      assertThat(refused.status()).as(String.join(" ", attempt)).isEqualTo(400);
      assertThat(refused.json().get("title").asString()).isEqualTo("Import refused");
    }
  }

  @Test
  void theImportScriptStartsAnImportShowsItsProgressAndPrintsTheReport() throws Exception {
    Path folder = Files.createDirectories(root.resolve("script/in"));
    Files.write(folder.resolve("a.pdf"), TestDocuments.pdf("Skriptimport ekorre"));
    Files.write(folder.resolve("b.docx"), TestDocuments.docx("Skriptimport ekorre två"));
    Files.writeString(
        folder.resolve("manifest.csv"),
        "file,recordClass,legacyId\na.pdf,CORRESPONDENCE,S-1\nb.docx,CORRESPONDENCE,S-2\n");

    // Local paths below the import root, as a records manager on the server would give them.
    Script started =
        script(
            folder.toString(),
            "--manifest",
            folder.resolve("manifest.csv").toString(),
            "--root",
            root.toString());

    assertThat(started.exit()).as(started.output()).isZero();
    assertThat(started.output()).contains("finished: 2 lines, 2 filed, 0 duplicates, 0 refused");
    String id = started.output().replaceAll("(?s).*Import (\\S+) started.*", "$1");
    Script status = script("--status", id);
    assertThat(status.exit()).as(status.output()).isZero();
    assertThat(status.output()).contains("2/2", "FINISHED");
    Script refused = script("script/in", "--manifest", "script/in/missing.csv");
    assertThat(refused.exit()).isEqualTo(2);
    assertThat(refused.output()).contains("Import refused", "does not exist");
  }

  private record Script(int exit, String output) {}

  private Script script(String... arguments) throws Exception {
    List<String> command = new ArrayList<>(List.of("python3", "scripts/import"));
    command.addAll(List.of(arguments));
    command.addAll(List.of("--url", "http://localhost:" + arkiv.port()));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("ARKIV_USER", MANAGER);
    builder.environment().put("ARKIV_PASSWORD", MANAGER);
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    return new Script(process.waitFor(), output);
  }

  @Test
  void onlyARecordsManagerMayImport() {
    for (String user : List.of(CLERK, AUDITOR)) {
      Response refused = client.post("/api/imports", user, body("bad", "bad.csv"));
      assertThat(refused.status()).isEqualTo(403);
    }
    assertThat(client.get("/api/imports", CLERK).status()).isEqualTo(403);
    assertThat(client.get("/api/imports", AUDITOR).status()).isEqualTo(200);
  }

  @Test
  void anImportNobodyStartedIsNotFound() {
    Response unknown = client.get("/api/imports/no-such-import", AUDITOR);

    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.json().path("title").asString()).isEqualTo("Not found");
    assertThat(client.get("/api/imports/no-such-import/report", MANAGER).status()).isEqualTo(404);
  }

  @Test
  void resumesAfterARestartWithoutFilingAnythingTwice() throws Exception {
    Path folder = Files.createDirectories(root.resolve("restart"));
    StringBuilder csv = new StringBuilder("file,recordClass,legacyId\n");
    for (int i = 0; i < 40; i++) {
      Files.write(folder.resolve("r" + i + ".pdf"), TestDocuments.pdf("Omstart dokument " + i));
      csv.append("r").append(i).append(".pdf,ACC-VOUCHER,R-").append(i).append('\n');
    }
    Files.writeString(root.resolve("restart.csv"), csv);
    Response started = client.post("/api/imports", MANAGER, body("restart", "restart.csv"));
    assertThat(started.status()).as(started.text()).isEqualTo(202);
    String id = started.json().get("id").asString();
    JsonNode middle =
        client
            .await(
                () -> client.get("/api/imports/" + id, MANAGER),
                r -> r.json().get("done").asLong() >= 8)
            .json();
    assertThat(middle.get("state").asString()).isEqualTo("RUNNING");
    assertThat(middle.get("done").asLong()).isLessThan(40);
    assertThat(middle.get("ratePerSecond").asDouble()).isPositive();
    assertThat(middle.get("etaSeconds").asLong()).isPositive();

    arkiv.running().restart();
    client = arkiv.client();

    JsonNode resumed = client.get("/api/imports/" + id, MANAGER).json();
    assertThat(resumed.get("done").asLong()).isGreaterThanOrEqualTo(8L);
    client.await(
        () -> client.get("/api/imports/" + id, MANAGER),
        r -> "FINISHED".equals(r.json().get("state").asString()));
    JsonNode report = client.get("/api/imports/" + id + "/report", MANAGER).json();
    assertThat(report.get("filed")).hasSize(40);
    assertThat(report.get("duplicates")).isEmpty();
    Set<String> ids = new HashSet<>();
    report.get("filed").forEach(line -> ids.add(line.get("recordId").asString()));
    assertThat(ids).hasSize(40);
    assertThat(recordsOfImport(id)).isEqualTo(40);
  }

  /** Records whose first metadata version names the import, read from the store's files. */
  private long recordsOfImport(String importId) throws IOException {
    try (Stream<Path> records = Files.list(arkiv.objectsDir().resolve("records"))) {
      return records
          .map(r -> r.resolve("meta").resolve("000001.json"))
          .filter(Files::exists)
          .filter(
              m ->
                  importId.equals(
                      JSON.readTree(read(m)).path("provenance").path("importId").asString(null)))
          .count();
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }
}
