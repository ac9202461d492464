package org.roomchat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.roomchat.support.ChatHttp;
import org.roomchat.support.ChatSocket;
import org.roomchat.support.DeployedWar;
import org.roomchat.support.PageForm;

/**
 * Every HTTP row of the contract, against the real WAR on a real Payara Micro: the pages as a
 * browser gets them (status, redirects, escaped HTML, the guide's element ids) and the admin
 * dashboard's numbers.
 */
class ChatPagesIT extends DeployedWar {

  private static final String PASSWORD = "correct-horse-7";
  private static final String ADMIN = "admin";
  private static final String ADMIN_PASSWORD = "quiet-harbor-42";
  private static final Duration WAIT = Duration.ofSeconds(15);
  private static final AtomicInteger NAMES = new AtomicInteger();
  /** Rooms on one page of the room list and of the dashboard. */
  private static final int PAGE_SIZE = 100;
  /** New rooms one user may start in an hour: chat.rooms.creations-per-hour, the default. */
  private static final int NEW_ROOMS_PER_HOUR = 30;


  // --- helpers -------------------------------------------------------------------------------

  private static String unique(String prefix) {
    return prefix + NAMES.incrementAndGet();
  }

  /** A browser of its own, logged in as a new account with this name. */
  private ChatHttp signedUp(String username) {
    return new ChatHttp(base).signUp(username, PASSWORD);
  }

  private ChatHttp anonymous() {
    return new ChatHttp(base);
  }

  private ChatHttp admin() {
    return new ChatHttp(base).logIn(ADMIN, ADMIN_PASSWORD);
  }

  private static String roomPath(String room) {
    return "chat/" + URLEncoder.encode(room, StandardCharsets.UTF_8) + "/";
  }

  /** Where a redirect points, resolved against the request it answers. */
  private static URI location(HttpResponse<String> response) {
    assertEquals(302, response.statusCode(), () -> "expected a redirect: " + response.body());
    return response.uri().resolve(response.headers().firstValue("Location").orElseThrow());
  }

  private void assertRedirectsTo(String pathAndQuery, HttpResponse<String> response) {
    URI target = location(response);
    assertEquals(base.getAuthority(), target.getRawAuthority(), "stays on this site");
    String actual =
        target.getRawPath() + (target.getRawQuery() == null ? "" : "?" + target.getRawQuery());
    assertEquals(pathAndQuery, actual);
  }

  private static String loginWithNext(String path) {
    return "/accounts/login/?next=" + URLEncoder.encode(path, StandardCharsets.UTF_8);
  }

  private static String who(HttpResponse<String> page) {
    Matcher m = Pattern.compile("<span class=\"who\">([^<]*)</span>").matcher(page.body());
    return m.find() ? m.group(1) : null;
  }

  private static List<String> all(String regex, String html) {
    Matcher m = Pattern.compile(regex, Pattern.DOTALL).matcher(html);
    List<String> found = new ArrayList<>();
    while (m.find()) {
      found.add(m.group(1));
    }
    return found;
  }

  private static String one(String regex, String html) {
    Matcher m = Pattern.compile(regex, Pattern.DOTALL).matcher(html);
    if (!m.find()) {
      return fail("no match for " + regex + " in\n" + html);
    }
    return m.group(1);
  }

  /** The part of a page an element with this id opens, up to the first close of its tag. */
  private static String element(String html, String tag, String id) {
    return one("(<" + tag + "[^>]*\\bid=\"" + id + "\"[^>]*>.*?</" + tag + ">)", html);
  }

  /** The page's #chat-log: everything from its opening tag to the typing indicator after it. */
  private static String chatLogSection(String html) {
    return one("(<div id=\"chat-log\".*?)id=\"typing-indicator\"", html);
  }

  /** The texts of the messages in the page's #chat-log, in page order. */
  private static List<String> chatLog(String html) {
    return all("<div class=\"text\">([^<]*)</div>", chatLogSection(html));
  }

  /** A room list entry: its online and message counts. */
  private record Listed(String name, int online, long messages) {}

  private static List<Listed> roomList(String html) {
    Matcher m =
        Pattern.compile(
                "<li class=\"room-entry\" data-room=\"([^\"]*)\"[^>]*>(.*?)</li>", Pattern.DOTALL)
            .matcher(html);
    List<Listed> rooms = new ArrayList<>();
    while (m.find()) {
      rooms.add(
          new Listed(
              m.group(1),
              Integer.parseInt(one("class=\"online-count\">(\\d+)<", m.group(2))),
              Long.parseLong(one("class=\"message-count\">(\\d+)<", m.group(2)))));
    }
    return rooms;
  }

  private static Listed listed(List<Listed> rooms, String name) {
    return rooms.stream()
        .filter(r -> r.name().equals(name))
        .findFirst()
        .orElseGet(() -> fail(name + " is not listed in " + rooms));
  }

  /** The dashboard's numbers as the admin page shows them. */
  private record Dashboard(
      long openConnections,
      double averageSeconds,
      long totalRooms,
      long totalMessages,
      Map<String, long[]> rooms) {}

  private static Dashboard dashboard(ChatHttp admin) {
    HttpResponse<String> page = admin.get("admin/");
    assertEquals(200, page.statusCode(), page::body);
    String html = page.body();
    Matcher rows =
        Pattern.compile("<tr data-room=\"([^\"]*)\">(.*?)</tr>", Pattern.DOTALL).matcher(html);
    Map<String, long[]> rooms = new LinkedHashMap<>();
    while (rows.find()) {
      rooms.put(
          rows.group(1),
          new long[] {
            Long.parseLong(one("message-count\">(\\d+)<", rows.group(2))),
            Long.parseLong(one("active-users\">(\\d+)<", rows.group(2)))
          });
    }
    return new Dashboard(
        Long.parseLong(one("id=\"open-connections\">(\\d+)<", html)),
        Double.parseDouble(
            one("id=\"average-connection-duration\" data-seconds=\"([0-9.]+)\"", html)),
        Long.parseLong(one("id=\"total-rooms\">(\\d+)<", html)),
        Long.parseLong(one("id=\"total-messages\">(\\d+)<", html)),
        rooms);
  }

  /** Asks again until the answer satisfies the condition, or fails after {@link #WAIT}. */
  private static <T> T eventually(Supplier<T> probe, Predicate<T> condition, String what) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    T value = probe.get();
    while (!condition.test(value)) {
      if (System.nanoTime() > deadline) {
        return fail(what + " not within " + WAIT + "; last saw " + value);
      }
      try {
        TimeUnit.MILLISECONDS.sleep(100); // polling interval of the condition above
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
      value = probe.get();
    }
    return value;
  }

  private static JsonObject json(String text) {
    try (JsonReader reader = Json.createReader(new StringReader(text))) {
      return reader.readObject();
    }
  }

  private static JsonValue jsonValue(String text) {
    try (JsonReader reader = Json.createReader(new StringReader(text))) {
      return reader.readValue();
    }
  }

  /** Sends a message and waits for its echo, so it is stored when this returns. */
  private static long say(ChatSocket socket, String text) {
    socket.say(text);
    return socket.awaitMessage(text).getJsonNumber("message_id").longValueExact();
  }

  /** The names a room list page shows, in page order. */
  private static List<String> names(String html) {
    return roomList(html).stream().map(Listed::name).toList();
  }

  /** The target of the page's plain link with this id, or null when the page has none. */
  private static String link(String html, String id) {
    Matcher m = Pattern.compile("<a href=\"([^\"]*)\" id=\"" + id + "\"").matcher(html);
    return m.find() ? m.group(1).replace("&amp;", "&") : null;
  }

  /** A page reached through a link the server wrote (an absolute path). */
  private static HttpResponse<String> follow(ChatHttp browser, String href) {
    assertTrue(href != null && href.startsWith("/"), () -> "a link on this site: " + href);
    HttpResponse<String> page = browser.get(href.substring(1));
    assertEquals(200, page.statusCode(), page::body);
    return page;
  }

  private static <T> List<T> reversed(List<T> list) {
    List<T> copy = new ArrayList<>(list);
    java.util.Collections.reverse(copy);
    return copy;
  }

  /** A 303 to this path on this site, as a form's post is answered. */
  private void assertSeeOther(String path, HttpResponse<String> response) {
    assertEquals(303, response.statusCode(), () -> "expected a 303: " + response.body());
    URI target = response.uri().resolve(response.headers().firstValue("Location").orElseThrow());
    assertEquals(base.getAuthority(), target.getRawAuthority(), "stays on this site");
    assertEquals(path, target.getRawPath());
  }

  /** A page without the anti-CSRF tokens its forms carry, which differ from page to page. */
  private static String withoutTokens(String html) {
    return html.replaceAll(
        "(name=\"csrf_token\" value=\"|name=\"csrf-token\" content=\")[^\"]*", "$1");
  }

  // --- / and /chat/ --------------------------------------------------------------------------

  @Test
  void rootRedirectsToTheRoomList() {
    assertRedirectsTo("/chat/", anonymous().get(""));
  }

  @Test
  void roomListShowsNewestActivityFirstWithOnlineAndMessageCounts() throws Exception {
    String alice = unique("lister");
    ChatHttp aliceBrowser = signedUp(alice);
    ChatHttp bobBrowser = signedUp(unique("lister"));
    String quiet = unique("quiet");
    String older = unique("older");
    String newest = unique("newest");
    // Visiting a room creates it, as the guide's view does: quiet is the newest room by creation.
    for (String room : List.of(older, newest, quiet)) {
      assertEquals(200, aliceBrowser.get(roomPath(room)).statusCode());
    }
    try (ChatSocket inOlder = ChatSocket.open(aliceBrowser, older + "/")) {
      inOlder.await("presence");
      say(inOlder, "one");
      say(inOlder, "two");
    }
    try (ChatSocket aliceInNewest = ChatSocket.open(aliceBrowser, newest + "/");
        ChatSocket bobInNewest = ChatSocket.open(bobBrowser, newest + "/")) {
      aliceInNewest.await("presence");
      bobInNewest.await("presence");
      say(aliceInNewest, "latest");

      List<Listed> rooms =
          eventually(
              () -> roomList(anonymous().get("chat/").body()),
              list -> listed(list, newest).online() == 2 && listed(list, older).online() == 0,
              "two online in " + newest);
      List<String> order = rooms.stream().map(Listed::name).toList();
      assertTrue(
          order.indexOf(newest) < order.indexOf(older)
              && order.indexOf(older) < order.indexOf(quiet),
          "newest activity first: " + order);
      assertEquals(new Listed(newest, 2, 1), listed(rooms, newest));
      assertEquals(new Listed(older, 0, 2), listed(rooms, older));
      assertEquals(new Listed(quiet, 0, 0), listed(rooms, quiet));
    }
    eventually(
        () -> listed(roomList(anonymous().get("chat/").body()), newest),
        room -> room.online() == 0,
        "everyone gone from " + newest);
  }

