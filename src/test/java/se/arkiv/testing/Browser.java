package se.arkiv.testing;

import static org.awaitility.Awaitility.await;

import com.deque.html.axecore.results.CheckedNode;
import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.NotFoundException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * One headless Chromium, driven through the Debian package's own {@code chromedriver}.
 *
 * <p>Both binaries are given to Selenium explicitly, so Selenium Manager (which would otherwise try
 * to download a matching driver or browser) is never started: this machine's network is closed, and
 * the Debian pair is the tested, matching one. Starting a browser costs seconds, so a test suite
 * shares one through {@link BrowserTest} and starts each test on a clean session instead ({@link
 * #newSession}).
 */
public final class Browser implements AutoCloseable {

  /** Long enough for a loaded CI machine; a passing wait returns as soon as it holds. */
  private static final Duration TIMEOUT = Duration.ofSeconds(15);

  /** Set to {@code docs} to also write {@link #screenshotForDocs} images to docs/ui/. */
  public static final String SCREENSHOTS_PROPERTY = "arkiv.ui.screenshots";

  private static final int VIEWPORT_WIDTH = 1280;
  private static final int VIEWPORT_HEIGHT = 900;
  private static final Path SCREENSHOTS = Path.of("target", "screenshots");
  private static final Path DOCS_SCREENSHOTS = Path.of("docs", "ui");
  private static final Pattern SCREEN_NAME = Pattern.compile("[a-z0-9][a-z0-9-]*");

  /** What the UI must never have; moderate and minor findings are left to review. */
  private static final Set<String> BLOCKING_IMPACTS = Set.of("serious", "critical");

  /** Enough elements per rule to find the pattern; a page-wide problem would bury the rest. */
  private static final int NODES_SHOWN = 8;

  /**
   * Selenium warns on every start that it has no DevTools classes for this Chromium. The tests use
   * only chromedriver's own CDP command, so the warning says nothing; held here because
   * java.util.logging keeps loggers weakly.
   */
  private static final Logger CDP_VERSION_FINDER =
      Logger.getLogger("org.openqa.selenium.devtools.CdpVersionFinder");

  private final ChromeDriverService service;
  private final ChromeDriver driver;
  private final Path profile;
  private final Duration startup;

  private Browser(ChromeDriverService service, ChromeDriver driver, Path profile, Duration start) {
    this.service = service;
    this.driver = driver;
    this.profile = profile;
    this.startup = start;
  }

  /**
   * Starts a browser of its own; close it when done. Tests normally get the shared one through
   * {@link BrowserTest} instead.
   */
  public static Browser start() {
    Path chromium = executable("chromium", "/usr/bin/chromium", "/usr/lib/chromium/chromium");
    Path chromedriver =
        executable("chromedriver", "/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver");
    CDP_VERSION_FINDER.setLevel(Level.SEVERE);
    long started = System.nanoTime();
    Path profile;
    try {
      // A fresh profile each time: nothing from an earlier run (cookies, cache) leaks in.
      profile = Files.createTempDirectory("arkiv-chromium-");
      Files.createDirectories(Path.of("target"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ChromeOptions options = new ChromeOptions();
    options.setBinary(chromium.toFile());
    options.addArguments(
        "--headless=new",
        // Chromium's sandbox refuses to run as root, which the tests are in CI.
        "--no-sandbox",
        // Containers often have a 64 MB /dev/shm, too small for Chromium's shared memory.
        "--disable-dev-shm-usage",
        // The network is closed: no update checks, sync, QUIC probes or first-run pages that
        // would wait on it or log failures.
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-quic",
        "--no-first-run",
        "--disable-gpu",
        // Screenshots of the same size on every machine.
        "--window-size=1280,900",
        "--force-device-scale-factor=1",
        "--user-data-dir=" + profile);
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(chromedriver.toFile())
            .usingAnyFreePort()
            .withLogFile(new File("target/chromedriver.log"))
            .build();
    ChromeDriver driver;
    try {
      driver = new ChromeDriver(service, options);
    } catch (RuntimeException e) {
      service.stop();
      deleteTree(profile);
      throw e;
    }
    fitViewport(driver);
    Browser browser =
        new Browser(service, driver, profile, Duration.ofNanos(System.nanoTime() - started));
    System.out.printf(
        "Chromium %s (chromedriver %s) ready in %d ms%n",
        driver.getCapabilities().getBrowserVersion(), chromedriver, browser.startup.toMillis());
    return browser;
  }

  /**
   * Makes the page area 1280x900, the size of the screenshots: the window-size flag sizes the
   * window, and even headless Chromium keeps part of it for its own toolbar.
   */
  private static void fitViewport(ChromeDriver driver) {
    driver.manage().window().setSize(new Dimension(VIEWPORT_WIDTH, VIEWPORT_HEIGHT));
    @SuppressWarnings("unchecked")
    List<Long> inner =
        (List<Long>) driver.executeScript("return [window.innerWidth, window.innerHeight];");
    driver
        .manage()
        .window()
        .setSize(
            new Dimension(
                2 * VIEWPORT_WIDTH - inner.get(0).intValue(),
                2 * VIEWPORT_HEIGHT - inner.get(1).intValue()));
  }

  /** The WebDriver, for anything the helpers here do not cover. */
  public ChromeDriver driver() {
    return driver;
  }

  /** How long {@link #start} took, from looking for the binaries to a usable session. */
  public Duration startup() {
    return startup;
  }

  /** Loads the page and returns once it has loaded (WebDriver's normal page-load strategy). */
  public Browser open(String url) {
    driver.get(url);
    return this;
  }

  /** The element once it is on the page and visible, e.g. after an htmx swap. */
  public WebElement waitFor(By locator) {
    return await("visible " + locator)
        .atMost(TIMEOUT)
        .pollInterval(Duration.ofMillis(50))
        .ignoreExceptionsMatching(Browser::notThereYet)
        .until(() -> driver.findElement(locator), WebElement::isDisplayed);
  }

  /** Waits until the condition holds on the page, e.g. a text that a request puts there. */
  public void waitUntil(String description, Predicate<WebDriver> condition) {
    await(description)
        .atMost(TIMEOUT)
        .pollInterval(Duration.ofMillis(50))
        .ignoreExceptionsMatching(Browser::notThereYet)
        .until(() -> condition.test(driver));
  }

  /**
   * Forgets the previous test: no cookies (so no login) and no storage on any site, one window on a
   * blank page. Seconds cheaper than a new browser.
   */
  public void newSession() {
    List<String> windows = new ArrayList<>(driver.getWindowHandles());
    for (String window : windows.subList(1, windows.size())) {
      driver.switchTo().window(window).close();
    }
    driver.switchTo().window(windows.get(0));
    String url = driver.getCurrentUrl();
    if (url != null && url.startsWith("http")) {
      // htmx keeps its history snapshots in localStorage; only the page's own origin can clear it.
      driver.executeScript("localStorage.clear(); sessionStorage.clear();");
    }
    driver.get("about:blank");
    // WebDriver's deleteAllCookies covers only the current site; this covers every site.
    driver.executeCdpCommand("Network.clearBrowserCookies", Map.of());
  }

  /**
   * Saves what the window shows to {@code target/screenshots/<name>.png}.
   *
   * @param name lower case letters, digits and dashes, e.g. {@code record-detail}
   * @return the file
   */
  public Path screenshot(String name) {
    if (!SCREEN_NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "Screen names are lower case letters, digits and dashes (they become file names): "
              + name);
    }
    try {
      Files.createDirectories(SCREENSHOTS);
      Path file = SCREENSHOTS.resolve(name + ".png");
      Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A screenshot of a screen that docs/ui.md shows: saved like {@link #screenshot}, and also to
   * {@code docs/ui/<name>.png} when the system property {@value #SCREENSHOTS_PROPERTY} is {@code
   * docs} ({@code ./scripts/test -Dgroups=browser -Darkiv.ui.screenshots=docs}), so an ordinary
   * test run leaves the committed images alone.
   *
   * @return the file under target/
   */
  public Path screenshotForDocs(String name) {
    Path file = screenshot(name);
    if ("docs".equals(System.getProperty(SCREENSHOTS_PROPERTY))) {
      try {
        Files.createDirectories(DOCS_SCREENSHOTS);
        Files.copy(
            file, DOCS_SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return file;
  }

  /**
   * Runs axe-core on the page as it is now and fails with every serious or critical violation:
   * rule, impact, what to do, and the elements (CSS selectors).
   *
   * @param screenName names the screen in the failure message
   */
  public void assertAccessible(String screenName) {
    Results results = new AxeBuilder().analyze(driver);
    if (results.isErrored()) {
      throw new AssertionError(
          "axe-core could not check " + screenName + ": " + results.getErrorMessage());
    }
    List<Rule> blocking =
        results.getViolations().stream()
            .filter(rule -> BLOCKING_IMPACTS.contains(rule.getImpact()))
            .toList();
    if (!blocking.isEmpty()) {
      throw new AssertionError(describe(screenName, driver.getCurrentUrl(), blocking));
    }
  }

  private static String describe(String screenName, String url, List<Rule> violations) {
    StringBuilder message =
        new StringBuilder()
            .append(screenName)
            .append(" (")
            .append(url.length() > 120 ? url.substring(0, 120) + "..." : url)
            .append(") has ")
            .append(violations.size())
            .append(" serious or critical accessibility violation(s):");
    for (Rule rule : violations) {
      message
          .append("\n  - ")
          .append(rule.getId())
          .append(" [")
          .append(rule.getImpact())
          .append("] ")
          .append(rule.getHelp())
          .append(" (")
          .append(rule.getHelpUrl())
          .append(')');
      List<CheckedNode> nodes = rule.getNodes();
      for (CheckedNode node : nodes.subList(0, Math.min(nodes.size(), NODES_SHOWN))) {
        message.append("\n      element ").append(node.getTarget());
      }
      if (nodes.size() > NODES_SHOWN) {
        message.append("\n      and ").append(nodes.size() - NODES_SHOWN).append(" more");
      }
    }
    return message.toString();
  }

  @Override
  public void close() {
    try {
      driver.quit();
    } finally {
      service.stop();
      deleteTree(profile);
    }
  }

  /** The page is still changing; anything else (a crashed session) fails the wait at once. */
  private static boolean notThereYet(Throwable e) {
    return e instanceof NotFoundException || e instanceof StaleElementReferenceException;
  }

  /** The program on the PATH, else at the Debian package's paths; fails saying how to get it. */
  private static Path executable(String name, String... knownPaths) {
    String path = Optional.ofNullable(System.getenv("PATH")).orElse("");
    return Stream.concat(
            Stream.of(path.split(File.pathSeparator))
                .filter(dir -> !dir.isEmpty())
                .map(dir -> Path.of(dir, name)),
            Stream.of(knownPaths).map(Path::of))
        .filter(Files::isExecutable)
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "Browser tests need Debian's Chromium and its driver, and '"
                        + name
                        + "' is neither on the PATH nor at "
                        + String.join(", ", knownPaths)
                        + ": install chromium chromium-driver (apt-get install -y chromium"
                        + " chromium-driver), or run ./scripts/test which installs them."));
  }

  private static void deleteTree(Path root) {
    try (Stream<Path> files = Files.walk(root)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // A leftover temp profile is harmless; the test result matters more.
    }
  }
}
