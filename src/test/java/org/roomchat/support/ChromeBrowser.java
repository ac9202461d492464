package org.roomchat.support;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.UnexpectedAlertBehaviour;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One headless Chromium (Debian's, driven by its own chromedriver) with a profile of its own, so
 * two instances are two people with their own cookies, language and time zone. Waits are on
 * conditions; a wait that fails saves a screenshot first.
 */
public final class ChromeBrowser implements AutoCloseable {

  public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  public static final Duration WAIT = Duration.ofSeconds(20);
  private static final int STALE_RETRIES = 5;

  private final String label;
  private final URI base;
  private final Path screenshots;
  private final Path profile;
  private final ChromeDriverService service;
  private final ChromeDriver driver;

  private ChromeBrowser(
      String label,
      URI base,
      Path screenshots,
      Path profile,
      ChromeDriverService service,
      ChromeDriver driver) {
    this.label = label;
    this.base = base;
    this.screenshots = screenshots;
    this.profile = profile;
    this.service = service;
    this.driver = driver;
  }

  public static boolean installed() {
    return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
  }

  /**
   * Skips the calling test unless Debian's Chromium and its driver are installed. Call it per test:
   * a class skipped as a whole is reported as no tests at all.
   */
  public static void assumeInstalled() {
    assumeTrue(
        installed(),
        "browser tests need "
            + CHROMIUM
            + " and "
            + CHROMEDRIVER
            + ": install the Debian packages chromium, chromium-driver and fonts-nanum");
  }

  /**
   * Starts a browser whose preferred language is {@code language} (a tag such as "ko-KR", sent as
   * Accept-Language) in the time zone {@code timeZone}; screenshots are named after {@code label}.
   */
  public static ChromeBrowser start(
      String label, URI base, Path screenshots, String language, String timeZone) {
    try {
      Files.createDirectories(screenshots);
      Path profile = Files.createTempDirectory("chromium-profile-");
      String acceptLanguage = language + "," + language.split("-")[0];
      ChromeDriverService service =
          new ChromeDriverService.Builder()
              .usingDriverExecutable(CHROMEDRIVER.toFile())
              .usingAnyFreePort()
              // Chromium takes its time zone from TZ, as any program on Linux does.
              .withEnvironment(Map.of("TZ", timeZone))
              .build();
      ChromeOptions options = new ChromeOptions();
      options.setBinary(CHROMIUM.toString());
      options.addArguments(
          "--headless",
          "--no-sandbox",
          "--disable-gpu",
          "--disable-quic",
          "--no-first-run",
          "--disable-background-networking",
          "--disable-component-update",
          "--disable-sync",
          // A page in a background tab keeps its timers, as the reconnect test needs.
          "--disable-background-timer-throttling",
          "--disable-renderer-backgrounding",
          "--disable-backgrounding-occluded-windows",
          "--user-data-dir=" + profile,
          "--lang=" + language,
          "--accept-lang=" + acceptLanguage,
          "--window-size=1280,900");
      options.setExperimentalOption("prefs", Map.of("intl.accept_languages", acceptLanguage));
      // An alert a page opens stays open, so a test can tell that it happened.
      options.setUnhandledPromptBehaviour(UnexpectedAlertBehaviour.IGNORE);
      ChromeDriver driver = new ChromeDriver(service, options);
      return new ChromeBrowser(label, base, screenshots, profile, service, driver);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public WebDriver driver() {
    return driver;
  }

  public String label() {
    return label;
  }

  /** Opens a path of the server, such as "chat/lobby/". */
  public ChromeBrowser open(String path) {
    driver.get(base.resolve(path).toString());
    return this;
  }

  /** The decoded path of the page shown now. */
  public String path() {
    return URLDecoder.decode(
        URI.create(driver.getCurrentUrl()).getRawPath(), StandardCharsets.UTF_8);
  }

  /** The decoded query of the page shown now, or "" without one. */
  public String query() {
    String raw = URI.create(driver.getCurrentUrl()).getRawQuery();
    return raw == null ? "" : URLDecoder.decode(raw, StandardCharsets.UTF_8);
  }

  public WebElement find(String css) {
    return driver.findElement(By.cssSelector(css));
  }

  public List<WebElement> findAll(String css) {
    return driver.findElements(By.cssSelector(css));
  }

  /** The text of the element, as a reader sees it. */
  public String text(String css) {
    return fresh(() -> find(css).getText());
  }

  /** The texts of the matching elements, in page order. */
  public List<String> texts(String css) {
    return fresh(() -> findAll(css).stream().map(WebElement::getText).toList());
  }

  /**
   * Reads the page, finding its elements again when the page changed between finding and
   * reading (a navigation or a script's re-render): the read then sees the new page.
   */
  private static <T> T fresh(Supplier<T> read) {
    for (int attempt = 1; ; attempt++) {
      try {
        return read.get();
      } catch (StaleElementReferenceException changed) {
        if (attempt == STALE_RETRIES) {
          throw changed;
        }
      }
    }
  }

  public ChromeBrowser fill(String css, String value) {
    WebElement field = find(css);
    field.clear();
    field.sendKeys(value);
    return this;
  }

  /** Clicks the element, found afresh if the page replaced it between finding and clicking. */
  public ChromeBrowser click(String css) {
    await(
        "a click on " + css,
        d -> {
          find(css).click(); // a stale element is retried by await
          return true;
        });
    return this;
  }

  public Object script(String javascript, Object... arguments) {
    return ((JavascriptExecutor) driver).executeScript(javascript, arguments);
  }

  /** Runs an asynchronous script; it calls {@code done(value)}, its last argument. */
  public Object asyncScript(String javascript, Object... arguments) {
    return ((JavascriptExecutor) driver)
        .executeAsyncScript(
            "const done = arguments[arguments.length - 1];\n" + javascript, arguments);
  }

  /** The id of the focused element, or "" when nothing with an id has the focus. */
  public String focusedId() {
    Object id = script("return document.activeElement ? document.activeElement.id : '';");
    return id == null ? "" : id.toString();
  }

  public boolean alertIsOpen() {
    return ExpectedConditions.alertIsPresent().apply(driver) != null;
  }

  /** Whether the page is wider than the window, so that a reader would have to scroll sideways. */
  public boolean scrollsSideways() {
    return (Boolean) script("return document.documentElement.scrollWidth > window.innerWidth + 1;");
  }

  public ChromeBrowser resize(int width, int height) {
    driver.manage().window().setSize(new Dimension(width, height));
    return this;
  }

  /**
   * Waits until {@code condition} gives a value that is neither null nor false, and returns it; on
   * a timeout saves a screenshot and fails, saying what was awaited.
   */
  public <T> T await(String what, Function<WebDriver, T> condition) {
    return await(what, WAIT, condition);
  }

  public <T> T await(String what, Duration timeout, Function<WebDriver, T> condition) {
    try {
      return new WebDriverWait(driver, timeout)
          .pollingEvery(Duration.ofMillis(100))
          .ignoring(StaleElementReferenceException.class)
          .withMessage(label + ": " + what)
          .until(condition);
    } catch (TimeoutException e) {
      Path shot = screenshot("FAILED-" + what.replaceAll("[^\\p{L}\\p{N}]+", "-"));
      throw new AssertionError(
          label
              + " at "
              + driver.getCurrentUrl()
              + ": not within "
              + timeout
              + ": "
              + what
              + " (screenshot "
              + shot
              + ")",
          e);
    }
  }

  /** Waits until the element's text contains {@code text}. */
  public void awaitText(String css, String text) {
    await(
        "'" + text + "' in " + css,
        d ->
            texts(css).stream().anyMatch(shown -> shown.contains(text)));
  }

  /** Saves what the window shows as target/screenshots/{label}-{name}.png. */
  public Path screenshot(String name) {
    return screenshotTo(screenshots.resolve(label + "-" + name + ".png"));
  }

  /** Saves what the window shows as the PNG file {@code file}, creating its folder. */
  public Path screenshotTo(Path file) {
    try {
      Files.createDirectories(file.getParent());
      Files.copy(
          driver.getScreenshotAs(OutputType.FILE).toPath(),
          file,
          StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }

  /** Signs up through the real form, which logs the browser in. */
  public ChromeBrowser signUp(String username, String password) {
    open("accounts/signup/");
    fill("#username", username).fill("#password", password).fill("#password2", password);
    click("#signup-submit");
    await("logged in as " + username, d -> whoIsLoggedIn().equals(username));
    return this;
  }

  /** Logs in through the real form. */
  public ChromeBrowser logIn(String username, String password) {
    open("accounts/login/");
    submitLogin(username, password);
    await("logged in as " + username, d -> whoIsLoggedIn().equals(username));
    return this;
  }

  /** Fills and posts the login form shown now. */
  public void submitLogin(String username, String password) {
    fill("#username", username).fill("#password", password);
    click("#login-submit");
  }

  /** The username the page header shows, or "" when it shows nobody. */
  public String whoIsLoggedIn() {
    List<String> who = texts(".site-header .who");
    return who.isEmpty() ? "" : who.get(0);
  }

  @Override
  public void close() {
    try {
      driver.quit();
    } finally {
      service.stop();
      deleteQuietly(profile);
    }
  }

  private static void deleteQuietly(Path directory) {
    try (Stream<Path> files = Files.walk(directory)) {
      files.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(ChromeBrowser::delete);
    } catch (IOException | UncheckedIOException e) {
      // A profile left in the temporary directory harms nothing.
    }
  }

  private static void delete(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
