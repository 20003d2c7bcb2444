package se.arkiv.web;

import static org.assertj.core.api.Assertions.assertThat;
import static se.arkiv.testing.RunningArkiv.AUDITOR;
import static se.arkiv.testing.RunningArkiv.CLERK;
import static se.arkiv.testing.RunningArkiv.MANAGER;
import static se.arkiv.testing.RunningArkiv.SECOND_MANAGER;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import se.arkiv.extraction.InProcessExtractionSource;
import se.arkiv.storage.RefusingDeletesSource;
import se.arkiv.testing.ArkivClient;
import se.arkiv.testing.ArkivClient.Response;
import se.arkiv.testing.Browser;
import se.arkiv.testing.BrowserTest;
import se.arkiv.testing.MovableClockSource;
import se.arkiv.testing.RunningArkiv;

/**
 * The records manager's and the auditor's screens in a real browser: holds from a result list and
 * by query, retention events, a disposition run from start through four-eyes approval and execution
 * to its certificate, the audit trail with its chain verification, and the file plan. Every screen
 * is checked with axe-core and photographed for docs/ui.md.
 */
@BrowserTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RecordsManagementScreensIT {

  private RunningArkiv arkiv;
  private ArkivClient client;

  @BeforeAll
  void start() throws Exception {
    MovableClockSource.CLOCK.set(Instant.parse("2025-03-01T09:00:00Z"));
    RefusingDeletesSource.PROTECTED.clear();
    RefusingDeletesSource.SLOW.clear();
    // Small audit segments, so that some are sealed into the store for the tampering test.
    arkiv =
        RunningArkiv.start(
            Map.of("arkiv.audit.segment-entries", "20"),
            MovableClockSource.class,
            RefusingDeletesSource.class,
            InProcessExtractionSource.class);
    client = arkiv.client();
  }

  @AfterAll
  void stop() throws Exception {
    RefusingDeletesSource.SLOW.clear();
    arkiv.close();
  }

  @Test
  @Order(1)
  void placesAHoldOnRecordsSelectedInAResultList(Browser browser) {
    String first = file("CORRESPONDENCE", "Brev om tvisten kvittning", "\"title\":\"Tvist 1\"");
    String second = file("CORRESPONDENCE", "Andra brevet om kvittning", "\"title\":\"Tvist 2\"");
    file("CORRESPONDENCE", "Ett annat brev", "\"title\":\"Annat\"");
    awaitSearchable("kvittning", 2);

    login(browser, MANAGER, "/search?q=kvittning");
    browser.waitFor(By.id("sel-" + first)).click();
    browser.waitFor(By.id("sel-" + second)).click();
    browser.waitFor(By.cssSelector("#bulk button[name=scope][value=selected]")).click();

    WebElement confirm = browser.waitFor(By.id("hold-confirm"));
    assertThat(confirm.getText()).contains("2");
    browser.assertAccessible("hold-new");
    browser.screenshotForDocs("hold-new");
    browser.waitFor(By.id("hold-name")).sendKeys("Tvist Kvittning AB");
    browser.waitFor(By.id("hold-case")).sendKeys("T 1234-25");
    browser.waitFor(By.id("hold-reason")).sendKeys("Stämning inkommen");
    browser.waitFor(By.cssSelector("main form button[type=submit]")).click();

    assertThat(browser.waitFor(By.id("covered")).getText()).contains("2");
    assertThat(browser.driver().getPageSource()).contains(first).contains(second);
    browser.assertAccessible("hold");
    browser.screenshotForDocs("hold");
    assertThat(
            client
                .get("/api/records/" + first, AUDITOR)
                .json()
                .get("retention")
                .get("status")
                .asString())
        .isEqualTo("HELD");

    // The place-by-query form counts what a query covers as it is typed.
    browser.open(url("/holds"));
    browser.waitFor(By.id("hold-q")).sendKeys("kvittning");
    browser.waitUntil(
        "the live count",
        driver -> driver.findElement(By.id("hold-count")).getText().contains("2"));
    assertThat(browser.driver().findElement(By.id("holds")).getText())
        .contains("Tvist Kvittning AB");
    browser.assertAccessible("holds");
    browser.screenshotForDocs("holds");
  }

  @Test
  @Order(2)
  void holdsAllMatchingAndReleasesWithAReason(Browser browser) {
    awaitSearchable("kvittning", 2);
    login(browser, MANAGER, "/search?q=kvittning&recordClass=CORRESPONDENCE");
    browser.waitFor(By.cssSelector("#bulk a.button")).click();
    assertThat(browser.waitFor(By.id("hold-confirm")).getText()).contains("2");
    // Class filter and words become one hold query, so later filings are covered too.
    assertThat(browser.waitFor(By.cssSelector("main p code")).getText())
        .isEqualTo("(kvittning) AND recordClass:\"CORRESPONDENCE\"");
    browser.waitFor(By.id("hold-name")).sendKeys("Alla kvittningar");
    browser.waitFor(By.id("hold-reason")).sendKeys("Revision");
    browser.waitFor(By.cssSelector("main form button[type=submit]")).click();
    assertThat(browser.waitFor(By.id("covered")).getText()).contains("2");

    browser.waitFor(By.id("release-reason")).sendKeys("Revisionen avslutad");
    browser.waitFor(By.cssSelector("#main form button.danger")).click();
    browser.waitUntil("released", driver -> driver.getPageSource().contains("Revisionen avslutad"));
    assertThat(browser.driver().findElements(By.id("release-reason"))).isEmpty();
  }

  @Test
  @Order(3)
  void runsADispositionWithFourEyesAndProgressToItsCertificate(Browser browser) throws Exception {
    String one = file("HR-FILE", "Personalakt", "\"keys\":{\"employeeId\":\"E-77\"}");
    String two = file("HR-FILE", "Personalakt två", "\"keys\":{\"employeeId\":\"E-77\"}");

    // Employment ended: recorded on the events screen.
    login(browser, MANAGER, "/retention/events");
    new Select(browser.waitFor(By.id("ev-type"))).selectByValue("EMPLOYMENT_ENDED");
    setDate(browser, "ev-date", "2025-02-01");
    browser.waitFor(By.id("ev-ref")).sendKeys("HR 2025/12");
    browser.waitFor(By.id("ev-employeeId")).sendKeys("E-77");
    browser.waitFor(By.cssSelector("#main form button[type=submit]")).click();
    assertThat(browser.waitFor(By.id("events")).getText()).contains("E-77").contains("HR 2025/12");
    browser.assertAccessible("retention-events");
    browser.screenshotForDocs("retention-events");

    // Two years later the personnel files may go, once a second manager approves.
    MovableClockSource.CLOCK.set(Instant.parse("2027-03-01T09:00:00Z"));
    RefusingDeletesSource.SLOW.add(one);
    RefusingDeletesSource.SLOW.add(two);
    browser.open(url("/disposition"));
    new Select(browser.waitFor(By.id("run-class"))).selectByValue("HR-FILE");
    browser.waitFor(By.cssSelector("input[name=mode][value=real]")).click();
    browser.assertAccessible("disposition");
    browser.screenshotForDocs("disposition");
    browser.waitFor(By.cssSelector("#main form button[type=submit]")).click();

    assertThat(browser.waitFor(By.id("candidates")).getText()).contains(one).contains(two);
    // The manager who started it is told why, and not offered the approval.
    assertThat(browser.waitFor(By.id("four-eyes")).isDisplayed()).isTrue();
    assertThat(browser.driver().findElements(By.id("approve"))).isEmpty();
    String runPage = browser.driver().getCurrentUrl();
    browser.assertAccessible("disposition-run");
    browser.screenshotForDocs("disposition-run");

    browser.newSession();
    login(browser, SECOND_MANAGER, runPage.substring(url("").length()));
    browser.waitFor(By.id("approve")).click();
    browser.waitFor(By.id("execute")).click();

    // The progress bar follows the background run (two seconds a record here) to its end.
    AtomicBoolean sawPartial = new AtomicBoolean();
    browser.waitUntil(
        "the run to finish",
        driver -> {
          WebElement bar = driver.findElement(By.cssSelector("#progress progress"));
          if (bar.getAttribute("value") != null
              && !bar.getAttribute("value").equals(bar.getAttribute("max"))) {
            sawPartial.set(true);
          }
          return !driver.findElements(By.id("executed")).isEmpty();
        });
    assertThat(sawPartial).isTrue();
    WebElement bar = browser.waitFor(By.cssSelector("#progress progress"));
    assertThat(bar.getAttribute("value")).isEqualTo(bar.getAttribute("max")).isEqualTo("2");
    assertThat(browser.waitFor(By.id("executed")).getText()).contains("2");
    browser.assertAccessible("disposition-executed");
    browser.screenshotForDocs("disposition-executed");

    String href = browser.waitFor(By.id("certificate")).getAttribute("href");
    HttpResponse<byte[]> pdf =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(href))
                    .header(
                        "Cookie",
                        "ARKIV_SESSION="
                            + browser.driver().manage().getCookieNamed("ARKIV_SESSION").getValue())
                    .build(),
                HttpResponse.BodyHandlers.ofByteArray());
    assertThat(pdf.statusCode()).isEqualTo(200);
    assertThat(pdf.headers().firstValue("Content-Type")).hasValue("application/pdf");
    assertThat(pdf.headers().firstValue("Content-Disposition"))
        .hasValueSatisfying(value -> assertThat(value).startsWith("attachment;"));
    assertThat(pdf.headers().firstValue("Content-Security-Policy"))
        .hasValueSatisfying(value -> assertThat(value).startsWith("sandbox;"));
    assertThat(new String(pdf.body(), 0, 4, StandardCharsets.US_ASCII)).isEqualTo("%PDF");
    assertThat(client.get("/api/records/" + one, AUDITOR).status()).isEqualTo(410);
  }

  @Test
  @Order(4)
  void showsTheTrailAndABrokenChainAfterAByteChangedInASealedSegment(Browser browser)
      throws IOException {
    login(browser, AUDITOR, "/audit?actor=" + MANAGER + "&action=hold.");
    browser.waitFor(By.cssSelector("#verification [data-valid=true]"));
    assertThat(browser.waitFor(By.id("entries")).getText()).contains("hold.place");
    assertThat(browser.driver().findElement(By.id("entries")).getText()).doesNotContain("search");
    browser.assertAccessible("audit");
    browser.screenshotForDocs("audit");

    List<Path> sealed = sealedSegments();
    assertThat(sealed).isNotEmpty();
    Path segment = sealed.get(sealed.size() - 1);
    List<String> original = Files.readAllLines(segment);
    List<String> changed = new ArrayList<>(original);
    changed.set(1, changed.get(1).replace("\"outcome\":\"", "\"outcome\":\"X"));
    Files.write(segment, changed);
    try {
      browser.open(url("/audit"));
      browser.waitUntil(
          "the verification",
          driver -> !driver.findElements(By.cssSelector("#verification [data-valid]")).isEmpty());
      assertThat(browser.driver().findElement(By.id("verification")).getText())
          .as(segment + ": " + changed.get(1))
          .doesNotContain("intact");
      WebElement broken = browser.waitFor(By.id("first-broken"));
      assertThat(broken.getText()).contains(seqOf(original.get(1)));
      browser.assertAccessible("audit-broken");
      browser.screenshotForDocs("audit-broken");
    } finally {
      Files.write(segment, original);
    }
    browser.open(url("/audit"));
    browser.waitFor(By.cssSelector("#verification [data-valid=true]"));
  }

  @Test
  @Order(6)
  void correctsAFieldOfSelectedRecordsAfterSayingHowManyItTouches(Browser browser) {
    String a = file("PAYMENT-ORDER", "Betalningsorder 1", "\"title\":\"Order 1\"");
    String b = file("PAYMENT-ORDER", "Betalningsorder 2", "\"title\":\"Order 2\"");
    login(browser, MANAGER, "/bulk/correct?recordIds=" + a + "&recordIds=" + b + "&query=order");
    assertThat(browser.waitFor(By.id("bulk-confirm")).getText()).contains("2");
    new Select(browser.waitFor(By.id("bulk-field"))).selectByValue("counterparty");
    browser.waitFor(By.id("bulk-value")).sendKeys("Leverantören AB");
    browser.waitFor(By.id("bulk-reason")).sendKeys("Fel motpart vid skanning");
    browser.assertAccessible("bulk-correct");
    browser.screenshotForDocs("bulk-correct");
    browser.waitFor(By.cssSelector("main form button[type=submit]")).click();
    assertThat(browser.waitFor(By.id("bulk-done")).getText()).contains("2");
    browser.assertAccessible("bulk-corrected");
    assertThat(
            client
                .get("/api/records/" + b, AUDITOR)
                .json()
                .get("keys")
                .get("counterparty")
                .asString())
        .isEqualTo("Leverantören AB");
  }

  @Test
  @Order(5)
  void showsTheFilePlanToEveryRoleAndGovernanceOnlyToAuditorsAndManagers(Browser browser) {
    login(browser, CLERK, "/file-plan");
    assertThat(browser.waitFor(By.id("file-plan")).getText())
        .contains("HR-FILE")
        .contains("Bokföringslagen");
    assertThat(browser.driver().findElements(By.cssSelector("nav a[href='/holds']"))).isEmpty();
    browser.assertAccessible("file-plan");
    browser.screenshotForDocs("file-plan");
    browser.open(url("/holds"));
    assertThat(browser.waitFor(By.cssSelector("main .problem")).getText()).contains("403");

    // An auditor reads holds and runs but is offered no action.
    browser.newSession();
    login(browser, AUDITOR, "/holds");
    browser.waitFor(By.id("holds"));
    assertThat(browser.driver().findElements(By.id("hold-q"))).isEmpty();
    browser.open(url("/disposition"));
    browser.waitFor(By.id("runs"));
    assertThat(browser.driver().findElements(By.id("run-class"))).isEmpty();
    browser.open(url("/retention/events"));
    browser.waitFor(By.id("events"));
    assertThat(browser.driver().findElements(By.id("ev-type"))).isEmpty();
    assertThat(browser.driver().findElements(By.cssSelector("#events button"))).isEmpty();
  }

  /**
   * Opens a page, logging in on the way: the login returns to the page asked for. (The start page
   * is not the way in here: it fails under the movable test clock, whose withZone it calls.)
   */
  private void login(Browser browser, String user, String path) {
    browser.open(url(path));
    browser.waitFor(By.id("username")).sendKeys(user);
    browser.waitFor(By.id("password")).sendKeys(user);
    browser.waitFor(By.cssSelector("main form button[type=submit]")).click();
    browser.waitFor(By.cssSelector("header nav"));
    assertThat(browser.driver().getCurrentUrl()).contains(path);
  }

  /** Sets a date input regardless of the browser's locale-specific typing order. */
  private static void setDate(Browser browser, String id, String isoDate) {
    browser
        .driver()
        .executeScript("document.getElementById(arguments[0]).value = arguments[1];", id, isoDate);
  }

  private String file(String recordClass, String text, String extra) {
    Response filed =
        client.file(
            CLERK,
            "doc.txt",
            text.getBytes(StandardCharsets.UTF_8),
            "{\"recordClass\":\"" + recordClass + "\"," + extra + "}");
    assertThat(filed.status()).as(filed.text()).isEqualTo(201);
    String id = filed.json().get("id").asString();
    client.await(
        () -> client.get("/api/records/" + id, AUDITOR),
        r -> "DONE".equals(r.json().get("extraction").get("status").asString()));
    return id;
  }

  private void awaitSearchable(String q, int hits) {
    client.await(() -> client.search(AUDITOR, "q", q), r -> r.json().get("total").asLong() == hits);
  }

  private List<Path> sealedSegments() throws IOException {
    try (Stream<Path> files = Files.list(arkiv.objectsDir().resolve("audit/segments"))) {
      return files.sorted().toList();
    }
  }

  private static String seqOf(String line) {
    return line.replaceAll(".*\"seq\":(\\d+).*", "$1");
  }

  private String url(String path) {
    return "http://localhost:" + arkiv.port() + path;
  }
}
