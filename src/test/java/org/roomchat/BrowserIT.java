package org.roomchat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Cookie;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.roomchat.support.ChatHttp;
import org.roomchat.support.ChatSocket;
import org.roomchat.support.ChromeBrowser;
import org.roomchat.support.LocalProcess;
import org.roomchat.support.ServerNode;

/**
 * The pages in a real browser: headless Chromium driving the real WAR on a real Payara Micro, as
 * people in Korean and English use them. Each test saves screenshots under target/screenshots for
 * review. The server is started here rather than by Arquillian, so that one test can restart it
 * under a live page.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class BrowserIT {

  private static final String PASSWORD = "correct-horse-7";
  private static final String ADMIN = "admin";
  private static final String ADMIN_PASSWORD = "quiet-harbor-42";
  private static final String ENGLISH = "en-US";
  private static final String KOREAN = "ko-KR";
  private static final String NEW_YORK = "America/New_York";
  private static final String SEOUL = "Asia/Seoul";
  private static final AtomicInteger NAMES = new AtomicInteger();

  private static Path runDirectory;
  private static Path screenshots;
  private static int port;
  private static ServerNode server;

  private final List<ChromeBrowser> browsers = new ArrayList<>();

  @BeforeAll
  static void startServer() throws IOException, InterruptedException {
    if (!ChromeBrowser.installed()) {
      return; // each test reports itself skipped, naming the packages (see below)
    }
    Path target = Path.of(System.getProperty("roomchat.war", "target/roomchat.war")).getParent();
    screenshots = target.resolve("screenshots").toAbsolutePath();
    runDirectory = Files.createTempDirectory(target.toAbsolutePath(), "browser-it-");
    port = LocalProcess.freePort();
    server = startServer("browser-1");
  }

  /** The server on this class's port and database, so a restart keeps both. */
  private static ServerNode startServer(String name) {
    Path database = runDirectory.resolve("db").resolve("roomchat");
    return ServerNode.start(
            name,
            Map.of(),
            Map.of(
                "chat.datasource.url", "jdbc:h2:file:" + database + ";DB_CLOSE_ON_EXIT=FALSE",
                "chat.admin.username", ADMIN,
                "chat.admin.password", ADMIN_PASSWORD,
                // As behind a proxy that ends TLS; browsers keep Secure cookies for localhost.
                "chat.session.secure-cookie", "true"),
            port)
        .awaitReady();
  }

  @AfterAll
  static void stopServer() throws InterruptedException {
    if (server != null) {
      server.kill();
    }
  }

  @BeforeEach
  void needsChromium() {
    ChromeBrowser.assumeInstalled();
  }

  @AfterEach
  void closeBrowsers() {
    browsers.forEach(ChromeBrowser::close);
  }

  // --- helpers -------------------------------------------------------------------------------

  private static String unique(String prefix) {
    return prefix + NAMES.incrementAndGet();
  }

  private ChromeBrowser browser(String label, String language, String timeZone) {
    ChromeBrowser browser =
        ChromeBrowser.start(label, server.base(), screenshots, language, timeZone);
    browsers.add(browser);
    return browser;
  }

  /** Opens the room and waits until its socket has joined: the reader is listed as online. */
  private static void enterRoom(ChromeBrowser browser, String room, String username) {
    browser.open("chat/" + room + "/");
    awaitOnline(browser, username);
  }

  private static void awaitOnline(ChromeBrowser browser, String username) {
    browser.await(username + " listed as online", d -> onlineUsers(browser).contains(username));
  }

  /** The usernames the page lists as online (without the "(you)" mark). */
  private static List<String> onlineUsers(ChromeBrowser browser) {
    return browser.texts("#online-users li").stream().map(text -> text.split(" ")[0]).toList();
  }

  /** Types a message and sends it with Enter. */
  private static void say(ChromeBrowser browser, String text) {
    browser.find("#chat-message-input").sendKeys(text, Keys.ENTER);
  }

  /** The texts of the messages in #chat-log, in page order. */
  private static List<String> messageTexts(ChromeBrowser browser) {
    return browser.texts("#chat-log .message .text");
  }

  private static void awaitMessage(ChromeBrowser browser, String text) {
    browser.await("message '" + text + "'", d -> messageTexts(browser).contains(text));
  }

  /** The message's element in #chat-log. */
  private static WebElement message(ChromeBrowser browser, String text) {
    return browser.findAll("#chat-log .message").stream()
        .filter(m -> m.findElement(By.className("text")).getText().equals(text))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no message '" + text + "' on " + browser.label()));
  }

  private static void awaitNotice(ChromeBrowser browser, String text) {
    browser.awaitText("#chat-log .notice", text);
  }

  /** The page a login or sign-up form returns to, decoded as the server reads it. */
  private static String next(ChromeBrowser browser) {
    String query = browser.query();
    assertTrue(query.startsWith("next="), query);
    return URLDecoder.decode(query.substring("next=".length()), StandardCharsets.UTF_8);
  }

  /** No "???key???" marks (a text missing from the bundle) anywhere on the page. */
  private static void assertAllTextsFound(ChromeBrowser browser) {
    String source = browser.driver().getPageSource();
    assertFalse(source.contains("???"), () -> browser.label() + " misses a text:\n" + source);
  }

  /**
   * The time of day a message shows, as the reader's clock has it: hours and minutes in {@code
   * zone}, in the 12-hour form both English and Korean Chromium use by default.
   */
  private static String localClock(WebElement message, String zone) {
    String iso = message.findElement(By.tagName("time")).getAttribute("datetime");
    ZonedDateTime local = OffsetDateTime.parse(iso).atZoneSameInstant(ZoneId.of(zone));
    return local.format(DateTimeFormatter.ofPattern("h:mm", Locale.ROOT));
  }

  // --- tests ---------------------------------------------------------------------------------

  @Test
  @Order(1)
  void twoPeopleChatAndSeeEachOthersMessagesJoinsLeavesAndTyping() {
    String room = unique("lobby");
    String alice = unique("alice");
    String bob = unique("bob");
    ChromeBrowser aliceBrowser =
        browser("chat-alice-en", ENGLISH, NEW_YORK).signUp(alice, PASSWORD);
    ChromeBrowser bobBrowser = browser("chat-bob-ko", KOREAN, SEOUL).signUp(bob, PASSWORD);

    enterRoom(aliceBrowser, room, alice);
    assertEquals("Room: " + room, aliceBrowser.text("h1"));
    enterRoom(bobBrowser, room, bob);
    assertEquals("채팅방: " + room, bobBrowser.text("h1"));
    awaitNotice(aliceBrowser, bob + " joined the room.");
    aliceBrowser.await(bob + " online for alice", d -> onlineUsers(aliceBrowser).contains(bob));
    assertEquals(List.of(alice, bob), onlineUsers(bobBrowser).stream().sorted().toList());
    assertEquals("2", aliceBrowser.text("#online-count"));

    // Bob types; Alice sees it for as long as he keeps typing.
    String bobsWords = "안녕하세요, 반가워요!";
    WebElement bobsInput = bobBrowser.find("#chat-message-input");
    int[] typed = {0};
    aliceBrowser.await(
        "'" + bob + " is typing…'",
        d -> {
          if (typed[0] < bobsWords.length()) {
            bobsInput.sendKeys(bobsWords.substring(typed[0], typed[0] + 1));
            typed[0]++;
          }
          return aliceBrowser.text("#typing-indicator").equals(bob + " is typing…");
        });
    assertEquals("", bobBrowser.text("#typing-indicator"), "nobody sees their own typing");
    bobsInput.sendKeys(bobsWords.substring(typed[0]), Keys.ENTER);
    awaitMessage(aliceBrowser, bobsWords);
    aliceBrowser.await(
        "typing indicator cleared", d -> aliceBrowser.text("#typing-indicator").isEmpty());
    awaitMessage(bobBrowser, bobsWords);
    assertEquals("", bobsInput.getAttribute("value"), "the input is emptied after sending");
    assertEquals("chat-message-input", bobBrowser.focusedId(), "the input keeps the focus");

    // Alice answers with the button instead of Enter.
    String alicesWords = "Hi " + bob + ", good to see you";
    aliceBrowser.find("#chat-message-input").sendKeys(alicesWords);
    aliceBrowser.click("#chat-message-submit");
    awaitMessage(bobBrowser, alicesWords);
    awaitMessage(aliceBrowser, alicesWords);
    assertEquals("chat-message-input", aliceBrowser.focusedId(), "the input keeps the focus");
    assertEquals(List.of(bobsWords, alicesWords), messageTexts(aliceBrowser));
    assertEquals(List.of(bobsWords, alicesWords), messageTexts(bobBrowser));

    // Each reader sees the times on their own clock.
    WebElement onBobsPage = message(bobBrowser, alicesWords);
    String bobsClock = onBobsPage.findElement(By.tagName("time")).getText();
    assertTrue(bobsClock.contains(localClock(onBobsPage, SEOUL)), "Seoul time: " + bobsClock);
    assertTrue(bobsClock.contains("오전") || bobsClock.contains("오후"), "Korean clock: " + bobsClock);
    WebElement onAlicesPage = message(aliceBrowser, alicesWords);
    String alicesClock = onAlicesPage.findElement(By.tagName("time")).getText();
    assertTrue(
        alicesClock.contains(localClock(onAlicesPage, NEW_YORK)), "New York time: " + alicesClock);
    assertTrue(alicesClock.matches(".*[AP]M.*"), "English clock: " + alicesClock);
    assertTrue(message(aliceBrowser, alicesWords).getAttribute("class").contains("mine"));

    aliceBrowser.screenshot("room");
    bobBrowser.screenshot("room");
    assertAllTextsFound(aliceBrowser);
    assertAllTextsFound(bobBrowser);

    // Two more messages, one of them a mention, for the picture of a room in docs/.
    String bobsQuestion = "Shall we try the new room list tomorrow?";
    say(bobBrowser, bobsQuestion);
    awaitMessage(aliceBrowser, bobsQuestion);
    String alicesMention = "@" + bob + " sure, after lunch works for me";
    say(aliceBrowser, alicesMention);
    awaitMessage(aliceBrowser, alicesMention);
    awaitMessage(bobBrowser, alicesMention);
    aliceBrowser.screenshotTo(screenshots.resolveSibling("docs").resolve("room.png"));

    // Bob leaves; Alice sees him go.
    bobBrowser.open("chat/");
    awaitNotice(aliceBrowser, bob + " left the room.");
    aliceBrowser.await(bob + " gone from online", d -> !onlineUsers(aliceBrowser).contains(bob));
    assertEquals("1", aliceBrowser.text("#online-count"));
    aliceBrowser.screenshot("room-after-bob-left");
  }

  @Test
  @Order(2)
  void anAuthorEditsAndDeletesFromThePageAndTheOthersSeeItLive() {
    String room = unique("edits");
    String alice = unique("alice");
    String bob = unique("bob");
    ChromeBrowser aliceBrowser =
        browser("edit-alice-en", ENGLISH, NEW_YORK).signUp(alice, PASSWORD);
    ChromeBrowser bobBrowser = browser("edit-bob-ko", KOREAN, SEOUL).signUp(bob, PASSWORD);
    enterRoom(aliceBrowser, room, alice);
    enterRoom(bobBrowser, room, bob);
    say(aliceBrowser, "frist try");
    awaitMessage(bobBrowser, "frist try");
    assertTrue(
        bobBrowser.findAll("#chat-log .message-actions").isEmpty(),
        "a plain member gets no actions on others' messages");

    // Up in the empty input takes one's last message for editing; Escape gives the input back.
    WebElement input = aliceBrowser.find("#chat-message-input");
    input.sendKeys(Keys.ARROW_UP);
    aliceBrowser.await("the text to edit", d -> "frist try".equals(input.getDomProperty("value")));
    input.sendKeys(Keys.ESCAPE);
    aliceBrowser.await("the input emptied", d -> "".equals(input.getDomProperty("value")));
    input.sendKeys(Keys.ARROW_UP);
    aliceBrowser.await("the text to edit", d -> "frist try".equals(input.getDomProperty("value")));
    input.clear();
    input.sendKeys("first <b>try</b>", Keys.ENTER);
    for (ChromeBrowser browser : List.of(aliceBrowser, bobBrowser)) {
      awaitMessage(browser, "first <b>try</b>");
      assertFalse(messageTexts(browser).contains("frist try"), browser.label());
      assertTrue(browser.findAll("#chat-log b").isEmpty(), "text, never markup");
    }
    assertEquals(
        "(수정됨)",
        message(bobBrowser, "first <b>try</b>").findElement(By.className("edited")).getText());

    // The author's delete button is a button: Enter on it deletes, as a click does.
    say(aliceBrowser, "soon gone");
    awaitMessage(bobBrowser, "soon gone");
    message(aliceBrowser, "soon gone")
        .findElement(By.className("delete-message"))
        .sendKeys(Keys.ENTER);
    bobBrowser.await(
        "the placeholder in place of the text",
        d ->
            !messageTexts(bobBrowser).contains("soon gone")
                && messageTexts(bobBrowser).contains("삭제된 메시지입니다."));
    aliceBrowser.await(
        "the placeholder in place of the text",
        d -> messageTexts(aliceBrowser).contains("This message was deleted."));
    bobBrowser.screenshot("live");

    // A fresh page shows the same: the new text marked edited, the placeholder, no old text.
    bobBrowser.open("chat/" + room + "/");
    awaitOnline(bobBrowser, bob);
    assertEquals(List.of("first <b>try</b>", "삭제된 메시지입니다."), messageTexts(bobBrowser));
    assertEquals(1, bobBrowser.findAll("#chat-log .edited").size());
    assertAllTextsFound(bobBrowser);
    bobBrowser.screenshot("reloaded");
  }

  @Test
  @Order(2)
  void markupInAMessageIsShownAsTextAndRunsNothing() {
    String room = unique("escape");
    String attack = "<img src=x onerror=alert(1)>";
    String mallory = unique("mallory");
    String victim = unique("victim");
    ChromeBrowser malloryBrowser =
        browser("xss-mallory-en", ENGLISH, NEW_YORK).signUp(mallory, PASSWORD);
    ChromeBrowser victimBrowser = browser("xss-victim-ko", KOREAN, SEOUL).signUp(victim, PASSWORD);
    enterRoom(malloryBrowser, room, mallory);
    enterRoom(victimBrowser, room, victim);

    say(malloryBrowser, attack);
    say(malloryBrowser, "</div><script>alert(2)</script>");
    for (ChromeBrowser browser : List.of(malloryBrowser, victimBrowser)) {
      awaitMessage(browser, "</div><script>alert(2)</script>");
      assertEquals(attack, message(browser, attack).findElement(By.className("text")).getText());
      assertTrue(browser.findAll("#chat-log img").isEmpty(), "no img element in the log");
      assertTrue(browser.findAll("#chat-log script").isEmpty(), "no script element in the log");
      assertFalse(browser.alertIsOpen(), "no alert on " + browser.label());
    }
    victimBrowser.screenshot("live");

    // The same messages rendered by the server on a fresh page.
    victimBrowser.open("chat/" + room + "/");
    awaitOnline(victimBrowser, victim);
    assertEquals(List.of(attack, "</div><script>alert(2)</script>"), messageTexts(victimBrowser));
    assertTrue(victimBrowser.findAll("#chat-log img").isEmpty(), "no img element after a reload");
    assertFalse(victimBrowser.alertIsOpen(), "no alert after a reload");
    victimBrowser.screenshot("reloaded");
  }

  @Test
  @Order(2)
  void theMessageLinkBesideSomeoneInARoomOpensAConversationWithThem() {
    String room = unique("meeting");
    String alice = unique("alice");
    String bob = unique("bob");
    ChromeBrowser aliceBrowser = browser("dm-alice-en", ENGLISH, NEW_YORK).signUp(alice, PASSWORD);
    ChromeBrowser bobBrowser = browser("dm-bob-ko", KOREAN, SEOUL).signUp(bob, PASSWORD);
    enterRoom(bobBrowser, room, bob);
    enterRoom(aliceBrowser, room, alice);
    awaitOnline(aliceBrowser, bob);
    assertEquals(
        List.of("/dm/" + bob + "/"),
        aliceBrowser.findAll("#online-users a.dm-link").stream()
            .map(link -> link.getDomAttribute("href"))
            .toList(),
        "a link beside bob, none beside alice herself");

    aliceBrowser.click("#online-users a.dm-link");
    aliceBrowser.await("the conversation page", d -> aliceBrowser.path().equals("/dm/" + bob + "/"));
    assertEquals("Conversation with " + bob, aliceBrowser.text("h1"));
    awaitOnline(aliceBrowser, alice);
    say(aliceBrowser, "just between us");
    awaitMessage(aliceBrowser, "just between us");

    bobBrowser.open("dm/" + alice + "/");
    assertEquals(alice + "님과의 대화", bobBrowser.text("h1"));
    awaitMessage(bobBrowser, "just between us");
    awaitOnline(aliceBrowser, bob);
    say(bobBrowser, "좋아요");
    awaitMessage(aliceBrowser, "좋아요");
    assertEquals(List.of("just between us", "좋아요"), messageTexts(bobBrowser));

    aliceBrowser.screenshot("conversation");
    bobBrowser.screenshot("conversation");
    assertAllTextsFound(aliceBrowser);
    assertAllTextsFound(bobBrowser);
  }

  @Test
  @Order(3)
  void aLoggedOutVisitorIsSentToLoginAndBack() {
    // English: an existing account logs in, after one wrong password.
    String room = unique("back");
    String carol = unique("carol");
    new ChatHttp(server.base()).signUp(carol, PASSWORD);
    ChromeBrowser english = browser("login-en", ENGLISH, NEW_YORK);
    english.open("chat/" + room + "/");
    english.await("the login page", d -> english.path().equals("/accounts/login/"));
    assertEquals("/chat/" + room + "/", next(english));
    assertEquals("Log in", english.text("h1"));
    assertEquals(
        "Log in to continue to the page you asked for.", english.text("#login-to-continue"));
    english.submitLogin(carol, "wrong-password-1");
    english.awaitText("#login-error", "Wrong username or password.");
    english.screenshot("wrong-password");
    english.submitLogin(carol, PASSWORD);
    english.await("back in the room", d -> english.path().equals("/chat/" + room + "/"));
    awaitOnline(english, carol);
    assertEquals(carol, english.whoIsLoggedIn());
    Cookie session = english.driver().manage().getCookieNamed(ChatHttp.SESSION_COOKIE);
    assertTrue(session.isSecure() && session.isHttpOnly(), "the session cookie is " + session);
    assertEquals("Lax", session.getSameSite());
    assertAllTextsFound(english);

    // Korean: a newcomer goes on to sign up, gets the problems in Korean, then comes back.
    String koreanRoom = unique("한국어방");
    String dave = unique("dave");
    ChromeBrowser korean = browser("signup-ko", KOREAN, SEOUL);
    korean.open("chat/" + koreanRoom + "/");
    korean.await("the login page", d -> korean.path().equals("/accounts/login/"));
    assertEquals("로그인", korean.text("h1"));
    korean.screenshot("login");
    korean.click("#signup-link");
    korean.await("the sign-up page", d -> korean.path().equals("/accounts/signup/"));
    assertEquals("/chat/" + koreanRoom + "/", next(korean));
    korean.fill("#username", dave).fill("#password", "abc").fill("#password2", "abd");
    // The browser's own minlength check would stop the form; the server must say it too.
    korean.script("document.getElementById('password').removeAttribute('minlength');");
    korean.click("#signup-submit");
    korean.awaitText("#signup-errors", "비밀번호는 8자 이상이어야 합니다.");
    assertEquals(
        List.of("비밀번호는 8자 이상이어야 합니다.", "두 비밀번호가 서로 다릅니다."), korean.texts("#signup-errors li"));
    assertEquals(dave, korean.find("#username").getAttribute("value"), "the name is kept");
    korean.screenshot("errors");
    korean.fill("#password", PASSWORD).fill("#password2", PASSWORD).click("#signup-submit");
    korean.await("back in the room", d -> korean.path().equals("/chat/" + koreanRoom + "/"));
    awaitOnline(korean, dave);
    assertEquals("채팅방: " + koreanRoom, korean.text("h1"));
    assertEquals(dave + "님", korean.text("#whoami"));
    korean.screenshot("room");
    assertAllTextsFound(korean);
  }

  @Test
  @Order(4)
  void theAdminSeesLiveCountsAndOthersAreTurnedAway() {
    String room = unique("counted");
    String erin = unique("erin");
    ChromeBrowser user = browser("admin-user-ko", KOREAN, SEOUL).signUp(erin, PASSWORD);
    enterRoom(user, room, erin);
    say(user, "하나");
    say(user, "둘");
    awaitMessage(user, "둘");

    ChromeBrowser admin = browser("admin-en", ENGLISH, NEW_YORK).logIn(ADMIN, ADMIN_PASSWORD);
    admin.click("#admin-link");
    admin.await("the dashboard", d -> admin.path().equals("/admin/"));
    assertEquals("Chat dashboard", admin.text("h1"));
    String row = "#admin-rooms tr[data-room='" + room + "'] ";
    assertEquals("2", admin.text(row + ".message-count"));
    assertEquals("1", admin.text(row + ".active-users"));
    assertTrue(Long.parseLong(admin.text("#open-connections")) >= 1);
    assertTrue(Long.parseLong(admin.text("#total-rooms")) >= 1);
    long totalMessages = Long.parseLong(admin.text("#total-messages"));
    assertTrue(totalMessages >= 2);
    assertTrue(
        admin
            .text("#average-connection-duration")
            .matches("[0-9.]+ s|\\d+ min \\d\\d s|\\d+ h \\d\\d min"),
        admin.text("#average-connection-duration"));
    assertTrue(
        admin.text(row + ".created").matches(".*\\d{1,2}:\\d\\d[\\s\u202f]?[AP]M"),
        "created in the reader's clock: " + admin.text(row + ".created"));

    // The page keeps itself current without a reload.
    say(user, "셋");
    admin.await("three messages in " + room, d -> admin.text(row + ".message-count").equals("3"));
    admin.await(
        "the total goes up",
        d -> Long.parseLong(admin.text("#total-messages")) >= totalMessages + 1);
    admin.awaitText("#dashboard-status", "Updated at");
    admin.screenshot("dashboard");
    admin.resize(400, 900).screenshot("dashboard-narrow");
    assertFalse(admin.scrollsSideways(), "the dashboard fits a narrow window");
    assertAllTextsFound(admin);

    // A user who is not an admin: no link, and the page says no (403).
    assertTrue(user.findAll("#admin-link").isEmpty(), "no admin link for users");
    user.open("admin/");
    assertEquals("접근할 수 없습니다", user.text("h1"));
    assertTrue(user.findAll("#open-connections").isEmpty(), "no numbers for users");
    assertEquals(
        403L,
        user.asyncScript("fetch('/admin/', {redirect: 'manual'}).then(r => done(r.status));"));
    assertEquals(
        403L,
        user.asyncScript(
            "fetch('/admin/metrics.json', {redirect: 'manual'}).then(r => done(r.status));"));
    user.screenshot("forbidden");
  }

  @Test
  @Order(5)
  void pagesSpeakTheBrowsersLanguageAndFitANarrowWindow() {
    String room = unique("narrow");
    String frank = unique("frank");
    new ChatHttp(server.base()).signUp(frank, PASSWORD);
    ChromeBrowser english = browser("rooms-en", ENGLISH, NEW_YORK);
    String grace = unique("grace");
    ChromeBrowser korean = browser("rooms-ko", KOREAN, SEOUL).signUp(grace, PASSWORD);
    ChromeBrowser french = browser("rooms-fr", "fr-FR", "Europe/Paris");

    // Somebody is in a room, with a few messages, so the lists have something to show.
    ChromeBrowser frankBrowser =
        browser("narrow-frank-en", ENGLISH, NEW_YORK).logIn(frank, PASSWORD);
    enterRoom(frankBrowser, room, frank);
    say(frankBrowser, "Hello from a wide screen");
    awaitMessage(frankBrowser, "Hello from a wide screen");

    english.open("chat/");
    assertEquals("en", english.script("return document.documentElement.lang;"));
    assertEquals("Chat rooms", english.text("h1"));
    assertTrue(english.text("#room-list").contains("Online"), english.text("#room-list"));
    english.screenshot("list");
    french.open("chat/");
    assertEquals("Chat rooms", french.text("h1"), "other languages get English");

    korean.open("chat/");
    assertEquals("ko", korean.script("return document.documentElement.lang;"));
    assertEquals("채팅방", korean.text("h1"));
    String entry = korean.text("#room-list li[data-room='" + room + "']");
    assertTrue(entry.contains("접속 1") && entry.contains("메시지 1"), entry);
    korean.screenshot("list");
    assertAllTextsFound(korean);

    // An invalid name is explained in the reader's language.
    korean.fill("#room-name-input", "빈 칸 있음").click("#room-name-submit");
    korean.awaitText("#room-name-error", "채팅방 이름으로 쓸 수 없습니다");
    assertTrue(korean.text("#room-name-error").contains("“빈 칸 있음”"));
    korean.screenshot("invalid-name");
    english.fill("#room-name-input", "no spaces please").click("#room-name-submit");
    english.awaitText("#room-name-error", "is not a valid room name");

    // A phone-sized window: the room with its messages, and the list, fit without sideways
    // scrolling.
    korean.resize(400, 860);
    korean.fill("#room-name-input", room).click("#room-name-submit");
    awaitOnline(korean, grace);
    say(korean, "좁은 화면에서도 긴 메시지가 줄바꿈되어 잘 보이는지 확인합니다. 한 줄에 다 들어가지 않을 만큼 길게 씁니다.");
    awaitMessage(frankBrowser, "좁은 화면에서도 긴 메시지가 줄바꿈되어 잘 보이는지 확인합니다. 한 줄에 다 들어가지 않을 만큼 길게 씁니다.");
    say(frankBrowser, "Looks good on a phone too");
    awaitMessage(korean, "Looks good on a phone too");
    assertFalse(korean.scrollsSideways(), "the room fits 400 px");
    korean.screenshot("room-narrow");
    korean.open("chat/");
    assertFalse(korean.scrollsSideways(), "the list fits 400 px");
    korean.screenshot("list-narrow");
    korean.open("accounts/logout/");
    korean.open("accounts/signup/");
    assertFalse(korean.scrollsSideways(), "the sign-up form fits 400 px");
    korean.screenshot("signup-narrow");
  }

  @Test
  @Order(5)
  void theRoomListCountsUnreadMessagesLiveAndTheRoomPageReadsThem() {
    String room = unique("unread");
    String alice = unique("alice");
    String bob = unique("bob");
    ChromeBrowser aliceBrowser =
        browser("unread-alice-en", ENGLISH, NEW_YORK).signUp(alice, PASSWORD);
    ChromeBrowser bobBrowser = browser("unread-bob-ko", KOREAN, SEOUL).signUp(bob, PASSWORD);
    enterRoom(aliceBrowser, room, alice);
    enterRoom(bobBrowser, room, bob);

    bobBrowser.open("chat/");
    String row = "#room-list li[data-room='" + room + "']";
    assertEquals("0", bobBrowser.find(row).getAttribute("data-unread"));
    String title = bobBrowser.driver().getTitle();
    String words = "are you there, @" + bob + "?";
    say(aliceBrowser, words);
    bobBrowser.await(
        "one unread on the list",
        d -> "1".equals(bobBrowser.find(row).getAttribute("data-unread")));
    assertEquals("1", bobBrowser.text(row + " .unread-count"));
    assertTrue(
        bobBrowser.find(row + " .unread-count").getAttribute("class").contains("mentioned"),
        "a mention shows");
    bobBrowser.await("the count in the title", d -> d.getTitle().equals("(1) " + title));
    bobBrowser.screenshot("list-unread");
    assertAllTextsFound(bobBrowser);

    // The room page highlights the mention and marks the room read while it is seen.
    enterRoom(bobBrowser, room, bob);
    WebElement mention = message(bobBrowser, words);
    assertTrue(
        mention.getAttribute("class").contains("mentions-me"), mention.getAttribute("class"));
    assertEquals("@" + bob, mention.findElement(By.cssSelector(".mention.me")).getText());
    bobBrowser.await("the room read", d -> "0".equals(unreadOnTheList(bobBrowser, room)));
    bobBrowser.screenshot("room-mentioned");
  }

  /** The room's data-unread on the room list as the server renders it now, fetched by the page. */
  private static String unreadOnTheList(ChromeBrowser browser, String room) {
    String html =
        (String)
            browser.asyncScript(
                "fetch('/chat/', {credentials: 'same-origin'})"
                    + ".then(r => r.text()).then(done, () => done(''));");
    Matcher unread =
        Pattern.compile("data-room=\"" + Pattern.quote(room) + "\"[^>]*data-unread=\"(\\d+)\"")
            .matcher(html);
    return unread.find() ? unread.group(1) : "";
  }

  @Test
  @Order(6)
  void aPageReconnectsAfterAServerRestartAndShowsWhatItMissed() throws Exception {
    String room = unique("restart");
    String heidi = unique("heidi");
    String ivan = unique("ivan");
    String judy = unique("judy");
    // Both log in with "keep me signed in" ticked, as the forms have it by default.
    ChromeBrowser heidiBrowser =
        browser("reconnect-heidi-en", ENGLISH, NEW_YORK).signUp(heidi, PASSWORD);
    ChromeBrowser ivanBrowser = browser("reconnect-ivan-ko", KOREAN, SEOUL).signUp(ivan, PASSWORD);
    ChatHttp judyScript = new ChatHttp(server.base()).keepingSignedIn().signUp(judy, PASSWORD);
    enterRoom(heidiBrowser, room, heidi);
    enterRoom(ivanBrowser, room, ivan);
    say(heidiBrowser, "before the restart");
    awaitMessage(ivanBrowser, "before the restart");
    awaitMessage(heidiBrowser, "before the restart");
    for (ChromeBrowser page : List.of(heidiBrowser, ivanBrowser)) {
      page.script(
          "window.sameDocument = true; window.loginAsked = false;"
              + " new MutationObserver(() => { if (document.getElementById('login-again'))"
              + " window.loginAsked = true; }).observe(document.body,"
              + " {subtree: true, childList: true});");
    }

    // SIGTERM: the server closes every socket with 1001 (going away) and stops.
    server.stop();
    heidiBrowser.await(
        "the page says the connection is lost",
        d -> heidiBrowser.text("#connection-status").startsWith("Connection lost."));
    heidiBrowser.screenshot("1-offline");
    assertTrue(heidiBrowser.find("#connection-status").getAttribute("class").contains("offline"));

    server = startServer("browser-2");
    // Judy's script, still logged in, writes the moment the server is back, before the pages'
    // next try: what they missed comes to them when they reconnect.
    List<String> missed = List.of("재시작 후 첫 메시지", "두 번째 메시지 <b>굵지 않게</b>");
    try (ChatSocket judySocket = ChatSocket.open(judyScript.at(server.base()), room + "/")) {
      judySocket.await("presence");
      for (String text : missed) {
        judySocket.say(text);
        judySocket.awaitMessage(text);
      }
    }
    for (ChromeBrowser page : List.of(heidiBrowser, ivanBrowser)) {
      for (String text : missed) {
        page.await(
            "'" + text + "' after the restart",
            Duration.ofSeconds(60),
            d -> messageTexts(page).contains(text));
      }
      page.await(
          "the page is back online", d -> !page.text("#connection-status").contains("lost"));
      assertEquals(true, page.script("return window.sameDocument === true;"), "no reload");
      assertEquals(false, page.script("return window.loginAsked;"), "nobody asked to log in");
      List<String> expected = new ArrayList<>(List.of("before the restart"));
      expected.addAll(missed);
      assertEquals(expected, messageTexts(page), "each message once, in order");
      List<Long> ids =
          page.findAll("#chat-log .message").stream()
              .map(m -> Long.valueOf(m.getAttribute("data-message-id")))
              .toList();
      assertTrue(
          IntStream.range(1, ids.size()).allMatch(i -> ids.get(i - 1) < ids.get(i)), "ids " + ids);
    }
    heidiBrowser.screenshot("2-caught-up");
    awaitOnline(heidiBrowser, ivan);

    // And the room is live again both ways.
    say(heidiBrowser, "after the restart");
    awaitMessage(ivanBrowser, "after the restart");
    ivanBrowser.screenshot("after-restart");
  }
}
