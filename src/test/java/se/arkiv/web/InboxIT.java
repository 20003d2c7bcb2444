package se.arkiv.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static se.arkiv.testing.RunningArkiv.AUDITOR;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import se.arkiv.extraction.InProcessExtractionSource;
import se.arkiv.testing.ArkivClient;
import se.arkiv.testing.ArkivService;
import se.arkiv.testing.RunningArkiv;
import se.arkiv.testing.TestDocuments;
import se.arkiv.testing.UiSession;
import tools.jackson.databind.JsonNode;

/** The inbox folder: files dropped by clerks or scanners are filed once, whole, or set aside. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InboxIT {

  @RegisterExtension
  static final ArkivService arkiv =
      ArkivService.with(
          Map.of("arkiv.inbox.scan-interval", "200ms", "arkiv.inbox.settle-time", "2s"),
          InProcessExtractionSource.class);

  private ArkivClient client;
  private Path inbox;

  @BeforeAll
  void start() throws Exception {
    client = arkiv.client();
    inbox = arkiv.root().resolve("data/inbox");
  }

  private JsonNode awaitSearch(String q, int total) {
    return client
        .await(() -> client.search(AUDITOR, "q", q), r -> r.json().get("total").asLong() == total)
        .json();
  }

  /** Waits until {@code dropped} has left its folder, then for the search to give {@code total}. */
  private void awaitSearchAfter(String q, int total, Path dropped) {
    client.await(
        () -> client.search(AUDITOR, "q", q),
        r -> !Files.exists(dropped) && r.json().get("total").asLong() == total);
  }

  /** The reason written beside a file set aside in {@code failed/}, once the inbox has moved it. */
  private String awaitReason(Path dropped) {
    String name = dropped.getFileName() + ".reason.txt";
    Path reason =
        await()
            .atMost(Duration.ofSeconds(60))
            .until(() -> find(inbox.resolve("failed"), name), Optional::isPresent)
            .orElseThrow();
    assertThat(dropped).doesNotExist();
    try {
      return Files.readString(reason);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Optional<Path> find(Path folder, String name) throws IOException {
    if (!Files.exists(folder)) {
      return Optional.empty();
    }
    try (Stream<Path> files = Files.walk(folder)) {
      return files.filter(p -> p.getFileName().toString().equals(name)).findFirst();
    }
  }

  private long filesIn(String folder) throws Exception {
    Path path = inbox.resolve(folder);
    if (!Files.exists(path)) {
      return 0;
    }
    try (Stream<Path> files = Files.walk(path)) {
      return files.filter(Files::isRegularFile).count();
    }
  }

  private long recordsStored() throws Exception {
    try (Stream<Path> records = Files.list(arkiv.objectsDir().resolve("records"))) {
      return records.count();
    }
  }

  @Test
  void aFileCopiedInSlowlyIsFiledOnceAndWhole() throws Exception {
    byte[] content =
        ("Lönespecifikation för mars. " + "Rad med belopp. ".repeat(2000) + "Slutord: kvittens")
            .getBytes(StandardCharsets.UTF_8);
    Path folder = Files.createDirectories(inbox.resolve("PAYROLL@PAYROLL"));
    try (OutputStream out = Files.newOutputStream(folder.resolve("lonespec.txt"))) {
      for (int i = 0; i < content.length; i += 4096) {
        out.write(content, i, Math.min(4096, content.length - i));
        out.flush();
        Thread.sleep(60);
      }
    }
    JsonNode found = awaitSearch("kvittens", 1);
    String id = found.get("hits").get(0).get("id").asString();
    JsonNode record = client.get("/api/records/" + id, AUDITOR).json();
    assertThat(record.get("sha256").asString())
        .isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content)));
    assertThat(record.get("department").asString()).isEqualTo("PAYROLL");
    assertThat(record.get("filedBy").asString()).isEqualTo("inbox");
    // Still one hit once the file has left the folder: the scans that saw it growing filed nothing.
    awaitSearchAfter("kvittens", 1, folder.resolve("lonespec.txt"));
  }

  @Test
  void aFileDroppedTwiceIsFiledOnce() throws Exception {
    byte[] content = "Reseräkning med taxikvitto".getBytes(StandardCharsets.UTF_8);
    Path folder = Files.createDirectories(inbox.resolve("EXPENSE"));
    Files.write(folder.resolve("rese.txt"), content);
    awaitSearch("taxikvitto", 1);
    long records = recordsStored();
    Files.write(folder.resolve("rese-kopia.txt"), content);
    awaitSearchAfter("taxikvitto", 1, folder.resolve("rese-kopia.txt"));
    // The store, not the index (which refreshes on a tick), says whether a second record was made.
    assertThat(recordsStored()).isEqualTo(records);
    try (Stream<Path> processed = Files.walk(inbox.resolve("processed"))) {
      assertThat(processed.map(p -> p.getFileName().toString())).contains("rese-kopia.txt");
    }
  }

  @Test
  void aFolderThatNamesNoClassSendsItsFilesToFailedWithTheReason() throws Exception {
    Path folder = Files.createDirectories(inbox.resolve("NO-SUCH-CLASS"));
    Files.writeString(folder.resolve("okand.txt"), "okänd klass");
    assertThat(awaitReason(folder.resolve("okand.txt")))
        .contains("NO-SUCH-CLASS")
        .contains("valid codes");
  }

  @Test
  void aLinkToAFileOutsideTheInboxIsSetAsideAndNothingIsFiled() throws Exception {
    Path secret = Files.writeString(arkiv.root().resolve("hemlig.txt"), "lösenord till valvet");
    Path folder = Files.createDirectories(inbox.resolve("CORRESPONDENCE@ACCOUNTING"));
    Path link = Files.createSymbolicLink(folder.resolve("lank-till-hemlig.txt"), secret);

    assertThat(awaitReason(link)).contains("A link, not a file");
    try (Stream<Path> stored = Files.walk(arkiv.objectsDir().resolve("records"))) {
      assertThat(stored.filter(Files::isRegularFile).filter(InboxIT::namesTheLink))
          .as("metadata of a record filed from the link")
          .isEmpty();
    }
  }

  private static boolean namesTheLink(Path stored) {
    try {
      return stored.toString().endsWith(".json")
          && Files.readString(stored).contains("lank-till-hemlig.txt");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void aFolderWithAnEmptyDepartmentSendsItsFilesToFailedWithTheReason() throws Exception {
    Path folder = Files.createDirectories(inbox.resolve("CORRESPONDENCE@"));
    Files.writeString(folder.resolve("utan-avdelning.txt"), "ingen avdelning");
    assertThat(awaitReason(folder.resolve("utan-avdelning.txt")))
        .contains("names no department after '@'");
  }

  @Test
  void theFilingScreenShowsAClerkTheInboxFilingsOfTheirOwnDepartmentsOnly() throws Exception {
    Files.writeString(
        Files.createDirectories(inbox.resolve("CORRESPONDENCE@HR")).resolve("hr.txt"),
        "Personalärende kanelbulle");
    Files.writeString(
        Files.createDirectories(inbox.resolve("CORRESPONDENCE@PAYROLL")).resolve("lon.txt"),
        "Löneärende kanelbulle");
    JsonNode hits = awaitSearch("kanelbulle", 2).get("hits");
    String hr = idIn(hits, "hr.txt");
    String payroll = idIn(hits, "lon.txt");

    UiSession clerk = new UiSession("http://localhost:" + arkiv.port());
    assertThat(clerk.login(RunningArkiv.CLERK, RunningArkiv.CLERK)).isTrue();
    UiSession manager = new UiSession("http://localhost:" + arkiv.port());
    assertThat(manager.login(RunningArkiv.MANAGER, RunningArkiv.MANAGER)).isTrue();

    assertThat(clerk.get("/file").body()).contains(payroll).doesNotContain(hr);
    assertThat(manager.get("/file").body()).contains(payroll).contains(hr);
  }

  private static String idIn(JsonNode hits, String title) {
    for (JsonNode hit : hits) {
      if (hit.get("title").asString().equals(title)) {
        return hit.get("id").asString();
      }
    }
    throw new AssertionError("no hit titled " + title + " in " + hits);
  }

  @Test
  void aCorruptFileIsArchivedAndSetAsideWithTheReason() throws Exception {
    Path folder = Files.createDirectories(inbox.resolve("CORRESPONDENCE"));
    Files.write(folder.resolve("trasig.pdf"), TestDocuments.corruptPdf());
    assertThat(awaitReason(folder.resolve("trasig.pdf")))
        .contains("Filed as record")
        .contains("could not be extracted");
    assertThat(filesIn("failed")).isGreaterThanOrEqualTo(2);
    awaitSearch("trasig.pdf", 1);
  }
}
