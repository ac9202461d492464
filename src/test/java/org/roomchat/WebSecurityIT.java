package org.roomchat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.roomchat.support.ChatHttp;
import org.roomchat.support.ChatSocket;
import org.roomchat.support.DeployedWar;
import org.roomchat.support.LocalProcess;
import org.roomchat.support.PageForm;

/**
 * The web pages under attack, against the real WAR on a real server: forms posted from another site
 * or without their token are refused with 403 and change nothing, a link cannot log anyone out, a
 * login gets a new session id and a new token, and every answer carries the browser's security
 * headers while no page relies on inline script or style.
 */
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

  @Test
  void anAdminWhosePasswordWasTypedLongAgoMustTypeItAgain() {
    String target = unique("guarded");
    anonymous().signUp(target, PASSWORD);
    ChatHttp admin = anonymous().logIn(ADMIN, ADMIN_PASSWORD);
    String card = "admin/?account=" + target;
    assertFalse(PageForm.of(admin.get(card), "account-disable").asks("admin_password"));

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

  @Test
  void everyPageCarriesTheSecurityHeadersAndNoInlineCode() {
    ChatHttp anyone = anonymous();
    String reader = unique("reader");
    ChatHttp user = anonymous().signUp(reader, PASSWORD);
    ChatHttp admin = anonymous().logIn(ADMIN, ADMIN_PASSWORD);
    Map<String, HttpResponse<String>> pages = new LinkedHashMap<>();
    pages.put("/ (a redirect)", anyone.get(""));
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
    pages.put("403 of a refused form", anyone.postAsIs("accounts/login/", Map.of()));
    pages.put("static script", anyone.get("static/room.js"));

    List<String> statuses = new ArrayList<>();
    pages.forEach((what, answer) -> statuses.add(what + " " + answer.statusCode()));
    assertEquals(
        List.of(
            "/ (a redirect) 302",
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
            "403 of a refused form 403",
            "static script 200"),
        statuses);
    pages.forEach(
        (what, answer) -> {
          assertSecurityHeaders(what, answer);
          if (answer.headers().firstValue("Content-Type").orElse("").contains("html")) {
            assertNoInlineCode(what, answer.body());
          }
        });
    assertTrue(pages.get("403 for a user on /admin/").body().contains("id=\"forbidden\""));
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