  @Test
  void enterRoomFormGoesToTheRoom() {
    assertRedirectsTo("/chat/lobby-2/", anonymous().get("chat/?room=lobby-2"));
    assertRedirectsTo(
        "/chat/%ED%95%9C%EA%B5%AD%EC%96%B4/",
        anonymous().get("chat/?room=" + URLEncoder.encode("한국어", StandardCharsets.UTF_8)));
  }

  @Test
  void enterRoomFormExplainsAnInvalidNameEscaped() {
    HttpResponse<String> page =
        anonymous()
            .get("chat/?room=" + URLEncoder.encode("<b>no spaces</b>", StandardCharsets.UTF_8));
    assertEquals(400, page.statusCode());
    String error = element(page.body(), "p", "room-name-error");
    assertTrue(error.contains("&lt;b&gt;no spaces&lt;/b&gt;"), error);
    assertTrue(error.contains("not a valid room name"), error);
    assertFalse(page.body().contains("<b>no spaces"), "the name is never markup");

    HttpResponse<String> valid = anonymous().get("chat/");
    assertEquals(200, valid.statusCode());
    assertFalse(valid.body().contains("room-name-error"), "no error without a bad name");
  }

  @Test
  void roomListShowsAHundredRoomsAPageNewestActivityFirstAndFindsThemByName() throws Exception {
    String prefix = unique("Paged") + "-";
    List<String> rooms =
        IntStream.range(0, 150).mapToObj(i -> String.format("%s%03d", prefix, i)).toList();
    // Five users start thirty rooms each, as many as one may in an hour, oldest first.
    for (int founder = 0; founder < rooms.size() / NEW_ROOMS_PER_HOUR; founder++) {
      ChatHttp browser = signedUp(unique("founder"));
      for (String room :
          rooms.subList(founder * NEW_ROOMS_PER_HOUR, (founder + 1) * NEW_ROOMS_PER_HOUR)) {
        assertEquals(200, browser.get(roomPath(room)).statusCode(), room);
      }
    }
    // Messages make the oldest of them the most recently active room.
    String revived = rooms.get(0);
    try (ChatSocket socket = ChatSocket.open(signedUp(unique("talker")), revived + "/")) {
      socket.await("presence");
      say(socket, "back again");
      say(socket, "and again");
    }
    List<String> firstPage = new ArrayList<>();
    firstPage.add(revived);
    firstPage.addAll(reversed(rooms.subList(51, 150)));
    List<String> secondPage = reversed(rooms.subList(1, 51));

    // Every room: the newest hundred, then the rest (and older rooms of other tests after them).
    HttpResponse<String> first = anonymous().get("chat/");
    assertEquals(200, first.statusCode());
    List<Listed> listed = roomList(first.body());
    assertEquals(firstPage, listed.stream().map(Listed::name).toList());
    assertEquals(2, listed.get(0).messages(), "messages in " + revived);
    assertTrue(
        listed.subList(1, PAGE_SIZE).stream().allMatch(room -> room.messages() == 0),
        "no messages elsewhere: " + listed);
    assertNull(link(first.body(), "newer-rooms"), "the first page is the newest");
    String second = follow(anonymous(), link(first.body(), "older-rooms")).body();
    List<String> secondNames = names(second);
    assertTrue(secondNames.size() <= PAGE_SIZE, "at most a page: " + secondNames.size());
    assertEquals(secondPage, secondNames.subList(0, secondPage.size()));
    assertTrue(secondNames.stream().noneMatch(firstPage::contains), "no room twice");
    assertEquals(firstPage, names(follow(anonymous(), link(second, "newer-rooms")).body()));

    // A search, without regard to case, pages the same way and keeps itself in the links.
    HttpResponse<String> found = anonymous().get("chat/?q=" + prefix.toUpperCase(Locale.ROOT));
    assertEquals(200, found.statusCode());
    assertEquals(firstPage, names(found.body()));
    assertTrue(
        found.body().contains("value=\"" + prefix.toUpperCase(Locale.ROOT) + "\""),
        "the search stays in its field");
    String olderFound = link(found.body(), "older-rooms");
    assertTrue(olderFound.contains("q=" + prefix.toUpperCase(Locale.ROOT)), olderFound);
    HttpResponse<String> foundRest = follow(anonymous(), olderFound);
    assertEquals(secondPage, names(foundRest.body()), "the second page has the rest");
    assertNull(link(foundRest.body(), "older-rooms"), "and is the last");
    String one = rooms.get(42);
    assertEquals(
        List.of(new Listed(one, 0, 0)),
        roomList(anonymous().get("chat/?q=" + one.substring(1).toLowerCase(Locale.ROOT)).body()));
    HttpResponse<String> none = anonymous().get("chat/?q=" + prefix + "999");
    assertEquals(200, none.statusCode());
    assertEquals(List.of(), names(none.body()));
    assertTrue(element(none.body(), "p", "no-matching-rooms").contains(prefix + "999"));

    // The dashboard pages its rooms the same way, and its numbers follow the page.
    ChatHttp admin = admin();
    Dashboard dashboard = dashboard(admin);
    HttpResponse<String> adminPage = admin.get("admin/");
    assertEquals(firstPage, List.copyOf(dashboard.rooms().keySet()));
    List<String> everyRoom = new ArrayList<>(dashboard.rooms().keySet());
    String older = link(adminPage.body(), "older-admin-rooms");
    while (older != null) {
      HttpResponse<String> page = follow(admin, older);
      List<String> rows =
          all("<tr data-room=\"([^\"]*)\">", page.body());
      assertTrue(rows.size() <= PAGE_SIZE && !rows.isEmpty(), "a page of rows: " + rows.size());
      everyRoom.addAll(rows);
      String metricsUrl =
          one("data-metrics-url=\"([^\"]*)\"", page.body()).replace("&amp;", "&");
      List<String> metricsRooms =
          json(follow(admin, metricsUrl).body()).getJsonArray("rooms").getValuesAs(JsonObject.class)
              .stream()
              .map(room -> room.getString("name"))
              .toList();
      assertEquals(rows, metricsRooms, "the page's script re-reads the same page");
      older = link(page.body(), "older-admin-rooms");
    }
    assertEquals(dashboard.totalRooms(), everyRoom.size(), "every room on some page");
    assertEquals(everyRoom.size(), Set.copyOf(everyRoom).size(), "no room twice");
  }

  @Test
  void roomListRefusesSearchesNoNameCouldMatchAndIgnoresBadPageLinks() {
    for (String search : List.of("<b>no spaces</b>", "a%", "x".repeat(5000))) {
      HttpResponse<String> page =
          anonymous().get("chat/?q=" + URLEncoder.encode(search, StandardCharsets.UTF_8));
      assertEquals(400, page.statusCode(), page::body);
      String error = element(page.body(), "p", "room-search-error");
      assertTrue(error.contains("No room name contains"), error);
      assertFalse(page.body().contains("<b>no spaces"), "the search is never markup");
      assertTrue(page.body().length() < 20_000, "a long search is not written back whole");
      assertEquals(List.of(), names(page.body()));
    }
    String firstPage = String.join(",", names(anonymous().get("chat/").body()));
    for (String query :
        List.of("before=yesterday", "after=%3Cb%3E", "before=9_9", "after=1_2_3", "q=&before=")) {
      HttpResponse<String> page = anonymous().get("chat/?" + query);
      assertEquals(200, page.statusCode(), query);
      assertEquals(firstPage, String.join(",", names(page.body())), query);
    }
  }

  @Test
  void aUserPastTheNewRoomLimitIsRefusedAndNothingIsCreatedButExistingRoomsStayOpen()
      throws Exception {
    ChatHttp host = signedUp(unique("host"));
    String existing = unique("existing");
    assertEquals(200, host.get(roomPath(existing)).statusCode());
    ChatHttp founder = signedUp(unique("founder"));
    String prefix = unique("limited") + "-";
    // Rooms started through the "new room" form count as those started by a visit do.
    assertSeeOther("/chat/" + prefix + 0 + "/", founder.newRoom(prefix + 0, "private"));
    for (int i = 1; i < NEW_ROOMS_PER_HOUR; i++) {
      assertEquals(200, founder.get(roomPath(prefix + i)).statusCode(), "new room " + i);
    }

    String refusedRoom = prefix + "page";
    HttpResponse<String> refused = founder.get(roomPath(refusedRoom));
    assertEquals(429, refused.statusCode(), refused::body);
    long retryAfter = Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow());
    assertTrue(retryAfter > 0 && retryAfter <= 3601, "Retry-After " + retryAfter);
    assertTrue(element(refused.body(), "h1", "too-many-rooms").contains("Too many new rooms"));
    assertTrue(refused.body().contains("Rooms that already exist are open to you"));

    // A socket to a new room is closed with 1008 before any room frame.
    String refusedSocketRoom = prefix + "socket";
    try (ChatSocket socket = ChatSocket.open(founder, refusedSocketRoom + "/")) {
      socket.assertClosedWith(1008);
      assertEquals(List.of(), socket.drained(), "no room frame");
    }
    String refusedFormRoom = prefix + "form";
    HttpResponse<String> refusedForm = founder.newRoom(refusedFormRoom, "public");
    assertEquals(429, refusedForm.statusCode(), refusedForm::body);
    assertTrue(refusedForm.headers().firstValue("Retry-After").isPresent());
    for (String room : List.of(refusedRoom, refusedSocketRoom, refusedFormRoom)) {
      assertEquals(List.of(), names(anonymous().get("chat/?q=" + room).body()), room + " made");
    }

