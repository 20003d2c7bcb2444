package se.arkiv.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import se.arkiv.extraction.InProcessExtractionSource;
import se.arkiv.testing.ArkivService;
import se.arkiv.testing.Browser;
import se.arkiv.testing.BrowserTest;

/**
 * The browser-test harness itself: a real Chromium renders a page of the running service, the
 * screenshots land under target/, and the accessibility check passes a good page and fails a bad
 * one. The UI's own screens have their own browser tests.
 */
@BrowserTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BrowserSmokeIT {

  @RegisterExtension
  static final ArkivService arkiv = ArkivService.with(Map.of(), InProcessExtractionSource.class);

  @Test
  void rendersThePagesOfTheRunningService(Browser browser) {
    browser.open(url("/swagger-ui.html"));

    // Swagger UI draws the operations with JavaScript from the service's OpenAPI document: an
    // operation on the page means the browser ran the page's scripts against the service.
    assertThat(browser.waitFor(By.cssSelector(".opblock-summary-path")).getText()).startsWith("/");
    assertThat(browser.driver().getTitle()).isEqualTo("Swagger UI");
    // Swagger UI is not ours and fails axe (unnamed buttons and selects, contrast), so the
    // accessibility check is proven on pages of the test's own below.
    Path screenshot = browser.screenshot("smoke-swagger-ui");
    assertThat(screenshot).exists().isNotEmptyFile();
  }

  @Test
  void passesAnAccessiblePage(Browser browser) throws Exception {
    browser.open(
        page(
            """
            <!doctype html>
            <html lang="sv"><head><meta charset="utf-8"><title>Sök i arkivet</title></head>
            <body><main>
              <h1>Sök i arkivet</h1>
              <form><label for="q">Sökord</label> <input id="q" name="q" type="search">
                <button type="submit">Sök</button></form>
              <img alt="Arkivets logotyp" src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">
            </main></body></html>
            """));

    browser.assertAccessible("accessible test page");
    assertThat(browser.screenshot("smoke-accessible-page")).isNotEmptyFile();
  }

  @Test
  void failsAPageWithAnImageWithoutAltAndAnInputWithoutLabel(Browser browser) {
    browser.open(
        page(
            """
            <!doctype html>
            <html lang="sv"><head><meta charset="utf-8"><title>Trasig sida</title></head>
            <body><main>
              <h1>Trasig sida</h1>
              <img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">
              <input id="unlabelled" type="text">
            </main></body></html>
            """));

    // The check must be able to fail, and say what to fix and where.
    assertThatThrownBy(() -> browser.assertAccessible("broken test page"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("broken test page")
        .hasMessageContaining("image-alt [critical]")
        .hasMessageContaining("label [critical]")
        .hasMessageContaining("#unlabelled");
  }

  @Test
  void startsEachTestWithoutTheCookiesOfTheLastOne(Browser browser) {
    browser.open(url("/actuator/health"));
    browser.driver().manage().addCookie(new Cookie("JSESSIONID", "from-an-earlier-test"));

    browser.newSession();

    browser.open(url("/actuator/health"));
    assertThat(browser.driver().manage().getCookies()).isEmpty();
  }

  @Test
  void startsTheDebianBinariesWithoutSeleniumManager() {
    // Selenium Manager would try the network for a driver; Selenium logs, at FINE, that it
    // skipped it because the service was given a driver.
    List<String> messages = new CopyOnWriteArrayList<>();
    Logger selenium = Logger.getLogger("org.openqa.selenium");
    Level previous = selenium.getLevel();
    Handler handler =
        new Handler() {
          @Override
          public void publish(LogRecord record) {
            messages.add(record.getLoggerName() + ": " + record.getMessage());
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    handler.setLevel(Level.ALL);
    selenium.setLevel(Level.FINE);
    selenium.addHandler(handler);
    try (Browser own = Browser.start()) {
      assertThat(own.driver().getCapabilities().getBrowserName()).isEqualTo("chrome");
    } finally {
      selenium.removeHandler(handler);
      selenium.setLevel(previous);
    }

    assertThat(messages)
        .anyMatch(m -> m.contains("Skipping Selenium Manager"))
        .noneMatch(m -> m.startsWith("org.openqa.selenium.manager"));
  }

  private String url(String path) {
    return "http://localhost:" + arkiv.port() + path;
  }

  /** A page of the test's own, without a server: the browser decodes it from the URL. */
  private static String page(String html) {
    return "data:text/html;charset=utf-8;base64,"
        + Base64.getEncoder().encodeToString(html.getBytes(StandardCharsets.UTF_8));
  }
}
