package se.arkiv.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import se.arkiv.testing.ArkivClient;
import se.arkiv.testing.ArkivService;
import se.arkiv.testing.Browser;
import se.arkiv.testing.BrowserTest;
import se.arkiv.testing.RunningArkiv;
import se.arkiv.testing.TestDocuments;

/**
 * The clerk's and the auditor's screens in a real Chromium: log in and out, file by drop, search
 * with facets and phrases, read a record, and the department scope as a clerk meets it.
 */
@BrowserTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UiFilingAndSearchIT {

  @RegisterExtension static final ArkivService arkiv = ArkivService.with(Map.of());
  private ArkivClient api;
  private String hrRecord;
  private String payslip;

  @BeforeAll
  void start() throws Exception {
    api = arkiv.client();
    payslip =
        filed(
            RunningArkiv.MANAGER,
            "lonespec-mars.pdf",
            TestDocuments.pdf("Lönespecifikation mars 2024", "Semesterersättning och övertid"),
            "{\"recordClass\":\"PAYROLL\",\"department\":\"PAYROLL\",\"documentDate\":\"2024-03-25\","
                + "\"fiscalYearEnd\":\"2024-12-31\",\"title\":\"Lönespecifikation mars\"}");
    filed(
        RunningArkiv.MANAGER,
        "verifikation-17.pdf",
        TestDocuments.pdf(
            "Verifikation 17", "Bokföringen av mars månads hyra", "Semesterersättning"),
        "{\"recordClass\":\"ACC-VOUCHER\",\"department\":\"ACCOUNTING\",\"documentDate\":\"2024-03-31\","
            + "\"fiscalYearEnd\":\"2024-12-31\",\"title\":\"Verifikation 17\"}");
    hrRecord =
        filed(
            RunningArkiv.MANAGER,
            "anstallningsavtal.pdf",
            TestDocuments.pdf("Anställningsavtal", "Semesterersättning enligt avtal"),
            "{\"recordClass\":\"CORRESPONDENCE\",\"department\":\"HR\",\"title\":\"Anställningsavtal\"}");
    api.await(
        () -> api.search(RunningArkiv.AUDITOR, "q", "semesterersättning"),
        r -> r.json().get("total").asLong() == 3);
    // The record page offers the payslip's archival copy, made after its text.
    api.awaitArchivalCopy(payslip);
  }

  @Test
  void logsInWithTheLoginFormAndOutAgain(Browser browser) {
    browser.open(url("/"));
    browser.waitFor(By.id("username"));
    assertThat(browser.driver().getCurrentUrl()).endsWith("/login");
    browser.assertAccessible("login");
    browser.screenshotForDocs("login");

    login(browser, RunningArkiv.AUDITOR, "wrong password");
    assertThat(browser.waitFor(By.cssSelector("[role=alert]")).getText())
        .containsIgnoringCase("password");

    login(browser, RunningArkiv.AUDITOR, RunningArkiv.AUDITOR);
    assertThat(browser.waitFor(By.cssSelector("main h1")).getText()).contains(RunningArkiv.AUDITOR);
    browser.assertAccessible("start");
    browser.screenshotForDocs("start");

    browser.driver().findElement(By.cssSelector("form[action='/logout'] button")).click();
    browser.waitFor(By.id("username"));
    assertThat(browser.driver().getCurrentUrl()).contains("/login?logout");
    browser.open(url("/search"));
    assertThat(browser.driver().getCurrentUrl()).endsWith("/login");
  }

  @Test
  void clerkFilesThreeFilesByDropAndWatchesThemBecomeSearchable(Browser browser) throws Exception {
    Path folder = Files.createTempDirectory("ui-drop-");
    List<Path> files =
        List.of(
            write(
                folder, "kvitto-taxi.pdf", TestDocuments.pdf("Kvitto taxi Arlanda", "Resekostnad")),
            write(
                folder,
                "kvitto-hotell.pdf",
                TestDocuments.pdf("Kvitto hotell Göteborg", "Resekostnad")),
            write(
                folder,
                "reseräkning.docx",
                TestDocuments.docx("Reseräkning april", "Resekostnad")));
    login(browser, RunningArkiv.CLERK, RunningArkiv.CLERK);
    browser.open(url("/file"));
    new Select(browser.waitFor(By.id("recordClass"))).selectByValue("EXPENSE");
    assertThat(browser.driver().findElement(By.id("class-retention")).getText())
        .contains("Bokföringslagen");
    new Select(browser.driver().findElement(By.id("department"))).selectByValue("ACCOUNTING");
    browser.driver().findElement(By.id("documentDate")).sendKeys("04302024");
    browser.assertAccessible("file");

    // The drop zone and the file input share one path (the test sets the input, as a drop would).
    browser
        .driver()
        .findElement(By.id("files"))
        .sendKeys(String.join("\n", files.stream().map(Path::toString).toList()));
    browser.driver().findElement(By.id("file-submit")).click();

    browser.waitUntil(
        "three filings searchable",
        driver ->
            driver.findElements(By.cssSelector(".filing-status[data-stage=searchable]")).size()
                == 3);
    browser.screenshotForDocs("file");
    assertThat(browser.driver().findElements(By.cssSelector(".upload-result h3")))
        .extracting(WebElement::getText)
        .containsExactlyInAnyOrder("kvitto-taxi.pdf", "kvitto-hotell.pdf", "reseräkning.docx");
    assertThat(api.search(RunningArkiv.AUDITOR, "q", "resekostnad").json().get("total").asLong())
        .isEqualTo(3);

    // Filing the same bytes again is "already archived", with a link to the record.
    browser.open(url("/file"));
    new Select(browser.waitFor(By.id("recordClass"))).selectByValue("EXPENSE");
    browser.driver().findElement(By.id("files")).sendKeys(files.get(0).toString());
    browser.driver().findElement(By.id("file-submit")).click();
    assertThat(browser.waitFor(By.cssSelector(".upload-result .badge.warn")).getText())
        .isEqualTo("already archived");
  }

  @Test
  void auditorNarrowsASearchWithAFacetAndAPhrase(Browser browser) {
    login(browser, RunningArkiv.AUDITOR, RunningArkiv.AUDITOR);
    browser.open(url("/search?q=semesterers%C3%A4ttning"));
    assertThat(browser.waitFor(By.id("total")).getText()).isEqualTo("3 records");
    assertThat(browser.driver().findElements(By.cssSelector(".snippet mark"))).isNotEmpty();
    browser.assertAccessible("search");
    browser.screenshotForDocs("search");

    browser
        .driver()
        .findElement(By.xpath("//ul[@data-facet='department']//a[span[text()='PAYROLL']]"))
        .click();
    browser.waitUntil(
        "the facet applied",
        driver -> driver.findElement(By.id("total")).getText().equals("1 record"));
    assertThat(browser.driver().getCurrentUrl()).contains("department=PAYROLL");
    assertThat(browser.driver().findElement(By.cssSelector(".hit-link")).getText())
        .isEqualTo("Lönespecifikation mars");

    WebElement box = browser.driver().findElement(By.id("q"));
    box.clear();
    box.sendKeys("\"mars månads hyra\"");
    browser
        .driver()
        .findElement(By.xpath("//ul[@data-facet='department']//a[span[text()='PAYROLL']]"))
        .click(); // clears the facet
    browser.waitUntil(
        "all departments again", driver -> !driver.getCurrentUrl().contains("department=PAYROLL"));
    box = browser.waitFor(By.id("q"));
    box.clear();
    box.sendKeys("\"mars månads hyra\"\n");
    browser.waitUntil(
        "the phrase searched",
        driver -> driver.findElement(By.id("total")).getText().equals("1 record"));
    assertThat(browser.driver().findElement(By.cssSelector(".hit-link")).getText())
        .isEqualTo("Verifikation 17");
  }

  @Test
  void recordPageShowsThePreviewAndTheTextWithTheSearchedWordsMarked(Browser browser) {
    login(browser, RunningArkiv.AUDITOR, RunningArkiv.AUDITOR);
    browser.open(url("/search?q=semesterers%C3%A4ttning&sort=documentDate&order=asc"));
    browser.waitFor(By.cssSelector(".hit-link")).click();
    browser.waitFor(By.cssSelector("#text mark"));
    assertThat(browser.driver().findElement(By.cssSelector("#text mark")).getText())
        .isEqualToIgnoringCase("semesterersättning");
    browser.waitUntil(
        "the preview decoded",
        driver ->
            ((Number)
                        ((JavascriptExecutor) driver)
                            .executeScript(
                                "const i = document.querySelector('.preview img');"
                                    + " return i && i.complete ? i.naturalWidth : 0;"))
                    .intValue()
                > 0);
    assertThat(browser.driver().findElement(By.cssSelector("main h1")).getText())
        .isEqualTo("Lönespecifikation mars");
    assertThat(
            browser
                .driver()
                .findElement(By.cssSelector("a[href$='/records/" + payslip + "/archival']"))
                .getText())
        .containsIgnoringCase("PDF/A");
    browser.assertAccessible("record");
    browser.screenshotForDocs("record");

    // j goes to the next hit of the same search.
    browser.driver().findElement(By.tagName("body")).sendKeys("j");
    browser.waitUntil(
        "the next hit",
        driver -> !driver.findElement(By.cssSelector("main h1")).getText().startsWith("Lön"));
    assertThat(browser.driver().getCurrentUrl()).contains("n=1");
  }

  @Test
  void clerkSeesNeitherAnotherDepartmentsRecordNorTheManagersScreens(Browser browser) {
    login(browser, RunningArkiv.CLERK, RunningArkiv.CLERK);
    browser.waitFor(By.cssSelector("main h1"));
    assertThat(browser.driver().findElements(By.cssSelector("nav a[href='/disposition']")))
        .isEmpty();

    browser.open(url("/search?q=semesterers%C3%A4ttning"));
    assertThat(browser.waitFor(By.id("total")).getText()).isEqualTo("2 records");

    browser.open(url("/records/" + hrRecord));
    assertThat(browser.waitFor(By.cssSelector("main h1")).getText()).isEqualTo("Not found");
    browser.assertAccessible("problem");

    browser.open(url("/disposition"));
    assertThat(browser.waitFor(By.cssSelector("main h1")).getText())
        .isEqualTo("Not allowed for you");

    browser.open(url("/records/" + payslip));
    assertThat(browser.waitFor(By.cssSelector("main h1")).getText())
        .isEqualTo("Lönespecifikation mars");
    // A clerk may correct the title but not the dates that decide retention.
    assertThat(browser.driver().findElements(By.id("c-title"))).hasSize(1);
    assertThat(browser.driver().findElements(By.id("c-documentDate"))).isEmpty();
  }

  @Test
  void switchesBetweenSwedishAndEnglish(Browser browser) {
    login(browser, RunningArkiv.AUDITOR, RunningArkiv.AUDITOR);
    // The test browser asks for English (Accept-Language en-US); the switch sets Swedish.
    browser.open(url("/search?q=semesterers%C3%A4ttning"));
    assertThat(browser.waitFor(By.cssSelector("main h1")).getText()).isEqualTo("Search");
    browser.driver().findElement(By.linkText("Svenska")).click();
    browser.waitUntil(
        "Swedish", driver -> driver.findElement(By.cssSelector("main h1")).getText().equals("Sök"));
    assertThat(browser.driver().findElement(By.tagName("html")).getAttribute("lang"))
        .isEqualTo("sv");
    // The switch keeps the search, and the choice holds for the next pages.
    assertThat(browser.driver().findElement(By.id("total")).getText()).isEqualTo("3 handlingar");
    browser.open(url("/"));
    assertThat(browser.waitFor(By.cssSelector("main h2")).getText()).isEqualTo("Arbetslistor");
    browser.driver().findElement(By.linkText("English")).click();
    browser.waitUntil(
        "English",
        driver -> driver.findElement(By.cssSelector("main h2")).getText().equals("Worklists"));
  }

  private void login(Browser browser, String user, String password) {
    browser.open(url("/login"));
    browser.waitFor(By.id("username")).sendKeys(user);
    browser.driver().findElement(By.id("password")).sendKeys(password);
    browser.driver().findElement(By.cssSelector("main form button[type=submit]")).click();
    browser.waitUntil("the login answered", driver -> !driver.getCurrentUrl().endsWith("/login"));
  }

  private String filed(String user, String name, byte[] content, String metadata) {
    ArkivClient.Response response = api.file(user, name, content, metadata);
    assertThat(response.status()).isEqualTo(201);
    return response.json().get("id").asString();
  }

  private static Path write(Path folder, String name, byte[] content) throws Exception {
    return Files.write(folder.resolve(name), content);
  }

  private String url(String path) {
    return "http://localhost:" + arkiv.port() + path;
  }
}