    // Rooms that exist stay open, by page and by socket, the founder's own and others'.
    assertEquals(200, founder.get(roomPath(existing)).statusCode());
    assertEquals(200, founder.get(roomPath(prefix + 0)).statusCode());
    try (ChatSocket socket = ChatSocket.open(founder, existing + "/")) {
      socket.await("presence");
      say(socket, "still welcome");
    }
    List<Listed> found = roomList(anonymous().get("chat/?q=" + existing).body());
    assertEquals(List.of(existing), found.stream().map(Listed::name).toList());
    assertEquals(1, found.get(0).messages(), "messages in " + existing);
    // The limit is the founder's alone.
    assertEquals(200, host.get(roomPath(refusedRoom)).statusCode());
  }

  // --- /chat/{room}/ -------------------------------------------------------------------------

  @Test
  void loggedOutRoomVisitGoesToLoginAndComesBack() {
    String username = unique("returner");
    signedUp(username);
    for (String room : List.of(unique("back"), "한국어")) {
      String roomUrl = "/" + roomPath(room);
      ChatHttp browser = anonymous();
      HttpResponse<String> visit = browser.get(roomPath(room));
      assertRedirectsTo(loginWithNext(roomUrl), visit);

      HttpResponse<String> loginPage = browser.get(location(visit).toString());
      assertEquals(200, loginPage.statusCode());
      String next =
          one("<input type=\"hidden\" name=\"next\" value=\"([^\"]*)\"", loginPage.body());
      assertEquals(roomUrl, next);

      HttpResponse<String> loggedIn =
          browser.post(
              "accounts/login/",
              ChatHttp.form("username", username, "password", PASSWORD, "next", next));
      assertRedirectsTo(roomUrl, loggedIn);
      HttpResponse<String> roomPage = browser.follow(loggedIn);
      assertEquals(200, roomPage.statusCode(), roomPage::body);
      assertTrue(roomPage.body().contains("<h1>Room: " + room + "</h1>"), roomPage.body());
      assertEquals(username, who(roomPage));
    }
  }

  @Test
  void loginAndSignupNeverSendAUserToAnotherSite() {
    String username = unique("wary");
    signedUp(username);
    for (String next :
        List.of(
            "//evil.example",
            "http://evil.example",
            "https://evil.example/chat/",
            "/\\evil.example",
            "evil.example")) {
      HttpResponse<String> loggedIn =
          anonymous()
              .post(
                  "accounts/login/",
                  ChatHttp.form("username", username, "password", PASSWORD, "next", next));
      assertRedirectsTo("/chat/", loggedIn);
    }
    HttpResponse<String> signedUp =
        anonymous()
            .post(
                "accounts/signup/",
                ChatHttp.form(
                    "username",
                    unique("wary"),
                    "password",
                    PASSWORD,
                    "password2",
                    PASSWORD,
                    "next",
                    "//evil.example"));
    assertRedirectsTo("/chat/", signedUp);

    // The login page writes next back into its form as an escaped attribute value.
    HttpResponse<String> page =
        anonymous()
            .get(
                "accounts/login/?next="
                    + URLEncoder.encode("\"><script>alert(1)</script>", StandardCharsets.UTF_8));
    assertFalse(page.body().contains("<script>alert(1)"), page.body());
  }

  @Test
  void roomPageShowsTheLast50MessagesOldestFirst() throws Exception {
    String room = unique("history");
    List<ChatHttp> senders =
        List.of(signedUp(unique("writer")), signedUp(unique("writer")), signedUp(unique("writer")));
    List<ChatSocket> sockets = new ArrayList<>();
    List<String> sent = new ArrayList<>();
    long lastId = 0;
    try {
      for (ChatHttp sender : senders) {
        ChatSocket socket = ChatSocket.open(sender, room + "/");
        sockets.add(socket);
        socket.await("presence");
      }
      for (int i = 1; i <= 55; i++) {
        String text = String.format("history-%02d", i);
        lastId = say(sockets.get(i % sockets.size()), text);
        sent.add(text);
        // Three senders taking turns every 100 ms send about 3 a second each, under the 5/s limit.
        TimeUnit.MILLISECONDS.sleep(100);
      }
    } finally {
      sockets.forEach(ChatSocket::close);
    }

    HttpResponse<String> page = signedUp(unique("reader")).get(roomPath(room));
    assertEquals(200, page.statusCode());
    List<String> shown = chatLog(page.body());
    for (String tooOld : sent.subList(0, 5)) {
      assertFalse(shown.contains(tooOld), tooOld + " is older than the last 50");
    }
    assertEquals(sent.subList(5, 55), shown, "the newest 50, oldest first");
    List<Long> ids =
        all("data-message-id=\"(\\d+)\"", chatLogSection(page.body())).stream()
            .map(Long::valueOf)
            .toList();
    assertEquals(50, ids.size());
    assertTrue(
        IntStream.range(1, ids.size()).allMatch(i -> ids.get(i - 1) < ids.get(i)),
        "ids rise: " + ids);
    assertEquals(lastId, ids.get(ids.size() - 1));
    assertEquals(
        Long.toString(lastId),
        one("id=\"chat-log\"[^>]*data-last-message-id=\"(\\d+)\"", page.body()));
  }

  @Test
  void messagesAreEscapedOnTheRoomPage() throws Exception {
    String room = unique("escape");
    String attack = "<img src=x onerror=alert(1)>";
    ChatHttp writer = signedUp(unique("mallory"));
    try (ChatSocket socket = ChatSocket.open(writer, room + "/")) {
      socket.await("presence");
      say(socket, attack);
      say(socket, "Tom & Jerry \"quoted\" </div><script>alert(2)</script>");
    }
    String html = signedUp(unique("victim")).get(roomPath(room)).body();
    List<String> log = chatLog(html);
    assertEquals("&lt;img src=x onerror=alert(1)&gt;", log.get(0));
    assertTrue(log.get(1).startsWith("Tom &amp; Jerry"), log.get(1));
    assertTrue(
        log.get(1).contains("&lt;/div&gt;&lt;script&gt;alert(2)&lt;/script&gt;"), log.get(1));
    assertFalse(html.contains("<img"), "never a raw tag");
    assertFalse(html.contains("<script>alert"), "never a raw script");
  }

  @Test
  void roomPageKeepsTheGuidesElementsAndJsonScripts() throws Exception {
    String username = unique("reader");
    ChatHttp reader = signedUp(username);
    String otherName = unique("present");
    ChatHttp other = signedUp(otherName);
    for (String room : List.of(unique("ids"), "한국어")) {
      HttpResponse<String> page = reader.get(roomPath(room));
      assertEquals(200, page.statusCode(), page::body);
      String html = page.body();
      for (String id :
          List.of(
              "chat-log",
              "chat-message-input",
              "chat-message-submit",
              "typing-indicator",
              "online-users")) {
        assertTrue(html.contains("id=\"" + id + "\""), "#" + id + " in\n" + html);
      }
      // The input stops where the server's length limit (chat.max-message-length) does.
      assertTrue(
          html.matches("(?s).*<input id=\"chat-message-input\"[^>]* maxlength=\"1000\".*"),
          html);
      String roomJson =
          one("<script id=\"room-name\" type=\"application/json\">(.*?)</script>", html);
      String userJson =
          one("<script id=\"user-name\" type=\"application/json\">(.*?)</script>", html);
      assertEquals(Json.createValue(room), jsonValue(roomJson));
      assertEquals(Json.createValue(username), jsonValue(userJson));
    }
    // Who is online is on the page as it is served, not only after the socket connects.
    String room = unique("online");
    try (ChatSocket socket = ChatSocket.open(other, room + "/")) {
      socket.await("presence");
      String online =
          eventually(
              () -> element(reader.get(roomPath(room)).body(), "ul", "online-users"),
              list ->
                  list.contains(
                      "<li>" + otherName + " <a class=\"dm-link\" href=\"/dm/" + otherName + "/\">"),
              otherName + " listed as online");
      assertFalse(online.contains(username), "the reader has no socket open");
    }
  }

  @Test
  void invalidRoomNameIsANotFoundPage() {
    ChatHttp user = signedUp(unique("lost"));
    for (String path : List.of("chat/no!such-room/", "chat/a%20b/", "chat/a/b/", "chat/%3Cb%3E/")) {
      HttpResponse<String> page = user.get(path);
      assertEquals(404, page.statusCode(), path);
      assertTrue(page.body().contains("Not found"), page.body());
      assertFalse(page.body().contains("<b>"), "nothing of the path as markup");
    }
    assertEquals(404, anonymous().get("chat/no!such-room/").statusCode(), "before any login");
    String tooLong = "x".repeat(101);
    assertEquals(404, user.get("chat/" + tooLong + "/").statusCode());
  }

  // --- accounts ------------------------------------------------------------------------------

  @Test
  void signupRefusesATakenName() {
    String username = unique("taken");
    signedUp(username);
    ChatHttp second = anonymous();
    HttpResponse<String> page =
        second.post(
            "accounts/signup/",
            ChatHttp.form("username", username, "password", PASSWORD, "password2", PASSWORD));
    assertEquals(400, page.statusCode());
    assertTrue(element(page.body(), "ul", "signup-errors").contains("That username is taken."));
    assertRedirectsTo(loginWithNext("/chat/lobby/"), second.get("chat/lobby/"));
  }

  @Test
  void signupRefusesAShortPasswordAndKeepsTheName() {
    String username = unique("shorty");
    ChatHttp browser = anonymous();
    HttpResponse<String> page =
        browser.post(
            "accounts/signup/",
            ChatHttp.form("username", username, "password", "abc12", "password2", "abc12"));
    assertEquals(400, page.statusCode());
    assertTrue(
        element(page.body(), "ul", "signup-errors").contains("at least 8 characters"), page.body());
    assertTrue(page.body().contains("value=\"" + username + "\""), "the typed name is kept");
    String digits = "12345678901";
    HttpResponse<String> numeric =
        browser.post(
            "accounts/signup/",
            ChatHttp.form("username", username, "password", digits, "password2", digits));
    assertEquals(400, numeric.statusCode());
    assertTrue(
        element(numeric.body(), "ul", "signup-errors").contains("entirely numeric"),
        numeric.body());
    assertRedirectsTo(loginWithNext("/chat/lobby/"), browser.get("chat/lobby/"));
  }

  @Test
  void signupRefusesMismatchedPasswords() {
    ChatHttp browser = anonymous();
    HttpResponse<String> page =
        browser.post(
            "accounts/signup/",
            ChatHttp.form(
                "username", unique("typo"), "password", PASSWORD, "password2", PASSWORD + "x"));
    assertEquals(400, page.statusCode());
    assertTrue(element(page.body(), "ul", "signup-errors").contains("do not match"), page.body());
    assertFalse(page.body().contains(PASSWORD), "passwords are never written back");
  }

  @Test
  void signupLogsTheNewUserIn() {
    String username = unique("newcomer");
    ChatHttp browser = anonymous();
    assertFalse(browser.get("accounts/signup/").body().contains("signup-errors"));
    HttpResponse<String> created =
        browser.post(
            "accounts/signup/",
            ChatHttp.form("username", username, "password", PASSWORD, "password2", PASSWORD));
    assertRedirectsTo("/chat/", created);
    HttpResponse<String> home = browser.follow(created);
    assertEquals(username, who(home));
    assertEquals(200, browser.get("chat/lobby/").statusCode());
    // And the account works for a later login in another browser.
    assertEquals(username, who(new ChatHttp(base).logIn(username, PASSWORD).get("chat/")));
  }

  @Test
  void loginFailureShowsAnError() {
    String username = unique("forgetful");
    signedUp(username);
    for (Map<String, String> attempt :
        List.of(
            ChatHttp.form("username", username, "password", "wrong-password-1"),
            ChatHttp.form("username", unique("nobody"), "password", PASSWORD))) {
      ChatHttp browser = anonymous();
      HttpResponse<String> page = browser.post("accounts/login/", attempt);
      assertEquals(200, page.statusCode());
      assertTrue(
          element(page.body(), "p", "login-error").contains("Wrong username or password"),
          page.body());
      assertRedirectsTo(loginWithNext("/chat/lobby/"), browser.get("chat/lobby/"));
    }
    assertFalse(anonymous().get("accounts/login/").body().contains("login-error"));
  }

  /** Posts the sign-up form from a new browser and expects it refused for this reason. */
  private void assertSignupRefused(String username, String password, String reason) {
    ChatHttp browser = anonymous();
    HttpResponse<String> page =
        browser.post(
            "accounts/signup/",
            ChatHttp.form("username", username, "password", password, "password2", password));
    assertEquals(400, page.statusCode(), () -> "sign-up of " + username + ": " + page.body());
    String errors = element(page.body(), "ul", "signup-errors");
    assertTrue(errors.contains(reason), () -> username + ": " + errors);
    assertRedirectsTo(loginWithNext("/chat/lobby/"), browser.get("chat/lobby/"));
  }

  /** The login form refuses this name and password: no account has them. */
  private void assertLoginFails(String username, String password) {
    HttpResponse<String> page =
        anonymous()
            .post("accounts/login/", ChatHttp.form("username", username, "password", password));
    assertEquals(200, page.statusCode(), page::body);
    assertTrue(page.body().contains("id=\"login-error\""), page.body());
  }

  /** The name in full-width letters and digits (U+FF01 to U+FF5E), as some keyboards type it. */
  private static String fullWidth(String ascii) {
    StringBuilder wide = new StringBuilder();
    ascii.chars().forEach(c -> wide.append((char) (c > 0x20 && c < 0x7F ? c + 0xFEE0 : c)));
    return wide.toString();
  }

  @Test
  void signupRefusesANameThatDiffersFromATakenOneOnlyInCaseOrWidth() {
    for (String lookalike : List.of("Admin", "ADMIN", fullWidth("admin"))) {
      assertSignupRefused(lookalike, PASSWORD, "That username is taken.");
      // Nothing was made under that name: typed so, it still logs in as the admin.
      assertEquals(ADMIN, who(new ChatHttp(base).logIn(lookalike, ADMIN_PASSWORD).get("chat/")));
    }
    String username = unique("Casey");
    signedUp(username);
    assertSignupRefused(username.toUpperCase(Locale.ROOT), PASSWORD, "That username is taken.");
    assertSignupRefused(fullWidth(username), PASSWORD, "That username is taken.");
  }

  @Test
  void signupRefusesInvisibleAndFormattingCharactersInNames() {
    String ghost = unique("ghost");
    for (String name :
        List.of(ADMIN + "\u200D", ghost + "\u200D", "\u202E" + ghost, ghost + "\uFE0F")) {
      assertSignupRefused(name, PASSWORD, "cannot contain invisible or formatting characters");
    }
    assertLoginFails(ghost + "\u200D", PASSWORD);
    assertLoginFails(ghost, PASSWORD);
  }

  @Test
  void signupRefusesLatinMixedWithCyrillicLookalikes() {
    String mixed = "\u0430" + unique("dmin"); // a Cyrillic a, then Latin
    assertSignupRefused("\u0430dmin", PASSWORD, "cannot mix alphabets whose letters look alike");
    assertSignupRefused(mixed, PASSWORD, "cannot mix alphabets whose letters look alike");
    assertLoginFails(mixed, PASSWORD);
  }

  @Test
  void signupRefusesANameThatLooksLikeATakenOne() {
    long n = NAMES.incrementAndGet();
    signedUp("moon" + n);
    signedUp("ace" + n);
    // Two letters for one, digits for letters, and the same name in Cyrillic letters.
    for (String lookalike : List.of("rnoon" + n, "m00n" + n, "\u0430\u0441\u0435" + n)) {
      assertSignupRefused(lookalike, PASSWORD, "looks too much like one that is taken");
      assertLoginFails(lookalike, PASSWORD);
    }
    assertSignupRefused("adrnin", PASSWORD, "looks too much like one that is taken");
    // Case shapes: a small L for a capital I, a dotted capital I, a combining dot on the n.
    signedUp("admin" + n);
    for (String lookalike :
        List.of("ADMlN", "ADM\u0130N", "Admin\u0307", "ADMlN" + n, "Adm\u0130n" + n)) {
      assertSignupRefused(lookalike, PASSWORD, "looks too much like one that is taken");
      assertLoginFails(lookalike, PASSWORD);
    }
    // A Cyrillic name that looks like no taken one is a name like any other.
    String russian = "\u0434\u043c\u0438\u0442\u0440\u0438\u0439" + n;
    assertEquals(russian, who(signedUp(russian).get("chat/")));
  }

  @Test
  void signupRefusesCommonAndEasilyGuessedPasswords() {
    String username = unique("careless");
    assertSignupRefused(username, "Password123", "one of the most commonly used passwords");
    assertSignupRefused(username, "Summer2024!", "too easy to guess");
    assertLoginFails(username, "Password123");
    // Nothing was made: the name is still free for a good password.
    assertEquals(username, who(signedUp(username).get("chat/")));
  }

  @Test
  void aFullWidthNameIsKeptInItsPlainForm() {
    String plain = unique("wide");
    ChatHttp browser = new ChatHttp(base).signUp(fullWidth(plain), PASSWORD);
    assertEquals(plain, who(browser.get("chat/")));
    assertSignupRefused(plain, PASSWORD, "That username is taken.");
  }

  @Test
  void loginIgnoresCaseAndWidthAndUsesTheStoredName() throws Exception {
    String stored = unique("MixedCase");
    signedUp(stored);
    for (String typed :
        List.of(
            stored.toLowerCase(Locale.ROOT), stored.toUpperCase(Locale.ROOT), fullWidth(stored))) {
      ChatHttp browser = new ChatHttp(base).logIn(typed, PASSWORD);
      assertEquals(stored, who(browser.get("chat/")), typed);
      // The chat knows the user by the stored name too.
      try (ChatSocket socket = ChatSocket.open(browser, unique("named") + "/")) {
        assertEquals(
            List.of(stored),
            socket.await("presence").getJsonArray("users").getValuesAs(JsonString::getString));
        socket.say("hello");
        assertEquals(stored, socket.awaitMessage("hello").getString("username"));
      }
    }
    assertLoginFails(stored.toUpperCase(Locale.ROOT), "wrong-" + PASSWORD);
  }

  @Test
  void loggingInAsSomeoneElseReplacesTheFirstLogin() {
    String alice = unique("alice");
    String bob = unique("bob");
    signedUp(bob);
    ChatHttp browser = signedUp(alice);
    HttpResponse<String> wrong =
        browser.post("accounts/login/", ChatHttp.form("username", bob, "password", "nope-nope-1"));
    assertEquals(200, wrong.statusCode(), "a wrong password is refused even when logged in");
    assertTrue(wrong.body().contains("id=\"login-error\""));
    browser.logIn(bob, PASSWORD);
    assertEquals(bob, who(browser.get("chat/")));
  }

  @Test
  void logoutEndsTheSession() throws Exception {
    ChatHttp browser = signedUp(unique("leaver"));
    String oldCookie = browser.cookieHeader();
    // Two tabs: every socket of the login closes, not only the last one the container tracks.
    try (ChatSocket socket = ChatSocket.open(browser, unique("exit") + "/");
        ChatSocket secondTab = ChatSocket.open(browser, unique("exit") + "/")) {
      socket.await("presence");
      secondTab.await("presence");
      HttpResponse<String> out = browser.post("accounts/logout/", Map.of());
      assertRedirectsTo("/chat/", out);
      assertNull(who(browser.follow(out)));
      socket.awaitClose(); // the server closes the session's sockets
      secondTab.awaitClose();
    }
    assertRedirectsTo(loginWithNext("/chat/lobby/"), browser.get("chat/lobby/"));
    // The old session cookie is worth nothing now, whoever replays it.
    HttpResponse<String> replayed = replay(oldCookie, "chat/lobby/");
    assertRedirectsTo(loginWithNext("/chat/lobby/"), replayed);
  }

  private HttpResponse<String> replay(String cookie, String path)
      throws IOException, InterruptedException {
    return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
        .send(
            HttpRequest.newBuilder(base.resolve(path)).header("Cookie", cookie).GET().build(),
            HttpResponse.BodyHandlers.ofString());
  }

  // --- /accounts/me/ -------------------------------------------------------------------------

  @Test
  void accountPageListsTheUsersLoginsAndSignsOutEverywhere() throws Exception {
    assertRedirectsTo(loginWithNext("/accounts/me/"), anonymous().get("accounts/me/"));
    String username = unique("owner");
    ChatHttp here = signedUp(username);
    ChatHttp there = new ChatHttp(base).logIn(username, PASSWORD);
    signedUp(unique("other")); // another user's logins are not listed

    assertTrue(here.get("chat/").body().contains("href=\"/accounts/me/\" id=\"account-link\""));
    HttpResponse<String> page = here.get("accounts/me/");
    assertEquals(200, page.statusCode(), page::body);
    assertEquals("no-store", page.headers().firstValue("Cache-Control").orElse(""));
    assertEquals(
        username, one("id=\"account-name\">[^<]*<span class=\"who\">([^<]*)<", page.body()));
    List<String> rows =
        all(
            "(<tr data-login=\"[0-9a-f]{32}\" data-current=\"(?:true|false)\">.*?</tr>)",
            page.body());
    assertEquals(2, rows.size(), page::body);
    assertEquals(
        1, rows.stream().filter(r -> r.contains("data-current=\"true\"")).count(), "this browser");
    for (String row : rows) {
      assertTrue(row.contains("Java-http-client"), row);
      assertTrue(
          row.matches("(?s).*<time class=\"created local-time\"[^>]* datetime=\"[^\"]+\">.*"),
          row);
      assertTrue(row.contains("class=\"last-used local-time\""), row);
      assertTrue(row.contains("<form method=\"post\""), "each login can be ended: " + row);
    }
    PageForm password = PageForm.of(page, "password-form");
    assertEquals("/accounts/me/password", password.action());
    assertEquals(Set.of("current_password", "new_password", "new_password2"), password.typed());
    assertTrue(page.body().contains("id=\"recovery-policy\""), "the page says how to recover");

    try (ChatSocket socket = ChatSocket.open(there, unique("everywhere") + "/")) {
      socket.await("presence");
      HttpResponse<String> out =
          PageForm.of(page, "account-logout-everywhere-form").submit(here, Map.of());
      assertRedirectsTo("/chat/", out);
      socket.awaitClose();
    }
    assertNull(who(here.get("chat/")));
    assertNull(who(there.get("chat/")));
    assertRedirectsTo(loginWithNext("/accounts/me/"), there.get("accounts/me/"));
  }

  // --- private rooms and members --------------------------------------------------------------

  @Test
  void theNewRoomFormStartsPublicAndPrivateRoomsOwnedByTheirStarter() {
    String starter = unique("starter");
    ChatHttp browser = signedUp(starter);
    String form = element(browser.get("chat/").body(), "form", "new-room-form");
    assertTrue(form.contains("name=\"visibility\" value=\"private\""), form);
    assertTrue(form.contains("name=\"csrf_token\""), form);
    assertFalse(anonymous().get("chat/").body().contains("new-room-form"), "for logged-in users");
    for (String visibility : List.of("public", "private")) {
      String room = unique(visibility + "-start");
      assertSeeOther("/chat/" + room + "/", browser.newRoom(room, visibility));
      assertEquals(200, browser.get(roomPath(room)).statusCode());
      assertEquals(Map.of(starter, "owner"), browser.members(room));
      assertEquals(
          visibility,
          one(
              "data-room=\"" + room + "\" data-visibility=\"([a-z]+)\"",
              browser.get("chat/?q=" + room).body()));
    }
  }

  @Test
  void aTakenNameIsA409ThatSaysOnlyThatAndABadNameOrVisibilityA400() {
    ChatHttp holder = signedUp(unique("holder"));
    ChatHttp prober = signedUp(unique("prober"));
    String open = unique("taken-open");
    String closed = unique("taken-closed");
    assertSeeOther("/chat/" + open + "/", holder.newRoom(open, "public"));
    assertSeeOther("/chat/" + closed + "/", holder.newRoom(closed, "private"));
    Set<String> reasons = new HashSet<>();
    for (String room : List.of(open, closed)) {
      for (String visibility : List.of("public", "private")) {
        HttpResponse<String> taken = prober.newRoom(room, visibility);
        assertEquals(409, taken.statusCode(), taken::body);
        assertTrue(
            element(taken.body(), "form", "new-room-form").contains("value=\"" + room + "\""),
            "the form keeps the name");
        reasons.add(element(taken.body(), "p", "new-room-error").replace(room, "NAME"));
      }
    }
    assertEquals(1, reasons.size(), "one answer, public or private: " + reasons);
    assertTrue(reasons.iterator().next().contains("is taken"), reasons::toString);

    HttpResponse<String> badName = prober.newRoom("no spaces allowed", "public");
    assertEquals(400, badName.statusCode(), badName::body);
    assertTrue(element(badName.body(), "p", "new-room-error").contains("not a valid room name"));
    String unmade = unique("unmade");
    assertEquals(400, prober.newRoom(unmade, "secret").statusCode());
    assertEquals(List.of(), names(prober.get("chat/?q=" + unmade).body()), "nothing made");
    HttpResponse<String> anonymousPost = anonymous().newRoom(unmade, "public");
    assertEquals(302, anonymousPost.statusCode(), "visitors log in first");
    assertEquals(List.of(), names(prober.get("chat/?q=" + unmade).body()), "nothing made");
  }

  @Test
  void enteringAPublicRoomMakesTheVisitorAMemberAndANewNameMakesItsOwner() {
    String founder = unique("founder");
    String visitor = unique("visitor");
    ChatHttp founderBrowser = signedUp(founder);
    ChatHttp visitorBrowser = signedUp(visitor);
    String room = unique("entered");
    assertEquals(200, founderBrowser.get(roomPath(room)).statusCode());
    assertEquals(Map.of(founder, "owner"), founderBrowser.members(room));

    ChatHttp passerBy = signedUp(unique("passer"));
    assertEquals(403, passerBy.get(roomPath(room) + "members/").statusCode(), "members only");
    assertEquals(200, visitorBrowser.get(roomPath(room)).statusCode());
    assertEquals(Map.of(founder, "owner", visitor, "member"), visitorBrowser.members(room));
  }

  @Test
  void aPrivateRoomDoesNotExistForANonMemberOnAnyPath() throws Exception {
    String keeper = unique("keeper");
    ChatHttp member = signedUp(keeper);
    ChatHttp outsider = signedUp(unique("outsider"));
    String room = unique("hidden");
    assertSeeOther("/chat/" + room + "/", member.newRoom(room, "private"));
    try (ChatSocket socket = ChatSocket.open(member, room + "/")) {
      socket.await("presence");
      say(socket, "for members only");
    }
    String missing = unique("missing");
    String notFound = withoutTokens(outsider.get(roomPath(missing) + "nothing/").body());

    // Never listed, searched or paged to, for the outsider or a visitor.
    for (ChatHttp reader : List.of(outsider, anonymous())) {
      for (String list : List.of("chat/", "chat/?page=2", "chat/?q=" + room)) {
        String html = reader.get(list).body();
        assertFalse(html.contains("data-room=\"" + room + "\""), list);
        assertFalse(html.contains("href=\"/chat/" + room + "/"), list);
      }
      String older = link(reader.get("chat/").body(), "older-rooms");
      while (older != null) {
        String page = follow(reader, older).body();
        assertFalse(names(page).contains(room), older);
        older = link(page, "older-rooms");
      }
    }
    // Every request under the room is the 404 of a room that does not exist.
    for (String path : List.of(roomPath(room), roomPath(room) + "members/")) {
      HttpResponse<String> page = outsider.get(path);
      assertEquals(404, page.statusCode(), path);
      assertEquals(notFound, withoutTokens(page.body()), path);
    }
    HttpResponse<String> addSelf = outsider.changeMember(room, "add", keeper);
    assertEquals(404, addSelf.statusCode(), addSelf::body);
    HttpResponse<String> entered = outsider.get("chat/?room=" + room);
    assertEquals(404, outsider.follow(entered).statusCode(), "entering the name");
    assertEquals(409, outsider.newRoom(room, "public").statusCode(), "the name is taken");
    assertEquals(Map.of(keeper, "owner"), member.members(room), "nothing changed");

    // Its member lists and finds it, marked private, and reads it.
    String mine = member.get("chat/?q=" + room).body();
    assertEquals(List.of(room), names(mine));
    assertTrue(mine.contains("class=\"badge private\""), mine);
    assertTrue(member.get(roomPath(room)).body().contains("for members only"));

    // Admins see it on the dashboard and manage its members, but read it only as members.
    ChatHttp admin = admin();
    assertTrue(dashboard(admin).rooms().containsKey(room), "on the dashboard");
    assertEquals(404, admin.get(roomPath(room)).statusCode());
    assertEquals(Map.of(keeper, "owner"), admin.members(room));
    assertSeeOther("/chat/" + room + "/members/", admin.changeMember(room, "add", ADMIN));
    assertEquals(200, admin.get(roomPath(room)).statusCode(), "a member now");
  }

  @Test
  void membersAreAddedRemovedPromotedAndDemotedWithTheRightsOfTheContract() throws Exception {
    String ownerName = unique("owner");
    String bobName = unique("bob");
    String carolName = unique("carol");
    String daveName = unique("dave");
    String frankName = unique("frank");
    ChatHttp owner = signedUp(ownerName);
    ChatHttp bob = signedUp(bobName);
    ChatHttp carol = signedUp(carolName);
    signedUp(daveName);
    signedUp(frankName);
    ChatHttp admin = admin();
    assertEquals(303, admin.post("admin/users/" + daveName + "/disable", Map.of()).statusCode());
    String room = unique("managed");
    String membersPage = "/chat/" + room + "/members/";
    assertSeeOther("/chat/" + room + "/", owner.newRoom(room, "private"));

    assertSeeOther(membersPage, owner.changeMember(room, "add", bobName.toUpperCase(Locale.ROOT)));
    assertEquals(Map.of(ownerName, "owner", bobName, "member"), bob.members(room));
    // A plain member: 403 whatever the target, known or not.
    for (String action : List.of("add", "promote", "demote")) {
      for (String target : List.of(carolName, "nobody-" + unique("x"), ownerName)) {
        HttpResponse<String> refused = bob.changeMember(room, action, target);
        assertEquals(403, refused.statusCode(), action + " " + target);
      }
    }
    assertEquals(403, bob.changeMember(room, "remove", "nobody-" + unique("x")).statusCode());
    assertEquals(403, bob.changeMember(room, "remove", ownerName).statusCode());

    assertSeeOther(membersPage, owner.changeMember(room, "promote", bobName));
    // A moderator adds and removes members, but promotes nobody and removes no owner.
    assertSeeOther(membersPage, bob.changeMember(room, "add", carolName));
    assertEquals(403, bob.changeMember(room, "promote", carolName).statusCode());
    assertEquals(403, bob.changeMember(room, "remove", ownerName).statusCode());
    // Nobody removes or demotes the owner, an admin or the owner itself included.
    assertEquals(403, admin.changeMember(room, "demote", ownerName).statusCode());
    assertEquals(403, admin.changeMember(room, "remove", ownerName).statusCode());
    assertEquals(403, owner.changeMember(room, "remove", ownerName).statusCode());
    // Unknown and disabled users are 404, and so is a role change for a non-member.
    HttpResponse<String> unknown = owner.changeMember(room, "add", "nobody-" + unique("x"));
    assertEquals(404, unknown.statusCode());
    assertTrue(element(unknown.body(), "p", "members-error").contains("There is no user named"));
    assertEquals(404, owner.changeMember(room, "add", daveName).statusCode());
    assertEquals(404, owner.changeMember(room, "promote", frankName).statusCode());
    assertEquals(400, owner.changeMember(room, "crown", bobName).statusCode());
    // A post without the form's token changes nothing.
    assertEquals(
        403,
        owner
            .postAsIs(
                roomPath(room) + "members/",
                ChatHttp.form("username", frankName, "action", "add"),
                "Origin",
                owner.origin())
            .statusCode());
    assertEquals(
        Map.of(ownerName, "owner", bobName, "moderator", carolName, "member"),
        owner.members(room));

    // Any member may leave; the room is then gone for it.
    HttpResponse<String> left = carol.changeMember(room, "remove", carolName);
    assertSeeOther("/chat/", left);
    assertEquals(404, carol.get(roomPath(room)).statusCode());
    assertEquals(404, carol.get(roomPath(room) + "members/").statusCode());
    assertSeeOther(membersPage, owner.changeMember(room, "demote", bobName));
    assertSeeOther(membersPage, admin.changeMember(room, "remove", bobName));
    assertEquals(Map.of(ownerName, "owner"), owner.members(room));
    assertEquals(404, bob.get(roomPath(room)).statusCode());
  }

  @Test
  void theMembersPageSpeaksKoreanKeepsItsFormsTokensAndRunsNoInlineScript() {
    ChatHttp owner = signedUp(unique("owner"));
    String guest = unique("guest");
    signedUp(guest);
    String room = unique("멤버방");
    assertSeeOther("/" + roomPath(room), owner.newRoom(room, "private"));
    assertSeeOther("/" + roomPath(room) + "members/", owner.changeMember(room, "add", guest));
    HttpResponse<String> page =
        owner.getWith(roomPath(room) + "members/", "Accept-Language", "ko");
    assertEquals(200, page.statusCode(), page::body);
    String html = page.body();
    assertTrue(html.contains("lang=\"ko\""), html);
    assertTrue(element(html, "h1", "members-heading").contains(room + " 멤버"), html);
    assertTrue(html.contains("방장") && html.contains("멤버 추가") && html.contains("운영자로 지정"));
    assertEquals(
        all("(<form )", html).size(),
        all("(name=\"csrf_token\" value=\"[^\"]+\")", html).size(),
        "every form carries the token");
    String policy = page.headers().firstValue("Content-Security-Policy").orElseThrow();
    assertTrue(policy.contains("script-src 'self'") && !policy.contains("unsafe-inline"), policy);
    assertEquals(List.of(), all("(<script(?![^>]*\\bsrc=)[^>]*>)", html), "no inline script");
    assertFalse(Pattern.compile("\\son[a-z]+=").matcher(html).find(), "no event handlers");
  }

  // --- moderation ----------------------------------------------------------------------------

  @Test
  void muteAndBanFollowTheContractsRightsAndTheMembersPageShowsThemAndTheLog() throws Exception {
    String ownerName = unique("owner");
    String modName = unique("mod");
    String otherModName = unique("mod");
    String memberName = unique("member");
    String disabledName = unique("gone");
    ChatHttp owner = signedUp(ownerName);
    ChatHttp mod = signedUp(modName);
    signedUp(otherModName);
    ChatHttp member = signedUp(memberName);
    signedUp(disabledName);
    ChatHttp outsider = signedUp(unique("outsider"));
    ChatHttp admin = admin();
    assertEquals(
        303, admin.post("admin/users/" + disabledName + "/disable", Map.of()).statusCode());
    String room = unique("moderated");
    String membersPage = "/chat/" + room + "/members/";
    assertSeeOther("/chat/" + room + "/", owner.newRoom(room, "private"));
    for (String name : List.of(modName, otherModName, memberName)) {
      assertSeeOther(membersPage, owner.changeMember(room, "add", name));
    }
    assertSeeOther(membersPage, owner.changeMember(room, "promote", modName));
    assertSeeOther(membersPage, owner.changeMember(room, "promote", otherModName));

    // A plain member: 403 whatever the target, known or not; an outsider finds no room.
    for (String target : List.of(ownerName, otherModName, "nobody-" + unique("x"), memberName)) {
      assertEquals(403, member.moderate(room, "mute", target, null).statusCode(), target);
      assertEquals(404, outsider.moderate(room, "ban", target, null).statusCode(), target);
    }
    // The owner, an admin or oneself: 409; a moderator on a moderator: 403.
    assertEquals(409, mod.moderate(room, "mute", ownerName, null).statusCode());
    assertEquals(409, owner.moderate(room, "ban", ownerName, null).statusCode());
    assertEquals(409, mod.moderate(room, "ban", modName, 10).statusCode());
    assertEquals(409, owner.moderate(room, "mute", ADMIN, null).statusCode());
    HttpResponse<String> onModerator = mod.moderate(room, "ban", otherModName, null);
    assertEquals(403, onModerator.statusCode());
    assertTrue(element(onModerator.body(), "p", "members-error").contains(otherModName));
    // Unknown and disabled users: 404; a bad action or length: 400.
    assertEquals(404, mod.moderate(room, "mute", "nobody-" + unique("x"), null).statusCode());
    assertEquals(404, mod.moderate(room, "mute", disabledName, null).statusCode());
    assertEquals(400, mod.moderate(room, "silence", memberName, null).statusCode());
    for (int minutes : new int[] {0, -1, 525_601}) {
      assertEquals(400, mod.moderate(room, "mute", memberName, minutes).statusCode());
    }
    // A post without the form's token changes nothing.
    assertEquals(
        403,
        mod.postAsIs(
                roomPath(room) + "moderation/",
                ChatHttp.form("username", memberName, "action", "ban"),
                "Origin",
                mod.origin())
            .statusCode());
    assertEquals(200, member.get(roomPath(room)).statusCode(), "nothing changed");

    assertSeeOther(membersPage, mod.moderate(room, "mute", memberName, 525_600));
    assertSeeOther(membersPage, owner.moderate(room, "ban", otherModName, null));
    assertSeeOther(membersPage, admin.moderate(room, "mute", modName, null));
    HttpResponse<String> page = owner.get(roomPath(room) + "members/");
    String html = page.body();
    assertTrue(
        html.contains("data-username=\"" + memberName + "\" data-kind=\"mute\" data-until=\"20"),
        html);
    assertTrue(html.contains("data-username=\"" + otherModName + "\" data-kind=\"ban\">"), html);
    assertFalse(owner.members(room).containsKey(otherModName), "a ban ends the membership");
    List<String> log = all("<tr class=\"moderation-entry\" (data-action=\"[a-z_]+\")", html);
    assertEquals(
        List.of(
            "data-action=\"mute\"",
            "data-action=\"ban\"",
            "data-action=\"mute\"",
            "data-action=\"promote\"",
            "data-action=\"promote\""),
        log,
        "newest first");
    assertEquals(
        all("(<form )", html).size(),
        all("(name=\"csrf_token\" value=\"[^\"]+\")", html).size(),
        "every form carries the token");
    assertEquals(List.of(), all("(<script(?![^>]*\\bsrc=)[^>]*>)", html), "no inline script");
    assertFalse(Pattern.compile("\\son[a-z]+=").matcher(html).find(), "no event handlers");
    // A plain member sees no moderation; the banned moderator finds no room.
    assertFalse(member.get(roomPath(room) + "members/").body().contains("moderation-form"));
    ChatHttp bannedModerator = new ChatHttp(base).logIn(otherModName, PASSWORD);
    assertEquals(404, bannedModerator.get(roomPath(room)).statusCode());
    assertEquals(404, bannedModerator.get(roomPath(room) + "members/").statusCode());

    HttpResponse<String> korean =
        owner.getWith(roomPath(room) + "members/", "Accept-Language", "ko");
    assertTrue(korean.body().contains("발언 금지") && korean.body().contains("관리 기록"));

    assertSeeOther(membersPage, owner.moderate(room, "unmute", memberName, null));
    assertSeeOther(membersPage, owner.moderate(room, "unban", otherModName, null));
    String lifted = owner.get(roomPath(room) + "members/").body();
    assertFalse(lifted.contains("data-username=\"" + memberName + "\" data-kind="), lifted);
    assertFalse(lifted.contains("data-username=\"" + otherModName + "\" data-kind="), lifted);
    assertTrue(lifted.contains("data-username=\"" + modName + "\" data-kind=\"mute\">"), lifted);
    assertEquals(404, bannedModerator.get(roomPath(room)).statusCode(), "no longer a member");
  }

  @Test
  void anAdminDeletesARoomWithEverythingOfItAndTheDashboardListsOwnersAndMembers()
      throws Exception {
    String ownerName = unique("owner");
    ChatHttp owner = signedUp(ownerName);
    String guestName = unique("guest");
    signedUp(guestName);
    String room = unique("doomed");
    assertSeeOther("/chat/" + room + "/", owner.newRoom(room, "private"));
    assertSeeOther("/chat/" + room + "/members/", owner.changeMember(room, "add", guestName));
    assertSeeOther("/chat/" + room + "/members/", owner.moderate(room, "mute", guestName, 5));
    ChatHttp admin = admin();
    String dashboardHtml = admin.get("admin/").body();
    assertTrue(
        dashboardHtml.contains(
            "data-room=\""
                + room
                + "\" data-owner=\""
                + ownerName
                + "\" data-members=\"2\" data-visibility=\"private\""),
        dashboardHtml);
    assertEquals(403, owner.deleteRoom(room).statusCode(), "admins only");
    assertEquals(
        403,
        admin
            .postAsIs("admin/rooms/" + room + "/delete", Map.of(), "Origin", admin.origin())
            .statusCode(),
        "not without the form's token");
    assertEquals(200, owner.get(roomPath(room)).statusCode());

    try (ChatSocket socket = ChatSocket.open(owner, room + "/")) {
      socket.await("presence");
      socket.say("a secret that goes with the room");
      socket.awaitMessage("a secret that goes with the room");
      assertSeeOther("/admin/", admin.deleteRoom(room));
      socket.assertClosedWith(4003);
    }
    assertEquals(404, admin.deleteRoom(room).statusCode(), "gone");
    assertEquals(404, owner.get(roomPath(room) + "members/").statusCode());
    String after = admin.get("admin/").body();
    assertFalse(after.contains("data-room=\"" + room + "\" data-owner"), "not listed");
    assertTrue(
        after.contains(
            "data-action=\"delete_room\" data-actor=\""
                + ADMIN
                + "\" data-target=\""
                + room
                + "\""),
        after);
    assertFalse(after.contains("a secret that goes with the room"), "no message text in the log");
    // The name is free: entering it starts a new, empty public room of the one who entered.
    HttpResponse<String> anew = owner.get(roomPath(room));
    assertEquals(200, anew.statusCode());
    assertFalse(anew.body().contains("a secret that goes with the room"));
    assertEquals(Map.of(ownerName, "owner"), owner.members(room));
  }

  // --- /dm/{username}/ ----------------------------------------------------------------------

  /** New conversations one user may start in an hour: chat.dm.new-per-hour in arquillian.xml. */
  private static final int NEW_CONVERSATIONS_PER_HOUR = 3;

  private static String jsonScript(String html, String id) {
    return one("<script id=\"" + id + "\" type=\"application/json\">(.*?)</script>", html);
  }

  /** The ids of the messages in the page's #chat-log, in page order. */
  private static List<String> messageIds(String html) {
    return all("data-message-id=\"(\\d+)\"", chatLogSection(html));
  }

  /** The users of the conversations /chat/ lists, in page order. */
  private static List<String> conversations(String html) {
    return all("<li class=\"dm-entry\" data-user=\"([^\"]*)\"", html);
  }

  @Test
  void aConversationPageIsTheRoomPageNamedByTheOtherUserAndBothSeeTheSameMessages()
      throws Exception {
    String aliceName = unique("dm-alice");
    String bobName = unique("dm-bob");
    ChatHttp alice = signedUp(aliceName);
    ChatHttp bob = signedUp(bobName);
    HttpResponse<String> page = alice.get(ChatHttp.conversationPath(bobName));
    assertEquals(200, page.statusCode(), page::body);
    String html = page.body();
    for (String id :
        List.of(
            "chat-log",
            "chat-message-input",
            "chat-message-submit",
            "typing-indicator",
            "online-users")) {
      assertTrue(html.contains("id=\"" + id + "\""), "#" + id + " in\n" + html);
    }
    assertEquals(Json.createValue(bobName), jsonValue(jsonScript(html, "room-name")));
    assertEquals(Json.createValue(aliceName), jsonValue(jsonScript(html, "user-name")));
    assertEquals(
        Json.createValue("/ws/dm/" + bobName + "/"), jsonValue(jsonScript(html, "socket-path")));
    assertTrue(element(html, "h1", "conversation-heading").contains(bobName), html);
    assertFalse(html.contains("id=\"members-link\""), "a conversation has no members page");
    assertTrue(PageForm.exists(page, "block-form"), "the block form");

    try (ChatSocket aliceSide = ChatSocket.openConversation(alice, bobName + "/")) {
      aliceSide.await("presence");
      say(aliceSide, "first words");
      say(aliceSide, "<b>not bold</b>");
    }
    String aliceSees = alice.get(ChatHttp.conversationPath(bobName)).body();
    String bobSees = bob.get(ChatHttp.conversationPath(aliceName)).body();
    assertEquals(List.of("first words", "&lt;b&gt;not bold&lt;/b&gt;"), chatLog(aliceSees));
    assertEquals(chatLog(aliceSees), chatLog(bobSees));
    assertEquals(messageIds(aliceSees), messageIds(bobSees), "the same message ids");
    assertEquals(2, messageIds(bobSees).size());

    // The page's address ends with a slash, and a visitor logs in first and comes back.
    assertRedirectsTo("/dm/" + bobName + "/", alice.get("dm/" + bobName));
    assertRedirectsTo(
        loginWithNext("/dm/" + bobName + "/"), anonymous().get(ChatHttp.conversationPath(bobName)));
  }

  @Test
  void aConversationWithAnUnknownOrDisabledUserOrNoUserIsNotFound() {
    String askerName = unique("dm-asker");
    ChatHttp asker = signedUp(askerName);
    String leaving = unique("dm-leaving");
    signedUp(leaving);
    String notFound = withoutTokens(asker.get("chat/no!such-room/").body());
    for (String path :
        List.of(
            ChatHttp.conversationPath(unique("nobody")),
            "dm/",
            "dm/" + leaving + "/x/",
            "dm/" + "x".repeat(601) + "/")) {
      HttpResponse<String> page = asker.get(path);
      assertEquals(404, page.statusCode(), path);
      assertEquals(notFound, withoutTokens(page.body()), path);
    }
    ChatHttp admin = admin();
    assertEquals(303, admin.post("admin/users/" + leaving + "/disable", Map.of()).statusCode());
    try {
      assertEquals(404, asker.get(ChatHttp.conversationPath(leaving)).statusCode());
      assertEquals(404, asker.block(leaving).statusCode(), "nobody to block");
    } finally {
      assertEquals(303, admin.post("admin/users/" + leaving + "/enable", Map.of()).statusCode());
    }
    assertEquals(200, asker.get(ChatHttp.conversationPath(leaving)).statusCode());
  }

  @Test
  void theRoomListsMessageFormLeadsToTheConversationWithTheTypedName() {
    String aliceName = unique("dm-former");
    ChatHttp alice = signedUp(aliceName);
    String korean = unique("박서준");
    signedUp(korean);
    String list = alice.get("chat/").body();
    String form =
        one("(<form method=\"get\" action=\"/dm/\"[^>]*id=\"dm-form\">.*?</form>)", list);
    assertTrue(form.contains("name=\"to\""), form);
    String encoded = URLEncoder.encode(korean, StandardCharsets.UTF_8);
    assertRedirectsTo("/dm/" + encoded + "/", alice.get("dm/?to=%20" + encoded + "%20"));
    assertEquals(200, alice.get("dm/" + encoded + "/").statusCode());
    // An unknown name leads to the conversation page's 404; no name at all is the 404 of /dm/.
    assertRedirectsTo("/dm/no-one-" + encoded + "/", alice.get("dm/?to=no-one-" + encoded));
    for (String blank : List.of("dm/?to=", "dm/?to=%20", "dm/?to=" + "x".repeat(601))) {
      assertEquals(404, alice.get(blank).statusCode(), blank);
    }
  }

  @Test
  void aKoreanNameTravelsPercentEncodedAsUtf8() throws Exception {
    ChatHttp alice = signedUp(unique("dm-hangul"));
    String korean = unique("김민지");
    signedUp(korean);
    String encoded = URLEncoder.encode(korean, StandardCharsets.UTF_8);
    HttpResponse<String> page = alice.get("dm/" + encoded + "/");
    assertEquals(200, page.statusCode(), page::body);
    assertEquals(Json.createValue(korean), jsonValue(jsonScript(page.body(), "room-name")));
    assertEquals(
        Json.createValue("/ws/dm/" + encoded + "/"),
        jsonValue(jsonScript(page.body(), "socket-path")));
    String list = alice.get("chat/").body();
    assertEquals(List.of(korean), conversations(list));
    assertTrue(list.contains("href=\"/dm/" + encoded + "/\""), list);
  }

  @Test
  void chatListsTheReadersConversationsAndNoRoomListSearchOrDashboardShowsThem()
      throws Exception {
    String aliceName = unique("dm-lister");
    String bobName = unique("dm-listed");
    ChatHttp alice = signedUp(aliceName);
    ChatHttp bob = signedUp(bobName);
    ChatHttp carol = signedUp(unique("dm-outsider"));
    assertTrue(carol.get("chat/").body().contains("id=\"no-conversations\""));
    assertEquals(200, alice.get(ChatHttp.conversationPath(aliceName)).statusCode(), "notepad");
    try (ChatSocket socket = ChatSocket.openConversation(alice, bobName + "/")) {
      socket.await("presence");
      say(socket, "hello");
    }

    String alicesList = alice.get("chat/").body();
    assertEquals(List.of(bobName, aliceName), conversations(alicesList), "newest activity first");
    assertTrue(alicesList.contains("href=\"/dm/" + bobName + "/\""), alicesList);
    assertEquals(List.of(aliceName), conversations(bob.get("chat/").body()));
    String carolsList = carol.get("chat/").body();
    assertEquals(List.of(), conversations(carolsList));
    assertTrue(carolsList.contains("id=\"no-conversations\""), carolsList);
    assertEquals(List.of(), conversations(anonymous().get("chat/").body()));

    // No room list, search or dashboard shows a conversation, whoever asks.
    ChatHttp admin = admin();
    for (ChatHttp reader : List.of(alice, carol, anonymous(), admin)) {
      for (String list : List.of("chat/", "chat/?q=" + bobName, "chat/?q=%40", "chat/?q=-")) {
        List<String> names = names(reader.get(list).body());
        assertFalse(names.stream().anyMatch(n -> n.startsWith("@")), list + ": " + names);
      }
    }
    assertFalse(
        dashboard(admin).rooms().keySet().stream().anyMatch(n -> n.startsWith("@")),
        "no conversation on the dashboard");

    // No room path reaches a conversation, whatever ids it names.
    for (ChatHttp reader : List.of(alice, carol, admin)) {
      for (String name : List.of("%401-2", "@1-2", "%4050-100", "%40%40")) {
        for (String path : List.of("chat/" + name + "/", "chat/" + name + "/members/")) {
          assertEquals(404, reader.get(path).statusCode(), path);
        }
        HttpResponse<String> change =
            reader.postAsIs(
                "chat/" + name + "/members/",
                ChatHttp.form(
                    "username", aliceName, "action", "add", ChatHttp.CSRF_FIELD, reader.csrfToken()),
                "Origin",
                reader.origin());
        assertTrue(
            change.statusCode() == 404 || change.statusCode() == 405,
            "members form of " + name + ": " + change.statusCode());
      }
    }
  }

  @Test
  void blockAndUnblockAnswer303BackToTheConversationPageWhichSaysSo() {
    String aliceName = unique("dm-blocked");
    String bobName = unique("dm-blocker");
    signedUp(aliceName);
    ChatHttp bob = signedUp(bobName);
    HttpResponse<String> page = bob.get(ChatHttp.conversationPath(aliceName));
    assertTrue(page.body().contains("id=\"block-user\""), page::body);
    assertFalse(page.body().contains("id=\"blocking-note\""));

    assertSeeOther("/dm/" + aliceName + "/", PageForm.of(page, "block-form").submit(bob, Map.of()));
    HttpResponse<String> blocking = bob.get(ChatHttp.conversationPath(aliceName));
    assertTrue(blocking.body().contains("id=\"unblock-user\""), blocking::body);
    assertTrue(element(blocking.body(), "p", "blocking-note").contains(aliceName));
    // Blocking again changes nothing; a closing slash is accepted.
    assertSeeOther("/dm/" + aliceName + "/", bob.post("dm/" + aliceName + "/block/", Map.of()));

    assertSeeOther(
        "/dm/" + aliceName + "/", PageForm.of(blocking, "block-form").submit(bob, Map.of()));
    assertTrue(bob.get(ChatHttp.conversationPath(aliceName)).body().contains("id=\"block-user\""));
    assertSeeOther("/dm/" + aliceName + "/", bob.post("dm/" + aliceName + "/unblock/", Map.of()));

    assertEquals(404, bob.block(unique("nobody")).statusCode());
    assertEquals(409, bob.block(bobName).statusCode(), "nobody blocks themselves");
    assertFalse(
        PageForm.exists(bob.get(ChatHttp.conversationPath(bobName)), "block-form"),
        "the notepad has no block form");
    assertEquals(405, bob.get("dm/" + aliceName + "/block").statusCode());
    HttpResponse<String> visitor = anonymous().post("dm/" + aliceName + "/block", Map.of());
    assertEquals(302, visitor.statusCode(), "a visitor logs in first");
  }

  @Test
  void newConversationPagesPastTheLimitAre429AndStartNothingButExistingOnesOpen() {
    String starterName = unique("dm-starter");
    ChatHttp starter = signedUp(starterName);
    List<String> others = new ArrayList<>();
    for (int i = 0; i <= NEW_CONVERSATIONS_PER_HOUR; i++) {
      String other = unique("dm-other");
      signedUp(other);
      others.add(other);
    }
    for (int i = 0; i < NEW_CONVERSATIONS_PER_HOUR; i++) {
      assertEquals(200, starter.get(ChatHttp.conversationPath(others.get(i))).statusCode());
    }
    String last = others.get(NEW_CONVERSATIONS_PER_HOUR);
    HttpResponse<String> refused = starter.get(ChatHttp.conversationPath(last));
    assertEquals(429, refused.statusCode(), refused::body);
    long retryAfter = Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow());
    assertTrue(retryAfter > 0 && retryAfter <= 3601, "Retry-After " + retryAfter);
    assertTrue(
        element(refused.body(), "h1", "too-many-conversations")
            .contains("Too many new conversations"));
    assertFalse(conversations(starter.get("chat/").body()).contains(last), "nothing started");

    assertEquals(200, starter.get(ChatHttp.conversationPath(others.get(0))).statusCode());
    ChatHttp lastUser = new ChatHttp(base).logIn(last, PASSWORD);
    assertEquals(200, lastUser.get(ChatHttp.conversationPath(starterName)).statusCode());
    assertEquals(200, starter.get(ChatHttp.conversationPath(last)).statusCode(), "theirs opens");
  }

  @Test
  void roomAndMembersPagesLinkToAConversationWithEveryOtherUser() throws Exception {
    String ownerName = unique("dm-owner");
    String guestName = unique("dm-guest");
    ChatHttp owner = signedUp(ownerName);
    ChatHttp guest = signedUp(guestName);
    String room = unique("linked");
    assertSeeOther("/chat/" + room + "/", owner.newRoom(room, "private"));
    owner.changeMember(room, "add", guestName);
    try (ChatSocket ownerSocket = ChatSocket.open(owner, room + "/");
        ChatSocket guestSocket = ChatSocket.open(guest, room + "/")) {
      ownerSocket.await("presence");
      guestSocket.await("presence");
      String online =
          eventually(
              () -> element(owner.get(roomPath(room)).body(), "ul", "online-users"),
              list -> list.contains(guestName),
              guestName + " listed as online");
      assertEquals(List.of("/dm/" + guestName + "/"), all("class=\"dm-link\" href=\"([^\"]*)\"", online));
    }
    String members = owner.get(roomPath(room) + "members/").body();
    assertEquals(
        List.of("/dm/" + guestName + "/"),
        all("class=\"dm-link\" href=\"([^\"]*)\"", members),
        "beside every member but oneself");
  }

  // --- /admin/ -------------------------------------------------------------------------------

  @Test
  void adminPageSendsAnonymousVisitorsToLoginAndBack() {
    ChatHttp browser = anonymous();
    assertRedirectsTo(loginWithNext("/admin/"), browser.get("admin/"));
    assertRedirectsTo(loginWithNext("/admin/metrics.json"), browser.get("admin/metrics.json"));
    HttpResponse<String> loggedIn =
        browser.post(
            "accounts/login/",
            ChatHttp.form("username", ADMIN, "password", ADMIN_PASSWORD, "next", "/admin/"));
    assertRedirectsTo("/admin/", loggedIn);
    HttpResponse<String> page = browser.follow(loggedIn);
    assertEquals(200, page.statusCode());
    assertTrue(page.body().contains("id=\"open-connections\""), page.body());
  }

  @Test
  void adminPageIsForbiddenToOtherUsers() {
    ChatHttp user = signedUp(unique("curious"));
    assertEquals(403, user.get("admin/").statusCode());
    assertEquals(403, user.get("admin/metrics.json").statusCode());
    assertFalse(user.get("chat/").body().contains("id=\"admin-link\""), "no admin link for users");
    assertTrue(admin().get("chat/").body().contains("id=\"admin-link\""));
  }

  @Test
  void adminDashboardCountsRoomsMessagesAndConnections() throws Exception {
    ChatHttp admin = admin();
    ChatHttp alice = signedUp(unique("counted"));
    String busy = unique("busy");
    String calm = unique("calm");
    Dashboard before = dashboard(admin);
    assertFalse(before.rooms().containsKey(busy));

    try (ChatSocket inBusy = ChatSocket.open(alice, busy + "/")) {
      inBusy.await("presence");
      say(inBusy, "first");
      say(inBusy, "second");
      try (ChatSocket inCalm = ChatSocket.open(alice, calm + "/")) {
        inCalm.await("presence");
        say(inCalm, "only");
        Dashboard both =
            eventually(() -> dashboard(admin), d -> d.openConnections() == 2, "two open sockets");
        assertEquals(before.totalRooms() + 2, both.totalRooms());
        assertEquals(before.totalMessages() + 3, both.totalMessages());
      }
      Dashboard held =
          eventually(
              () -> dashboard(admin),
              d -> d.openConnections() == 1 && d.rooms().get(calm)[1] == 0,
              "one open socket, nobody in " + calm);
      assertEquals(
          Math.min(held.totalRooms(), PAGE_SIZE), held.rooms().size(), "the first page is full");
      assertEquals(2, held.rooms().get(busy)[0], "messages in " + busy);
      assertEquals(1, held.rooms().get(busy)[1], "active users in " + busy);
      assertEquals(1, held.rooms().get(calm)[0], "messages in " + calm);
      assertEquals(
          List.of(calm, busy),
          held.rooms().keySet().stream().filter(r -> r.equals(busy) || r.equals(calm)).toList(),
          "newest activity first");

      JsonObject live = json(admin.get("admin/metrics.json").body());
      assertEquals(1, live.getJsonNumber("websocket_connections").longValueExact());
      assertEquals(held.totalRooms(), live.getJsonNumber("total_rooms").longValueExact());
      assertEquals(held.totalMessages(), live.getJsonNumber("total_messages").longValueExact());
      JsonObject busyRow =
          live.getJsonArray("rooms").getValuesAs(JsonObject.class).stream()
              .filter(r -> r.getString("name").equals(busy))
              .findFirst()
              .orElseThrow();
      assertEquals(2, busyRow.getInt("message_count"));
      assertEquals(1, busyRow.getInt("active_users"));
    }
    Dashboard after =
        eventually(() -> dashboard(admin), d -> d.openConnections() == 0, "no open sockets");
    assertTrue(after.averageSeconds() > 0, "closed connections lasted some time: " + after);
    assertEquals(0, after.rooms().get(busy)[1], "nobody left in " + busy);
  }

  @Test
  void adminMetricsJsonIsJsonAndNeverCached() {
    HttpResponse<String> response = admin().get("admin/metrics.json");
    assertEquals(200, response.statusCode());
    assertTrue(
        response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"),
        () -> response.uri() + " " + response.headers().map() + "\n" + response.body());
    assertEquals("no-store", response.headers().firstValue("Cache-Control").orElse(""));
    JsonObject metrics = json(response.body());
    for (String key :
        List.of(
            "websocket_connections",
            "avg_connection_duration",
            "total_rooms",
            "total_messages",
            "rooms")) {
      assertTrue(metrics.containsKey(key), key + " in " + metrics);
    }
    ChatHttp admin = admin();
    assertEquals(404, admin.get("admin/nothing-here").statusCode());
    assertRedirectsTo("/admin/", admin.get("admin"));
    assertTrue(
        admin.get("admin/").body().contains("/static/admin.js"), "the page keeps itself live");
  }

  /** The audit log's rows about one account, newest first: action, admin. */
  private static List<String> auditOf(ChatHttp admin, String target) {
    HttpResponse<String> page = admin.get("admin/");
    assertEquals(200, page.statusCode(), page::body);
    List<String> entries = new ArrayList<>();
    for (String row : all("(<tr class=\"audit-entry\".*?</tr>)", page.body())) {
      if (one("<td class=\"target\">([^<]*)<", row).equals(target)) {
        entries.add(
            one("data-action=\"([^\"]*)\"", row)
                + " by "
                + one("<td class=\"actor\">([^<]*)<", row));
      }
    }
    return entries;
  }

  @Test
  void adminDisablesEnablesAndLogsOutAccountsWithTheDashboardFormsAndEachIsAudited()
      throws Exception {
    String target = unique("managed");
    ChatHttp user = signedUp(target);
    ChatHttp admin = admin();
    String card = "admin/?account=" + target;

    HttpResponse<String> missing = admin.get("admin/?account=" + unique("nobody"));
    assertTrue(missing.body().contains("id=\"no-such-account\""), missing::body);
    HttpResponse<String> own = admin.get("admin/?account=" + ADMIN);
    assertTrue(own.body().contains("id=\"account-self\""), "no forms on the admin's own account");
    assertFalse(PageForm.exists(own, "account-disable"));

    HttpResponse<String> shown = admin.get("admin/?account=" + target.toUpperCase(Locale.ROOT));
    assertEquals(target, one("data-account=\"([^\"]*)\"", shown.body()), "found as names compare");
    assertEquals("true", one("data-enabled=\"([^\"]*)\"", shown.body()));
    assertFalse(PageForm.exists(shown, "account-enable"));
    String room = unique("managed-room") + "/";
    try (ChatSocket socket = ChatSocket.open(user, room)) {
      socket.await("presence");
      HttpResponse<String> disabled = PageForm.of(shown, "account-disable").submit(admin, Map.of());
      assertEquals(303, disabled.statusCode(), disabled::body);
      assertEquals(
          "/admin/?account=" + target, disabled.headers().firstValue("Location").orElseThrow());
      socket.assertClosedWith(4003);
    }
    assertNull(who(user.get("chat/")), "the disabled account's session ended");
    HttpResponse<String> disabledCard = admin.get(card);
    assertEquals("false", one("data-enabled=\"([^\"]*)\"", disabledCard.body()));
    assertLoginFails(target, PASSWORD);

    assertEquals(
        303, PageForm.of(disabledCard, "account-enable").submit(admin, Map.of()).statusCode());
    user.logIn(target, PASSWORD);
    try (ChatSocket socket = ChatSocket.open(user, room)) {
      socket.await("presence");
      HttpResponse<String> loggedOut =
          PageForm.of(admin.get(card), "account-logout").submit(admin, Map.of());
      assertEquals(303, loggedOut.statusCode(), loggedOut::body);
      socket.awaitClose();
    }
    assertNull(who(user.get("chat/")), "every login of the account ended");
    user.logIn(target, PASSWORD); // and the account may log in again

    assertEquals(
        List.of("logout by " + ADMIN, "enable by " + ADMIN, "disable by " + ADMIN),
        auditOf(admin, target),
        "newest first");
    String newest = one("(<tr class=\"audit-entry\".*?</tr>)", admin.get("admin/").body());
    assertTrue(newest.contains("datetime=\""), "each entry says when: " + newest);
  }
}
