package org.roomchat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.roomchat.support.ChatHttp;
import org.roomchat.support.ChatSocket;
import org.roomchat.support.DeployedWar;
import org.roomchat.support.LocalProcess;
import org.roomchat.support.PageForm;
import org.roomchat.support.RawHttp;
import org.roomchat.support.ServerKind;

/**
 * The web pages under attack, against the real WAR on a real server: forms posted from another site
 * or without their token are refused with 403 and change nothing, a link cannot log anyone out, a
 * login gets a new session id and a new token, the login limits stop guessing without letting
 * strangers lock anyone out of the browsers they logged in with before, and every answer carries
 * the browser's security headers while no page relies on inline script or style. Answers are
 * quiet and uncacheable: every dynamic one is {@code no-store}, none names the server, every error
 * status shows the application's own page, and a malformed URL leaves no stack trace in the
 * server's log.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebSecurityIT extends DeployedWar {

  private static final String PASSWORD = "correct-horse-7";
  private static final String ADMIN = "admin";
  private static final String ADMIN_PASSWORD = "quiet-harbor-42";
  private static final String EVIL = "https://evil.example";
  private static final AtomicInteger NAMES = new AtomicInteger();

  // --- helpers -------------------------------------------------------------------------------

  private static String unique(String prefix) {
    return prefix + NAMES.incrementAndGet();
  }

  private ChatHttp anonymous() {
    return new ChatHttp(base);
  }

  /** The user the page's header names as logged in, or null when nobody is. */
  private static String who(HttpResponse<String> page) {
    Matcher m = Pattern.compile("<span class=\"who\">([^<]*)</span>").matcher(page.body());
    return m.find() ? m.group(1) : null;
  }

  private static String whoIsLoggedIn(ChatHttp browser) {
    return who(browser.get("chat/"));
  }

  /** Whether this account can log in (a fresh browser posting the real form gets a redirect). */
  private boolean canLogIn(String username) {
    return canLogIn(username, PASSWORD);
  }

  private boolean canLogIn(String username, String password) {
    ChatHttp browser = anonymous();
    browser.get("accounts/login/");
    HttpResponse<String> answer =
        browser.post("accounts/login/", ChatHttp.form("username", username, "password", password));
    return answer.statusCode() == 302;
  }

  /**
   * One way a state-changing request arrives that the server must refuse: extra form fields (the
   * token it carries, if any) and extra headers.
   */
  private record Attack(String what, Map<String, String> form, String... headers) {}

  /**
   * The attacks on a form of {@code browser}'s: no token, a token of another session, a token that
   * is not one, and the browser's own valid token sent from another site (by Origin, by an opaque
   * "null" Origin, or by Sec-Fetch-Site alone).
   */
  private List<Attack> attacks(ChatHttp browser) {
    String own = browser.origin();
    String valid = browser.csrfToken();
    String otherSessions = anonymous().csrfToken();
    assertNotEquals(valid, otherSessions);
    return List.of(
        new Attack("no token", Map.of(), "Origin", own),
        new Attack("no token and no Origin", Map.of()),
        new Attack(
            "another session's token", Map.of(ChatHttp.CSRF_FIELD, otherSessions), "Origin", own),
        new Attack("a malformed token", Map.of(ChatHttp.CSRF_FIELD, "not-a-token"), "Origin", own),
        new Attack(
            "another session's token as a header",
            Map.of(),
            "Origin",
            own,
            ChatHttp.CSRF_HEADER,
            otherSessions),
        new Attack("a foreign Origin", Map.of(ChatHttp.CSRF_FIELD, valid), "Origin", EVIL),
        new Attack("Origin null", Map.of(ChatHttp.CSRF_FIELD, valid), "Origin", "null"),
        new Attack(
            "the same host on another port",
            Map.of(ChatHttp.CSRF_FIELD, valid),
            "Origin",
            "http://" + base.getHost() + ":1"),
        new Attack(
            "Sec-Fetch-Site cross-site",
            Map.of(ChatHttp.CSRF_FIELD, valid),
            "Sec-Fetch-Site",
            "cross-site"),
        new Attack(
            "a valid header token from another site",
            Map.of(),
            "Origin",
            EVIL,
            ChatHttp.CSRF_HEADER,
            valid));
  }

  /** Posts the form under each attack; every answer is the readable 403 page and no redirect. */
  private static void assertEveryAttackRefused(
      ChatHttp browser, String path, Map<String, String> form, List<Attack> attacks) {
    for (Attack attack : attacks) {
      Map<String, String> sent = new LinkedHashMap<>(form);
      sent.putAll(attack.form());
      HttpResponse<String> answer = browser.postAsIs(path, sent, attack.headers());
      String what = "POST /" + path + " with " + attack.what();
      assertEquals(403, answer.statusCode(), () -> what + ": " + answer.body());
      assertTrue(answer.body().contains("id=\"csrf-refused\""), () -> what + ": " + answer.body());
      assertTrue(answer.headers().firstValue("Location").isEmpty(), what + " redirects nowhere");
    }
  }

  /** The session cookie as a Set-Cookie header of this answer sets it. */
  /** The last Set-Cookie of the answer for the cookie of this name, or null. */
  private static String cookieSet(HttpResponse<String> answer, String name) {
    return answer.headers().allValues("Set-Cookie").stream()
        .filter(c -> c.startsWith(name + "="))
        .reduce((first, later) -> later)
        .orElse(null);
  }

  private HttpResponse<String> replay(String sessionId, String path)
      throws IOException, InterruptedException {
    return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
        .send(
            HttpRequest.newBuilder(base.resolve(path))
                .header("Cookie", ChatHttp.SESSION_COOKIE + "=" + sessionId)
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }

  // --- forms refuse requests from other sites ------------------------------------------------

  @Test
  void signUpFromAnotherSiteOrWithoutItsTokenCreatesNoAccount() {
    String username = unique("forged");
    ChatHttp browser = anonymous();
    browser.get("accounts/signup/");
    assertEveryAttackRefused(
        browser,
        "accounts/signup/",
        ChatHttp.form("username", username, "password", PASSWORD, "password2", PASSWORD),
        attacks(browser));
    assertNull(whoIsLoggedIn(browser), "nobody is logged in");
    assertFalse(canLogIn(username), "no account " + username + " was created");
    // The name is still free: the real form, with its token, creates the account.
    anonymous().signUp(username, PASSWORD);
    assertTrue(canLogIn(username));
  }

  @Test
  void loginFromAnotherSiteOrWithoutItsTokenLogsNobodyIn() {
    String username = unique("victim");
    anonymous().signUp(username, PASSWORD);
    ChatHttp browser = anonymous();
    browser.get("accounts/login/");
    String sessionBefore = browser.sessionId();
    assertEveryAttackRefused(
        browser,
        "accounts/login/",
        ChatHttp.form("username", username, "password", PASSWORD),
        attacks(browser));
    assertNull(whoIsLoggedIn(browser), "the attacker's login did not take");
    assertEquals(sessionBefore, browser.sessionId(), "the session was left as it was");
    HttpResponse<String> room = browser.get("chat/lobby/");
    assertEquals(302, room.statusCode(), "a room still asks for a login");
  }

  @Test
  void logoutIsAFormWithItsTokenAndALinkLogsNobodyOut() throws Exception {
    String username = unique("stayer");
    ChatHttp browser = anonymous().signUp(username, PASSWORD);
    try (ChatSocket socket = ChatSocket.open(browser, unique("stay") + "/")) {
      socket.await("presence");

      // A GET, as a link or an image on any page would send it, only shows the button.
      HttpResponse<String> page = browser.get("accounts/logout/");
      assertEquals(200, page.statusCode(), page::body);
      assertTrue(
          Pattern.compile(
                  "<form method=\"post\" action=\"/accounts/logout/\"[^>]*id=\"logout-form\">\\s*"
                      + "<input type=\"hidden\" name=\"csrf_token\" value=\"[^\"]+\"")
              .matcher(page.body())
              .find(),
          page.body());
      assertTrue(page.body().contains("id=\"logout-confirm\""), page.body());
      assertEquals(username, who(page));
      assertEquals(username, whoIsLoggedIn(browser), "GET /accounts/logout/ changes nothing");

      assertEveryAttackRefused(browser, "accounts/logout/", Map.of(), attacks(browser));
      for (String method : List.of("PUT", "DELETE")) {
        HttpResponse<String> other =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .send(
                    HttpRequest.newBuilder(base.resolve("accounts/logout/"))
                        .header("Cookie", ChatHttp.SESSION_COOKIE + "=" + browser.sessionId())
                        .header("Origin", EVIL)
                        .method(method, HttpRequest.BodyPublishers.noBody())
                        .build(),
                    HttpResponse.BodyHandlers.ofString());
        assertEquals(403, other.statusCode(), method + " from another site");
      }
      assertEquals(username, whoIsLoggedIn(browser), "still logged in after every attack");
      socket.say("still here");
      socket.awaitMessage("still here");

      // The page's own button logs out, and the server closes the login's socket.
      HttpResponse<String> out = browser.post("accounts/logout/", Map.of());
      assertEquals(302, out.statusCode(), out::body);
      assertNull(whoIsLoggedIn(browser));
      socket.awaitClose();
    }
  }

  @Test
  void roomEntryFormNeedsItsToken() {
    ChatHttp browser = anonymous().signUp(unique("walker"), PASSWORD);
    String room = unique("entered");
    assertEveryAttackRefused(browser, "chat/", ChatHttp.form("room", room), attacks(browser));
    HttpResponse<String> list = browser.get("chat/");
    assertTrue(
        list.body()
            .contains(
                "<form method=\"post\" action=\"/chat/\" class=\"inline-form\" id=\"room-form\">"),
        list.body());
    assertFalse(list.body().contains("data-room=\"" + room + "\""), "no room " + room);
    HttpResponse<String> entered = browser.post("chat/", ChatHttp.form("room", room));
    assertEquals(302, entered.statusCode(), entered::body);
    assertEquals(
        base.resolve("/chat/" + room + "/"),
        entered.uri().resolve(entered.headers().firstValue("Location").orElseThrow()));
  }

  @Test
  void blockFormsNeedTheirToken() {
    String pest = unique("pest");
    anonymous().signUp(pest, PASSWORD);
    ChatHttp browser = anonymous().signUp(unique("blocker"), PASSWORD);
    for (String path : List.of("dm/" + pest + "/block", "dm/" + pest + "/unblock/")) {
      assertEveryAttackRefused(browser, path, Map.of(), attacks(browser));
    }
    HttpResponse<String> page = browser.get(ChatHttp.conversationPath(pest));
    assertTrue(page.body().contains("id=\"block-user\""), "nothing was blocked: " + page.body());
    assertEquals(303, browser.block(pest).statusCode());
    assertTrue(browser.get(ChatHttp.conversationPath(pest)).body().contains("id=\"unblock-user\""));
  }

  @Test
  void adminActionsFromAnotherSiteOrWithoutTheirTokenLeaveTheAccountAsItWas() {
    String target = unique("target");
    ChatHttp targetBrowser = anonymous().signUp(target, PASSWORD);
    ChatHttp admin = anonymous().logIn(ADMIN, ADMIN_PASSWORD);
    String disable = "admin/users/" + target + "/disable";
    String enable = "admin/users/" + target + "/enable";

    assertEveryAttackRefused(admin, disable, Map.of(), attacks(admin));
    assertTrue(canLogIn(target), target + " stays enabled");

    // The dashboard's script sends the page's token as a header; that works.
    String metaToken =
        match("<meta name=\"csrf-token\" content=\"([^\"]+)\"", admin.get("admin/").body());
    HttpResponse<String> disabled =
        admin.postAsIs(
            disable, Map.of(), "Origin", admin.origin(), ChatHttp.CSRF_HEADER, metaToken);
    assertEquals(303, disabled.statusCode(), disabled::body);
    assertFalse(canLogIn(target), target + " is disabled");
    assertNull(whoIsLoggedIn(targetBrowser), "the session of " + target + " ended");

    assertEveryAttackRefused(admin, enable, Map.of(), attacks(admin));
    assertFalse(canLogIn(target), target + " stays disabled");
    assertEquals(303, admin.post(enable, Map.of()).statusCode(), "the form field works too");
    assertTrue(canLogIn(target));
    assertNull(whoIsLoggedIn(targetBrowser), "enabling again does not bring an ended session back");

    HttpResponse<String> selfDisable = admin.post("admin/users/" + ADMIN + "/disable", Map.of());
    assertEquals(409, selfDisable.statusCode(), "an admin cannot lock itself out");
    assertEquals(ADMIN, whoIsLoggedIn(admin));
  }

  // --- passwords and logins that users and admins control ------------------------------------

  /**
   * How long an admin's typed password lasts for account actions on the test servers
   * (chat.admin.reauth-seconds in arquillian.xml), instead of 15 minutes.
   */
  private static final Duration REAUTH_WINDOW = Duration.ofSeconds(20);

  private static HttpResponse<String> accountPage(ChatHttp browser) {
    HttpResponse<String> page = browser.get("accounts/me/");
    assertEquals(200, page.statusCode(), page::body);
    return page;
  }

  /** Posts the account page's password form. */
  private static HttpResponse<String> changePassword(
      ChatHttp browser, String current, String next) {
    return PageForm.of(accountPage(browser), "password-form")
        .submit(
            browser,
            ChatHttp.form(
                "current_password", current, "new_password", next, "new_password2", next));
  }

  private static void assertProblem(HttpResponse<String> answer, String problem) {
    assertEquals(400, answer.statusCode(), answer::body);
    assertTrue(answer.body().contains("data-problem=\"" + problem + "\""), answer::body);
  }

  @Test
  void changingThePasswordEndsTheOtherLoginsAndTheOldPasswordStopsWorking() throws Exception {
    String username = unique("changer");
    String newPassword = "violet-meadow-93";
    ChatHttp here = anonymous().signUp(username, PASSWORD);
    ChatHttp there = anonymous().logIn(username, PASSWORD);
    try (ChatSocket hereSocket = ChatSocket.open(here, unique("change") + "/");
        ChatSocket thereSocket = ChatSocket.open(there, unique("change") + "/")) {
      hereSocket.await("presence");
      thereSocket.await("presence");

      accountPage(here);
      assertEveryAttackRefused(
          here,
          "accounts/me/password",
          ChatHttp.form(
              "current_password", PASSWORD, "new_password", newPassword, "new_password2",
              newPassword),
          attacks(here));
      assertProblem(
          changePassword(here, "not-my-password-1", newPassword), "account.password.wrong");
      assertProblem(changePassword(here, PASSWORD, "password1"), "signup.password_common");
      assertProblem(changePassword(here, PASSWORD, PASSWORD), "account.password.unchanged");
      assertEquals(username, whoIsLoggedIn(there), "refused changes end no login");
      assertTrue(canLogIn(username, PASSWORD), "the password is still the old one");

      accountPage(here);
      String tokenBefore = here.csrfToken();
      HttpResponse<String> changed = changePassword(here, PASSWORD, newPassword);
      assertEquals(303, changed.statusCode(), changed::body);
      assertNotNull(cookieSet(changed, ChatHttp.CSRF_COOKIE), "the form token is renewed");
      assertTrue(here.follow(changed).body().contains("id=\"password-changed\""));

      // The other browser's login ends everywhere, its socket included; this one goes on.
      thereSocket.awaitClose();
      assertNull(whoIsLoggedIn(there));
      assertEquals(username, whoIsLoggedIn(here));
      hereSocket.say("still here");
      hereSocket.awaitMessage("still here");
      assertEquals(
          403,
          here.postAsIs(
                  "accounts/logout/",
                  Map.of(ChatHttp.CSRF_FIELD, tokenBefore),
                  "Origin",
                  here.origin())
              .statusCode(),
          "a form shown before the change does not work after it");
      assertEquals(username, whoIsLoggedIn(here));
    }
    assertFalse(canLogIn(username, PASSWORD), "the old password stopped working");
    assertTrue(canLogIn(username, newPassword));
  }

  @Test
  void aLoginEndedFromAnotherBrowserLosesItsAccess() throws Exception {
    String username = unique("listed");
    ChatHttp phone = anonymous().signUp(username, PASSWORD);
    ChatHttp laptop = anonymous().logIn(username, PASSWORD);
    String stranger = unique("stranger");
    ChatHttp strangers = anonymous().signUp(stranger, PASSWORD);
    String room = unique("ended") + "/";
    try (ChatSocket phoneSocket = ChatSocket.open(phone, room)) {
      phoneSocket.await("presence");

      HttpResponse<String> page = accountPage(laptop);
      List<String> logins = matches("<tr data-login=\"([0-9a-f]+)\" data-current=\"false\"", page);
      assertEquals(1, logins.size(), page::body);
      assertEquals(1, matches("<tr data-login=\"([0-9a-f]+)\" data-current=\"true\"", page).size());
      String phoneLogin = logins.get(0);
      String revoke = "accounts/me/logins/" + phoneLogin + "/revoke";

      // Nobody else ends it: not another site, not another user.
      assertEveryAttackRefused(laptop, revoke, Map.of(), attacks(laptop));
      accountPage(strangers);
      assertEquals(404, strangers.post(revoke, Map.of()).statusCode());
      assertEquals(username, whoIsLoggedIn(phone));

      HttpResponse<String> ended =
          PageForm.of(page, "revoke-" + phoneLogin).submit(laptop, Map.of());
      assertEquals(303, ended.statusCode(), ended::body);
      phoneSocket.awaitClose();
    }
    assertNull(whoIsLoggedIn(phone), "the ended login's browser is logged out");
    int refused = ChatSocket.refusedStatus(base, room, phone.cookieHeader(), phone.origin());
    assertTrue(refused == 401 || refused == 403, "its handshake is refused: " + refused);
    HttpResponse<String> after = accountPage(laptop);
    assertEquals(List.of(), matches("data-current=\"(false)\"", after), after::body);
    assertEquals(username, whoIsLoggedIn(laptop));
  }

  @Test
  void anAdminSetsAOneTimePasswordThatMustBeChangedBeforeAnythingElse() throws Exception {
    String username = unique("forgetful");
    String oneTime = "amber-falcon-58";
    ChatHttp user = anonymous().signUp(username, PASSWORD);
    String room = unique("reset") + "/";
    ChatHttp admin = anonymous().logIn(ADMIN, ADMIN_PASSWORD);
    String card = "admin/?account=" + username;

    PageForm reset = PageForm.of(admin.get(card), "account-one-time-password");
    assertFalse(reset.asks("admin_password"), "a fresh admin login types no password again");
    assertEveryAttackRefused(
        admin,
        reset.action().substring(1),
        ChatHttp.form("one_time_password", oneTime),
        attacks(admin));
    assertProblem(
        PageForm.of(admin.get(card), "account-one-time-password")
            .submit(admin, Map.of("one_time_password", "12345678")),
        "signup.password_numeric");
    assertTrue(canLogIn(username, PASSWORD), "refused resets change nothing");

    HttpResponse<String> set;
    try (ChatSocket socket = ChatSocket.open(user, room)) {
      socket.await("presence");
      set =
          PageForm.of(admin.get(card), "account-one-time-password")
              .submit(admin, Map.of("one_time_password", oneTime));
      assertEquals(303, set.statusCode(), set::body);
      socket.awaitClose();
    }
    assertTrue(
        admin.follow(set).body().contains("data-must-change-password=\"true\""),
        "the dashboard shows the account waiting for a new password");
    assertNull(whoIsLoggedIn(user), "every login of the account ended");
    assertFalse(canLogIn(username, PASSWORD));

    // The one-time password logs in, to the account page only.
    ChatHttp back = anonymous();
    back.get("accounts/login/");
    HttpResponse<String> landing =
        back.follow(
            back.post(
                "accounts/login/", ChatHttp.form("username", username, "password", oneTime)));
    assertEquals(200, landing.statusCode(), landing::body);
    assertEquals("/accounts/me/", landing.uri().getPath());
    assertTrue(landing.body().contains("id=\"password-change-required\""), landing::body);
    HttpResponse<String> rooms = back.get("chat/");
    assertEquals(302, rooms.statusCode());
    assertEquals(
        "/accounts/me/",
        rooms.uri().resolve(rooms.headers().firstValue("Location").orElseThrow()).getPath());
    assertEquals(403, back.post("chat/", ChatHttp.form("room", unique("elsewhere"))).statusCode());
    int refused = ChatSocket.refusedStatus(base, room, back.cookieHeader(), back.origin());
    assertEquals(403, refused, "no socket before the password is changed");

    String chosen = "quiet-lantern-71";
    assertProblem(changePassword(back, oneTime, oneTime), "account.password.unchanged");
    HttpResponse<String> changed = changePassword(back, oneTime, chosen);
    assertEquals(303, changed.statusCode(), changed::body);
    assertEquals(200, back.get("chat/").statusCode());
    try (ChatSocket socket = ChatSocket.open(back, room)) {
      socket.await("presence");
    }
    assertFalse(canLogIn(username, oneTime), "the one-time password worked once");
    assertTrue(canLogIn(username, chosen));
  }

  /**
   * Runs last: it leaves the admin's name locked for strangers for the login window, which would
   * refuse the other tests' admin logins from new browsers.
   */
  @Test
  @Order(Integer.MAX_VALUE)
  void anAdminWhosePasswordWasTypedLongAgoMustTypeItAgainEvenWhileStrangersLockItsName() {
    String target = unique("guarded");
    anonymous().signUp(target, PASSWORD);
    ChatHttp admin = anonymous().logIn(ADMIN, ADMIN_PASSWORD);
    String card = "admin/?account=" + target;
    assertFalse(PageForm.of(admin.get(card), "account-disable").asks("admin_password"));
    // Strangers lock the admin's name: new browsers get 429, right password or not.
    strangersGuess(ADMIN, "192.0.2.20");
    assertThrottled(logInFrom("192.0.2.21", ADMIN, ADMIN_PASSWORD), "login-throttled");

    assertTrue(
        LocalProcess.await(
            REAUTH_WINDOW.plusSeconds(30),
            Duration.ofMillis(500),
            () -> PageForm.of(admin.get(card), "account-disable").asks("admin_password")),
        "the dashboard asks for the password once the login's is older than " + REAUTH_WINDOW);
    HttpResponse<String> stale = admin.get(card);
    assertTrue(stale.body().contains("id=\"reauth-note\""), stale::body);
    PageForm disable = PageForm.of(stale, "account-disable");

    HttpResponse<String> bare = admin.post(disable.action(), disable.hidden());
    assertEquals(403, bare.statusCode(), bare::body);
    assertTrue(bare.body().contains("id=\"reauth-required\""), bare::body);
    HttpResponse<String> wrong =
        disable.submit(admin, Map.of("admin_password", "not-the-admins-password-1"));
    assertEquals(403, wrong.statusCode(), wrong::body);
    assertTrue(wrong.body().contains("id=\"reauth-failed\""), wrong::body);
    assertTrue(canLogIn(target), "nothing changed without the admin's password");

    HttpResponse<String> confirmed =
        disable.submit(admin, Map.of("admin_password", ADMIN_PASSWORD));
    assertEquals(303, confirmed.statusCode(), confirmed::body);
    assertFalse(canLogIn(target), target + " is disabled");
    // Typed again, the password lasts for the next actions too.
    PageForm enable = PageForm.of(admin.get(card), "account-enable");
    assertFalse(enable.asks("admin_password"));
    assertEquals(303, enable.submit(admin, Map.of()).statusCode());
    assertTrue(canLogIn(target));

    // The admin's own browser logs in again through the strangers' lock; a new one still cannot.
    logOut(admin);
    HttpResponse<String> back = logInWith(admin, ADMIN, ADMIN_PASSWORD);
    assertEquals(302, back.statusCode(), back::body);
    assertEquals(200, admin.get("admin/").statusCode());
    assertThrottled(logInFrom("192.0.2.22", ADMIN, ADMIN_PASSWORD), "login-throttled");
  }

  private static List<String> matches(String regex, HttpResponse<String> page) {
    Matcher m = Pattern.compile(regex).matcher(page.body());
    List<String> found = new ArrayList<>();
    while (m.find()) {
      found.add(m.group(1));
    }
    return found;
  }

  // --- abuse limits --------------------------------------------------------------------------

  private HttpResponse<String> logInFrom(String address, String username, String password) {
    ChatHttp browser = new ChatHttp(base, address);
    browser.get("accounts/login/");
    return browser.post(
        "accounts/login/", ChatHttp.form("username", username, "password", password));
  }

  private static void assertThrottled(HttpResponse<String> answer, String marker) {
    assertEquals(429, answer.statusCode(), answer::body);
    long retryAfter = Long.parseLong(answer.headers().firstValue("Retry-After").orElseThrow());
    assertTrue(retryAfter >= 1 && retryAfter <= 3600, "Retry-After " + retryAfter);
    assertTrue(answer.body().contains("id=\"" + marker + "\""), answer::body);
  }

  @Test
  void aBurstOfWrongPasswordsLocksTheAccountAndNotItsNeighbours() {
    String victim = unique("victim");
    String neighbour = unique("neighbour");
    anonymous().signUp(victim, PASSWORD);
    anonymous().signUp(neighbour, PASSWORD);
    String attacker = "203.0.113.10";
    for (int i = 1; i <= 10; i++) {
      HttpResponse<String> wrong = logInFrom(attacker, victim, "wrong-guess-" + i);
      assertEquals(200, wrong.statusCode(), "guess " + i + " is checked");
      assertTrue(wrong.body().contains("id=\"login-error\""), wrong::body);
    }
    assertThrottled(logInFrom(attacker, victim, "wrong-guess-11"), "login-throttled");
    assertThrottled(
        logInFrom(attacker, victim.toUpperCase(Locale.ROOT), PASSWORD),
        "login-throttled"); // the same account under another spelling, right password or not
    assertThrottled(logInFrom("198.51.100.10", victim, PASSWORD), "login-throttled");
    assertEquals(
        302,
        logInFrom(attacker, neighbour, PASSWORD).statusCode(),
        "another user behind the attacker's address logs in");
  }

  @Test
  void everySpellingOfANameCountsAgainstOneAccount() {
    String victim = unique("spelled");
    anonymous().signUp(victim, PASSWORD);
    // Each guess from an address of its own, so that only the account's count can stop them:
    // soft hyphens (which folding drops), full-width letters, capitals, and the name as it is.
    List<String> spellings = new ArrayList<>();
    for (int k = 1; k <= 4; k++) {
      spellings.add("\u00AD".repeat(k * 37) + victim);
    }
    spellings.addAll(
        List.of(
            fullWidth(victim),
            victim.toUpperCase(Locale.ROOT),
            victim + "\u00AD",
            "\u200B" + victim,
            fullWidth(victim.toUpperCase(Locale.ROOT)),
            victim));
    for (int i = 0; i < spellings.size(); i++) {
      HttpResponse<String> wrong = logInFrom("198.19.7." + (i + 1), spellings.get(i), "wrong-" + i);
      assertEquals(200, wrong.statusCode(), "guess " + i + " is checked");
      assertTrue(wrong.body().contains("id=\"login-error\""), wrong::body);
    }
    List<String> rightPassword =
        List.of(
            "\u00AD".repeat(140) + victim,
            "\u00AD".repeat(590) + victim,
            fullWidth(victim),
            victim);
    for (int i = 0; i < rightPassword.size(); i++) {
      assertThrottled(
          logInFrom("198.19.8." + (i + 1), rightPassword.get(i), PASSWORD), "login-throttled");
    }
    // A name longer than any account's reaches none: refused at once, right password or not.
    HttpResponse<String> overLong =
        logInFrom("198.19.9.1", "\u00AD".repeat(600) + victim, PASSWORD);
    assertEquals(200, overLong.statusCode());
    assertTrue(overLong.body().contains("id=\"login-error\""), overLong::body);
  }

  /** Posts the login form from this browser, with its cookies (its device cookie among them). */
  private static HttpResponse<String> logInWith(
      ChatHttp browser, String username, String password) {
    browser.get("accounts/login/");
    return browser.post(
        "accounts/login/", ChatHttp.form("username", username, "password", password));
  }

  /** Logs this browser out with the header's button; its device cookie stays. */
  private static void logOut(ChatHttp browser) {
    assertEquals(302, browser.post("accounts/logout/", Map.of()).statusCode());
    assertNull(whoIsLoggedIn(browser));
  }

  /** The value with one character in its middle changed, still URL-safe Base64. */
  private static String altered(String value) {
    int at = value.length() / 2;
    return value.substring(0, at) + (value.charAt(at) == 'A' ? 'B' : 'A') + value.substring(at + 1);
  }

  /** Ten wrong passwords for the account, each from a new browser at this address. */
  private void strangersGuess(String username, String address) {
    for (int i = 1; i <= 10; i++) {
      HttpResponse<String> wrong = logInFrom(address, username, "stranger-guess-" + i);
      assertEquals(200, wrong.statusCode(), "guess " + i + " is checked");
      assertTrue(wrong.body().contains("id=\"login-error\""), wrong::body);
    }
  }

  @Test
  void strangersWhoLockAnAccountDoNotLockOutTheBrowsersThatLoggedIntoItBefore() {
    String owner = unique("owner");
    ChatHttp laptop = anonymous().signUp(owner, PASSWORD); // a sign-up logs in too
    ChatHttp phone = anonymous();
    HttpResponse<String> phoneLogin = logInWith(phone, owner, PASSWORD);
    assertEquals(302, phoneLogin.statusCode(), phoneLogin::body);
    String deviceCookie = cookieSet(phoneLogin, ChatHttp.DEVICE_COOKIE);
    assertNotNull(deviceCookie, "a login hands out a device cookie");
    String attributes = deviceCookie.toLowerCase(Locale.ROOT);
    assertTrue(attributes.contains("; httponly"), deviceCookie);
    assertTrue(attributes.contains("; samesite=lax"), deviceCookie);
    assertTrue(attributes.contains("; path=/"), deviceCookie);
    assertTrue(attributes.contains("max-age=31536000"), "kept a year: " + deviceCookie);
    assertFalse(attributes.contains("; secure"), "no Secure over plain HTTP: " + deviceCookie);
    assertFalse(attributes.contains(owner), "the account is not named in it: " + deviceCookie);
    String laptopDevice = laptop.cookie(ChatHttp.DEVICE_COOKIE);
    assertNotNull(laptopDevice, "the sign-up handed one out too");
    logOut(laptop);
    logOut(phone);

    String bystander = unique("bystander");
    String bystandersDevice =
        anonymous().signUp(bystander, PASSWORD).cookie(ChatHttp.DEVICE_COOKIE);
    strangersGuess(owner, "192.0.2.10");
    assertThrottled(logInFrom("192.0.2.11", owner, PASSWORD), "login-throttled");
    assertThrottled(
        logInWith(
            anonymous().withCookie(ChatHttp.DEVICE_COOKIE, altered(laptopDevice)), owner, PASSWORD),
        "login-throttled"); // an altered device cookie is a stranger's
    assertThrottled(
        logInWith(
            anonymous().withCookie(ChatHttp.DEVICE_COOKIE, bystandersDevice), owner, PASSWORD),
        "login-throttled"); // so is another account's
    // A name without an account, locked the same way, gets the same answer.
    String nobody = unique("nobody");
    strangersGuess(nobody, "192.0.2.12");
    assertThrottled(logInFrom("192.0.2.13", nobody, PASSWORD), "login-throttled");

    // The browsers that logged in before still log in, with the right password only.
    HttpResponse<String> back = logInWith(laptop, owner, PASSWORD);
    assertEquals(302, back.statusCode(), back::body);
    assertEquals(owner, whoIsLoggedIn(laptop));
    logOut(laptop);

    // The laptop's own wrong guesses lock out the laptop alone.
    for (int i = 1; i <= 10; i++) {
      HttpResponse<String> wrong = logInWith(laptop, owner, "own-guess-" + i);
      assertEquals(200, wrong.statusCode(), "own guess " + i + " is checked");
      assertTrue(wrong.body().contains("id=\"login-error\""), wrong::body);
    }
    assertThrottled(logInWith(laptop, owner, PASSWORD), "login-throttled");
    assertNull(whoIsLoggedIn(laptop));
    HttpResponse<String> phoneBack = logInWith(phone, owner, PASSWORD);
    assertEquals(302, phoneBack.statusCode(), "the phone has a bucket of its own");
    assertEquals(owner, whoIsLoggedIn(phone));
    assertThrottled(logInFrom("192.0.2.14", owner, PASSWORD), "login-throttled");
  }

  @Test
  void aDeviceCookieIsSecureOverHttps() {
    String username = unique("secured");
    anonymous().signUp(username, PASSWORD);
    ChatHttp browser = anonymous();
    browser.get("accounts/login/");
    String https = "https://" + base.getRawAuthority();
    HttpResponse<String> loggedIn =
        browser.postAsIs(
            "accounts/login/",
            ChatHttp.form(
                "username",
                username,
                "password",
                PASSWORD,
                ChatHttp.CSRF_FIELD,
                browser.csrfToken()),
            "Origin",
            https,
            "X-Forwarded-Proto",
            "https");
    assertEquals(302, loggedIn.statusCode(), loggedIn::body);
    String deviceCookie = cookieSet(loggedIn, ChatHttp.DEVICE_COOKIE);
    assertNotNull(deviceCookie);
    assertTrue(deviceCookie.toLowerCase(Locale.ROOT).contains("; secure"), deviceCookie);
  }

  @Test
  void refusedSignUpsFromOneAddressAreCountedAndThenRefusedBeforeAnyCheck() {
    String taken = unique("popular");
    anonymous().signUp(taken, PASSWORD);
    String address = "203.0.113.40";
    for (int i = 1; i <= 50; i++) {
      ChatHttp browser = new ChatHttp(base, address);
      browser.get("accounts/signup/");
      HttpResponse<String> refused =
          browser.post(
              "accounts/signup/",
              ChatHttp.form("username", taken, "password", PASSWORD, "password2", PASSWORD));
      assertEquals(400, refused.statusCode(), "refused sign-up " + i + " is answered");
    }
    // The oracle closes: past the budget, whether a name is taken is not answered.
    ChatHttp browser = new ChatHttp(base, address);
    browser.get("accounts/signup/");
    HttpResponse<String> asked =
        browser.post(
            "accounts/signup/",
            ChatHttp.form("username", taken, "password", PASSWORD, "password2", PASSWORD));
    assertThrottled(asked, "signup-throttled");
    assertFalse(asked.body().contains("That username is taken."), asked::body);
    String fresh = unique("latecomer");
    HttpResponse<String> valid =
        browser.post(
            "accounts/signup/",
            ChatHttp.form("username", fresh, "password", PASSWORD, "password2", PASSWORD));
    assertThrottled(valid, "signup-throttled");
    assertFalse(canLogIn(fresh), "no account " + fresh + " was created");
    new ChatHttp(base, "203.0.113.41").signUp(fresh, PASSWORD);
  }

  /** The name in full-width letters and digits (U+FF01 to U+FF5E), as some keyboards type it. */
  private static String fullWidth(String ascii) {
    StringBuilder wide = new StringBuilder();
    ascii.chars().forEach(c -> wide.append((char) (c > 0x20 && c < 0x7F ? c + 0xFEE0 : c)));
    return wide.toString();
  }

  @Test
  void aBurstOfWrongPasswordsFromOneAddressIsStoppedAcrossNames() {
    String sprayer = "203.0.113.20";
    for (int i = 1; i <= 100; i++) {
      assertEquals(200, logInFrom(sprayer, unique("sprayed"), "spray-" + i).statusCode());
    }
    String user = unique("sprayedreal");
    anonymous().signUp(user, PASSWORD);
    assertThrottled(logInFrom(sprayer, user, PASSWORD), "login-throttled");
    assertEquals(302, logInFrom("203.0.113.21", user, PASSWORD).statusCode(), "other addresses");
  }

  @Test
  void aBurstOfSignUpsFromOneAddressIsThrottledAndCreatesNothing() {
    String address = "203.0.113.30";
    for (int i = 0; i < 20; i++) {
      new ChatHttp(base, address).signUp(unique("burst"), PASSWORD);
    }
    String refused = unique("burst");
    ChatHttp browser = new ChatHttp(base, address);
    browser.get("accounts/signup/");
    HttpResponse<String> answer =
        browser.post(
            "accounts/signup/",
            ChatHttp.form("username", refused, "password", PASSWORD, "password2", PASSWORD));
    assertThrottled(answer, "signup-throttled");
    assertNull(whoIsLoggedIn(browser));
    assertFalse(canLogIn(refused), "no account " + refused + " was created");
    new ChatHttp(base, "203.0.113.31").signUp(refused, PASSWORD);
    assertTrue(canLogIn(refused), "another address signs up");
  }

  @Test
  void behindATrustedProxyHttpsBringsHstsAndSecureWebSockets() {
    HttpResponse<String> plain = anonymous().get("accounts/login/");
    assertTrue(plain.headers().firstValue("Strict-Transport-Security").isEmpty());
    String plainPolicy = plain.headers().firstValue("Content-Security-Policy").orElseThrow();
    assertTrue(plainPolicy.contains(" ws://"), plainPolicy);

    HttpResponse<String> proxied =
        anonymous().getWith("accounts/login/", "X-Forwarded-Proto", "https");
    assertEquals(
        "max-age=31536000", proxied.headers().firstValue("Strict-Transport-Security").orElse(""));
    String policy = proxied.headers().firstValue("Content-Security-Policy").orElseThrow();
    assertTrue(policy.contains(" wss://") && !policy.contains(" ws://"), policy);
  }


  private static String match(String regex, String text) {
    Matcher m = Pattern.compile(regex).matcher(text);
    assertTrue(m.find(), () -> "no " + regex + " in\n" + text);
    return m.group(1);
  }

  // --- sessions ------------------------------------------------------------------------------

  @Test
  void aLoginGetsANewSessionIdAndANewTokenAndTheOldOnesAreWorthNothing() throws Exception {
    String first = unique("fixated");
    String second = unique("fixated");
    anonymous().signUp(first, PASSWORD);
    anonymous().signUp(second, PASSWORD);
    ChatHttp browser = anonymous();
    HttpResponse<String> form = browser.get("accounts/login/");
    assertNull(cookieSet(form, ChatHttp.SESSION_COOKIE), "the login form needs no session");
    String formCookie = cookieSet(form, ChatHttp.CSRF_COOKIE);
    assertNotNull(formCookie, "the form's token comes with a cookie of its own");
    String tokenBefore = browser.csrfToken();

    // The form's "keep me signed in" box left unticked.
    HttpResponse<String> loggedIn =
        browser.post(
            "accounts/login/",
            ChatHttp.form(
                "username", first, "password", PASSWORD, "keep_signed_in_offered", "1"));
    assertEquals(302, loggedIn.statusCode(), loggedIn::body);
    String loginCookie = cookieSet(loggedIn, ChatHttp.LOGIN_COOKIE);
    assertNotNull(loginCookie, "the login sets its cookie");
    assertFalse(
        loginCookie.toLowerCase(Locale.ROOT).contains("max-age"),
        "not kept signed in: the login ends with the browser: " + loginCookie);
    String sessionCookie = cookieSet(loggedIn, ChatHttp.SESSION_COOKIE);
    String rotatedCookie = cookieSet(loggedIn, ChatHttp.CSRF_COOKIE);
    assertNotNull(rotatedCookie, "the login replaces the form token's secret");
    assertEquals(first, whoIsLoggedIn(browser));
    // The token shown before the login no longer works for the logged-in browser.
    assertEquals(
        403,
        browser
            .postAsIs(
                "accounts/logout/",
                Map.of(ChatHttp.CSRF_FIELD, tokenBefore),
                "Origin",
                browser.origin())
            .statusCode());
    assertEquals(first, whoIsLoggedIn(browser));
    assertNotEquals(tokenBefore, browser.csrfToken());

    // Logging in again, as someone else, gives the browser a new session id: whoever saw or planted
    // the one before holds nothing.
    String before = browser.sessionId();
    browser.logIn(second, PASSWORD);
    assertNotEquals(before, browser.sessionId(), "the session id changes at login");
    assertEquals(second, whoIsLoggedIn(browser));
    assertNull(who(replay(before, "chat/")), "the old id carries no login");

    assertNotNull(sessionCookie, "the login's node keeps it in a new session");
    for (String cookie : List.of(formCookie, loginCookie, sessionCookie, rotatedCookie)) {
      String attributes = cookie.toLowerCase(Locale.ROOT);
      assertTrue(attributes.contains("; httponly"), cookie);
      assertTrue(attributes.contains("; samesite=lax"), cookie);
      assertFalse(attributes.contains("; secure"), "no Secure over plain HTTP: " + cookie);
    }
  }

  @Test
  void aLoginIsKeptByDefaultAndItsCookieAloneIsTheUserWithoutASession() throws Exception {
    String username = unique("kept");
    ChatHttp browser = anonymous();
    browser.get("accounts/signup/");
    HttpResponse<String> signedUp =
        browser.post(
            "accounts/signup/",
            ChatHttp.form("username", username, "password", PASSWORD, "password2", PASSWORD));
    assertEquals(302, signedUp.statusCode(), signedUp::body);
    String cookie = cookieSet(signedUp, ChatHttp.LOGIN_COOKIE);
    assertTrue(
        cookie.toLowerCase(Locale.ROOT).contains("max-age=2592000"),
        "kept for 30 days: " + cookie);

    // A browser that holds only the cookie, as on another node or after a restart, is the user,
    // for pages and sockets alike.
    ChatHttp elsewhere =
        anonymous().withCookie(ChatHttp.LOGIN_COOKIE, browser.cookie(ChatHttp.LOGIN_COOKIE));
    assertEquals(username, whoIsLoggedIn(elsewhere));
    try (ChatSocket socket = ChatSocket.open(elsewhere, unique("kept-room") + "/")) {
      socket.await("presence");
    }
    // A cookie of the right form that proves no login is dropped, and logs nobody in.
    ChatHttp forger =
        anonymous()
            .withCookie(
                ChatHttp.LOGIN_COOKIE,
                "AAAAAAAAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
    HttpResponse<String> refused = forger.get("chat/");
    assertNull(who(refused));
    assertTrue(
        refused.headers().allValues("Set-Cookie").stream()
            .map(c -> c.toLowerCase(Locale.ROOT))
            .anyMatch(
                c ->
                    c.startsWith(ChatHttp.LOGIN_COOKIE + "=;")
                        && (c.contains("max-age=0") || c.contains("expires=thu, 01-jan-1970"))),
        "the bad cookie is removed: " + refused.headers().allValues("Set-Cookie"));
  }

  // --- headers and pages ---------------------------------------------------------------------

  private static final String POLICY_START =
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
          + " connect-src 'self'";
  private static final String POLICY_END =
      "; frame-ancestors 'none'; object-src 'none'; base-uri 'none'; form-action 'self'";

  private static void assertSecurityHeaders(String what, HttpResponse<String> answer) {
    String policy = answer.headers().firstValue("Content-Security-Policy").orElse(null);
    assertNotNull(policy, what + ": Content-Security-Policy");
    assertTrue(
        policy.startsWith(POLICY_START) && policy.endsWith(POLICY_END), what + ": " + policy);
    assertFalse(policy.contains("unsafe"), what + ": " + policy);
    assertEquals(
        "nosniff", answer.headers().firstValue("X-Content-Type-Options").orElse(null), what);
    assertEquals("DENY", answer.headers().firstValue("X-Frame-Options").orElse(null), what);
    assertEquals("same-origin", answer.headers().firstValue("Referrer-Policy").orElse(null), what);
    assertTrue(
        answer.headers().firstValue("Strict-Transport-Security").isEmpty(),
        what + ": no HSTS over plain HTTP");
  }

  /** The page runs only script files: no inline script, event handler, style or javascript: URL. */
  private static void assertNoInlineCode(String what, String html) {
    Matcher scripts = Pattern.compile("<script\\b([^>]*)>", Pattern.CASE_INSENSITIVE).matcher(html);
    while (scripts.find()) {
      String attributes = scripts.group(1);
      assertTrue(
          attributes.contains(" src=\"") || attributes.contains("type=\"application/json\""),
          what + ": inline script <script" + attributes + ">");
    }
    for (String inline :
        List.of("<[^>]*\\son[a-z]+\\s*=", "<[^>]*\\sstyle\\s*=", "<style\\b", "javascript:")) {
      Matcher found = Pattern.compile(inline, Pattern.CASE_INSENSITIVE).matcher(html);
      assertFalse(found.find(), () -> what + ": " + inline + " in\n" + html);
    }
  }

  /**
   * One answer of every kind, by what it is: pages anonymous and logged in, redirects, JSON, the
   * application's error pages (its own and the container's statuses, a refused form), and a static
   * script.
   */
  private Map<String, HttpResponse<String>> everyKindOfAnswer() {
    ChatHttp anyone = anonymous();
    String reader = unique("reader");
    ChatHttp user = anonymous().signUp(reader, PASSWORD);
    ChatHttp admin = anonymous().logIn(ADMIN, ADMIN_PASSWORD);
    Map<String, HttpResponse<String>> pages = new LinkedHashMap<>();
    pages.put("/ (a redirect)", anyone.get(""));
    pages.put("/ logged in (a redirect)", user.get(""));
    pages.put("/chat/", anyone.get("chat/"));
    pages.put("/chat/ logged in", user.get("chat/"));
    pages.put("/chat/{room}/", user.get("chat/" + unique("headers") + "/"));
    pages.put("/dm/{username}/", user.get(ChatHttp.conversationPath(reader)));
    pages.put("/accounts/login/", anyone.get("accounts/login/"));
    pages.put("/accounts/signup/", anyone.get("accounts/signup/"));
    pages.put("/accounts/logout/", user.get("accounts/logout/"));
    pages.put("/accounts/me/", user.get("accounts/me/"));
    pages.put("/admin/", admin.get("admin/"));
    pages.put("/admin/ showing an account", admin.get("admin/?account=" + reader));
    pages.put("/admin/metrics.json", admin.get("admin/metrics.json"));
    pages.put("403 for a user on /admin/", user.get("admin/"));
    pages.put("404", user.get("chat/no!such-room/"));
    pages.put("404 of the container", anyone.get("no/such/page"));
    pages.put("404 of the container logged in", user.get("no/such/page"));
    pages.put("404 for the error page itself", user.get("error/"));
    pages.put("403 of a refused form", anyone.postAsIs("accounts/login/", Map.of()));
    pages.put("405 for a post to a room", user.post("chat/" + unique("posted") + "/", Map.of()));
    pages.put("static script", anyone.get("static/room.js"));

    List<String> statuses = new ArrayList<>();
    pages.forEach((what, answer) -> statuses.add(what + " " + answer.statusCode()));
    assertEquals(
        List.of(
            "/ (a redirect) 302",
            "/ logged in (a redirect) 302",
            "/chat/ 200",
            "/chat/ logged in 200",
            "/chat/{room}/ 200",
            "/dm/{username}/ 200",
            "/accounts/login/ 200",
            "/accounts/signup/ 200",
            "/accounts/logout/ 200",
            "/accounts/me/ 200",
            "/admin/ 200",
            "/admin/ showing an account 200",
            "/admin/metrics.json 200",
            "403 for a user on /admin/ 403",
            "404 404",
            "404 of the container 404",
            "404 of the container logged in 404",
            "404 for the error page itself 404",
            "403 of a refused form 403",
            "405 for a post to a room 405",
            "static script 200"),
        statuses);
    return pages;
  }

  @Test
  void everyPageCarriesTheSecurityHeadersAndNoInlineCode() {
    Map<String, HttpResponse<String>> pages = everyKindOfAnswer();
    pages.forEach(
        (what, answer) -> {
          assertSecurityHeaders(what, answer);
          if (answer.headers().firstValue("Content-Type").orElse("").contains("html")) {
            assertNoInlineCode(what, answer.body());
          }
        });
    assertTrue(pages.get("403 for a user on /admin/").body().contains("id=\"forbidden\""));
  }

  // --- quiet, uncacheable answers ------------------------------------------------------------

  /** Names of the servers and of their parts, none of which an answer may carry. */
  private static final Pattern PRODUCT =
      Pattern.compile(
          "payara|glassfish|grizzly|catalina|wildfly|jboss|undertow|tyrus|mojarra|weld",
          Pattern.CASE_INSENSITIVE);

  /** What a stack trace or an exception's message leaves in a text. */
  private static final Pattern TRACE =
      Pattern.compile("\tat |Exception|\\.java:\\d|Caused by", Pattern.CASE_INSENSITIVE);

  /** No header or body names the server, and no body carries a trace. */
  private static void assertQuiet(String what, HttpResponse<String> answer) {
    assertNull(answer.headers().firstValue("Server").orElse(null), what + ": Server");
    assertNull(answer.headers().firstValue("X-Powered-By").orElse(null), what + ": X-Powered-By");
    answer
        .headers()
        .map()
        .forEach(
            (name, values) ->
                assertFalse(
                    PRODUCT.matcher(name + ": " + values).find(), what + ": " + name + values));
    if (!what.startsWith("static")) {
      assertFalse(PRODUCT.matcher(answer.body()).find(), () -> what + ":\n" + answer.body());
      assertFalse(TRACE.matcher(answer.body()).find(), () -> what + ":\n" + answer.body());
    }
  }

  private static void assertQuiet(String what, RawHttp.Answer answer) {
    assertNull(answer.header("Server"), () -> what + ":\n" + answer.whole());
    assertNull(answer.header("X-Powered-By"), () -> what + ":\n" + answer.whole());
    assertFalse(PRODUCT.matcher(answer.whole()).find(), () -> what + ":\n" + answer.whole());
    assertFalse(TRACE.matcher(answer.whole()).find(), () -> what + ":\n" + answer.whole());
  }

  /** The application's error page for the status, as the answer to a request that was refused. */
  private static void assertErrorPage(String what, int status, String body) {
    assertTrue(
        body.contains(
            "<main class=\"container\" id=\"error-page\" data-status=\"" + status + "\">"),
        () -> what + ": the application's page for " + status + "\n" + body);
    assertTrue(body.contains("id=\"error-status\""), () -> what + ":\n" + body);
  }

  private static String contentType(HttpResponse<String> answer) {
    return answer
        .headers()
        .firstValue("Content-Type")
        .orElse("")
        .replace(" ", "")
        .toLowerCase(Locale.ROOT);
  }

  @Test
  void dynamicAnswersAreNeverStoredNameNoServerAndKeepTheirContentType() {
    Map<String, HttpResponse<String>> answers = everyKindOfAnswer();
    answers.forEach(
        (what, answer) -> {
          assertQuiet(what, answer);
          String cache = answer.headers().firstValue("Cache-Control").orElse("");
          if (what.startsWith("static")) {
            assertFalse(cache.contains("no-store"), what + " may be cached: " + cache);
          } else {
            assertEquals("no-store", cache, what);
          }
          if (answer.statusCode() == 302) {
            assertTrue(answer.headers().firstValue("Location").isPresent(), what);
          } else if (what.endsWith(".json")) {
            assertEquals("application/json;charset=utf-8", contentType(answer), what);
          } else if (!what.startsWith("static")) {
            assertEquals("text/html;charset=utf-8", contentType(answer), what);
          }
        });
    assertErrorPage("404", 404, answers.get("404").body());
    assertTrue(answers.get("404").body().contains("<h1 id=\"not-found\">Not found</h1>"));
    assertErrorPage("404 of the container", 404, answers.get("404 of the container").body());
    assertErrorPage(
        "the error page itself", 404, answers.get("404 for the error page itself").body());
    assertErrorPage("405", 405, answers.get("405 for a post to a room").body());
    assertErrorPage("403", 403, answers.get("403 for a user on /admin/").body());
    assertTrue(answers.get("403 of a refused form").body().contains("id=\"csrf-refused\""));
  }

  @Test
  void errorPagesSpeakTheReadersLanguage() {
    HttpResponse<String> korean =
        anonymous().getWith("no/such/page", "Accept-Language", "fr-FR,ko;q=0.8,en;q=0.5");
    assertEquals(404, korean.statusCode());
    assertTrue(korean.body().contains("<html lang=\"ko\">"), korean::body);
    assertTrue(korean.body().contains(">페이지를 찾을 수 없습니다</h1>"), korean::body);
    assertTrue(korean.body().contains(">오류 404</p>"), korean::body);
    HttpResponse<String> other = anonymous().getWith("no/such/page", "Accept-Language", "fr-FR");
    assertTrue(other.body().contains("<html lang=\"en\">"), other::body);
    assertTrue(other.body().contains(">Not found</h1>"), other::body);
  }

  @Test
  void refusedHandshakesGetTheApplicationsPageAndNoneIsStored() throws Exception {
    ChatHttp user = anonymous().signUp(unique("shaker"), PASSWORD);
    String room = "/ws/chat/" + unique("shaken") + "/";
    String own = user.origin();

    RawHttp.Answer anonymousOne = RawHttp.handshake(base, room, "Origin", own);
    RawHttp.Answer otherSite =
        RawHttp.handshake(base, room, "Origin", EVIL, "Cookie", user.cookieHeader());
    RawHttp.Answer noRoom =
        RawHttp.handshake(
            base, "/ws/chat/no!such-room/", "Origin", own, "Cookie", user.cookieHeader());
    Map<String, RawHttp.Answer> refused = new LinkedHashMap<>();
    refused.put("401 without a login", anonymousOne);
    refused.put("403 from another site", otherSite);
    refused.put("404 for no room", noRoom);
    refused.forEach(
        (what, answer) -> {
          int status = Integer.parseInt(what.substring(0, 3));
          assertEquals(status, answer.status(), () -> what + ":\n" + answer.whole());
          assertErrorPage(what, status, answer.body());
          assertEquals("no-store", answer.header("Cache-Control"), what);
          assertQuiet(what, answer);
        });

    RawHttp.Answer accepted =
        RawHttp.handshake(base, room, "Origin", own, "Cookie", user.cookieHeader());
    assertEquals(101, accepted.status(), accepted::whole);
    assertEquals("no-store", accepted.header("Cache-Control"), accepted::whole);
    assertQuiet("101", accepted);
  }

  /**
   * Paths that are no text: a broken escape, escapes that are not UTF-8 (an overlong dot, a lone
   * byte, a lead byte without its continuation), raw bytes that are not UTF-8, and the same in a
   * handshake's path.
   */
  private static final List<String> MALFORMED_PATHS =
      List.of(
          "/chat/%ZZ/",
          "/%C0%AE/",
          "/chat/%FF/",
          "/chat/%C3%28/",
          "/chat/\u00FF\u00FE/",
          "/ws/chat/%FF/",
          "/ws/chat/%ZZ/");

  @Test
  void malformedPathsAreRefusedQuietlyAndCostNoTraceInTheLog() throws Exception {
    ChatHttp user = anonymous().signUp(unique("scanner"), PASSWORD);
    Path log = ServerKind.current().deployedLog();
    long before = Files.size(log);

    for (String path : MALFORMED_PATHS) {
      RawHttp.Answer answer =
          path.startsWith("/ws/")
              ? RawHttp.handshake(
                  base, path, "Origin", user.origin(), "Cookie", user.cookieHeader())
              : RawHttp.get(base, path, "Cookie", user.cookieHeader());
      String what = "GET " + path;
      assertQuiet(what, answer);
      if (answer.body().isEmpty()) {
        // Refused by the server itself, before the application could answer. Grizzly fails on a
        // broken escape before any filter runs and answers 200 with nothing (the application
        // keeps the trace out of the log); everything else it refuses with 400.
        boolean brokenEscapeOnPayara =
            path.contains("%ZZ") && ServerKind.current() == ServerKind.PAYARA;
        assertEquals(brokenEscapeOnPayara ? 200 : 400, answer.status(), answer::whole);
      } else {
        assertEquals(400, answer.status(), answer::whole);
        assertErrorPage(what, 400, answer.body());
        assertEquals("no-store", answer.header("Cache-Control"), what);
      }
    }

    // Something the application logs at once, to know that the log has caught up.
    String marker = unique("logged");
    try (ChatSocket socket = ChatSocket.open(user, marker + "/")) {
      socket.await("presence");
    }
    String seen = "room=" + marker + " ";
    assertTrue(
        LocalProcess.await(
            Duration.ofSeconds(30),
            Duration.ofMillis(200),
            () -> since(log, before).contains(seen)),
        "the log shows " + seen + " in " + log);
    String logged = since(log, before);
    logged = logged.substring(0, logged.indexOf(seen));
    assertFalse(TRACE.matcher(logged).find(), logged);
    assertFalse(logged.contains("URLDecoder"), logged);
    // A few short lines at most (other activity may log meanwhile): each broken request would
    // otherwise cost a trace of some 3 KB.
    assertTrue(logged.length() < 600 * MALFORMED_PATHS.size(), logged);
  }

  /** What the log gained since it was {@code offset} bytes long. */
  private static String since(Path log, long offset) {
    try (FileChannel file = FileChannel.open(log)) {
      ByteBuffer bytes = ByteBuffer.allocate((int) Math.max(0, file.size() - offset));
      file.read(bytes, offset);
      return new String(bytes.array(), 0, bytes.position(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void anonymousVisitorsStartNoSession() {
    // Each session costs server memory: an anonymous visitor's form token lives in a cookie.
    for (String path :
        List.of("chat/no!such-room/", "no/such/page", "chat/x/", "", "accounts/signup/", "chat/")) {
      HttpResponse<String> answer = anonymous().get(path);
      assertNull(cookieSet(answer, ChatHttp.SESSION_COOKIE), path + " started a session");
    }
    assertNotNull(cookieSet(anonymous().get("accounts/signup/"), ChatHttp.CSRF_COOKIE));
    assertNotNull(cookieSet(anonymous().get("chat/"), ChatHttp.CSRF_COOKIE));
  }

}
