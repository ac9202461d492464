package org.roomchat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.roomchat.support.ChatHttp;
import org.roomchat.support.ChatSocket;
import org.roomchat.support.DeployedWar;
import org.roomchat.support.ServerKind;
import org.roomchat.support.StalledReader;

/**
 * Every WebSocket row of the contract, against the real WAR on a real Payara Micro, driven by a
 * real WebSocket client carrying the session cookie of a real login.
 */
class ChatSocketIT extends DeployedWar {

  private static final String PASSWORD = "correct-horse-7";
  private static final AtomicInteger NAMES = new AtomicInteger();
  private static final Logger LOG = Logger.getLogger(ChatSocketIT.class.getName());

  /** A new account, logged in, in a browser of its own. */
  private ChatHttp user(String prefix) {
    String name = prefix + NAMES.incrementAndGet();
    return new ChatHttp(base).signUp(name, PASSWORD);
  }

  private static String name(ChatHttp user) {
    return user.get("chat/").body().replaceAll("(?s).*<span class=\"who\">([^<]*)</span>.*", "$1");
  }

  private static String room(String prefix) {
    return prefix + NAMES.incrementAndGet() + "/";
  }

  private static boolean isType(JsonObject frame, String type) {
    return type.equals(frame.getString("type", null));
  }

  private static boolean isUserEvent(JsonObject frame, String type, String user) {
    return isType(frame, type) && user.equals(frame.getString("username", null));
  }

  // --- handshake -----------------------------------------------------------------------------

  @Test
  void anonymousHandshakeIsRefused() {
    int status = ChatSocket.refusedStatus(base, "lobby/", null, null);
    assertTrue(status == 401 || status == 403, "status " + status);
  }

  @Test
  void handshakeFromAnotherSiteIsRefused() {
    ChatHttp alice = user("origin");
    assertEquals(
        403,
        ChatSocket.refusedStatus(base, "lobby/", alice.cookieHeader(), "http://evil.example"));
  }

  @Test
  void handshakeWithoutOriginIsAccepted() throws Exception {
    ChatHttp alice = user("script");
    try (ChatSocket socket = ChatSocket.open(base, room("scripted"), alice.cookieHeader(), null)) {
      socket.await("presence");
    }
  }

  @Test
  void invalidRoomNameIsRefused() {
    ChatHttp alice = user("badroom");
    int status =
        ChatSocket.refusedStatus(
            base, "no!such-room/", alice.cookieHeader(), "http://" + base.getAuthority());
    assertEquals(404, status);
  }

  @Test
  void unicodeRoomNamesAreRooms() throws Exception {
    ChatHttp alice = user("hangul");
    // Hangul; and the longest name of letters beyond the BMP, two UTF-16 units each.
    String bold = URLEncoder.encode("\ud835\udc00", StandardCharsets.UTF_8);
    for (String encodedRoom : List.of("%ED%95%9C%EA%B5%AD%EC%96%B4", bold.repeat(100))) {
      assertAMessageGoesRound(alice, "/ws/chat/" + encodedRoom + "/");
    }
  }

  /** Sends a message on the socket at this path (percent-encoded) and waits for it to come back. */
  private void assertAMessageGoesRound(ChatHttp alice, String path) throws Exception {
    // The Tyrus client cannot write a non-ASCII path, so this one uses the JDK's client.
    LinkedBlockingQueue<String> frames = new LinkedBlockingQueue<>();
    WebSocket socket =
        HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
            .newWebSocketBuilder()
            .header("Cookie", alice.cookieHeader())
            .buildAsync(
                URI.create("ws://" + base.getAuthority() + path),
                new WebSocket.Listener() {
                  private final StringBuilder text = new StringBuilder();

                  @Override
                  public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                    text.append(data);
                    if (last) {
                      frames.add(text.toString());
                      text.setLength(0);
                    }
                    ws.request(1);
                    return null;
                  }
                })
            .get(15, TimeUnit.SECONDS);
    try {
      assertTrue(poll(frames).contains("\"presence\""));
      socket.sendText("{\"type\":\"message\",\"message\":\"안녕하세요\"}", true).get(15, TimeUnit.SECONDS);
      String frame;
      do {
        frame = poll(frames);
      } while (!frame.contains("\"type\":\"message\""));
      assertTrue(frame.contains("\"message\":\"안녕하세요\""), frame);
    } finally {
      socket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(15, TimeUnit.SECONDS);
    }
  }

  private static String poll(LinkedBlockingQueue<String> frames) throws InterruptedException {
    String frame = frames.poll(15, TimeUnit.SECONDS);
    assertNotNull(frame, "no frame within 15 s");
    return frame;
  }

  // --- join, presence, leave -----------------------------------------------------------------

  @Test
  void joinerGetsPresenceAndItsOwnJoin() throws Exception {
    ChatHttp alice = user("alice");
    String me = name(alice);
    try (ChatSocket socket = ChatSocket.open(alice, room("join"))) {
      JsonObject presence = socket.await("presence");
      assertEquals(List.of(me), presence.getJsonArray("users").getValuesAs(JsonString::getString));
      socket.await(f -> isUserEvent(f, "user_join", me), "own user_join");
    }
  }

  @Test
  void roomHearsJoinAndLeaveAndPresenceListsEveryone() throws Exception {
    ChatHttp alice = user("alice");
    ChatHttp bob = user("bob");
    String room = room("joinleave");
    try (ChatSocket aliceSocket = ChatSocket.open(alice, room)) {
      aliceSocket.await("presence");
      ChatSocket bobSocket = ChatSocket.open(bob, room);
      JsonObject presence = bobSocket.await("presence");
      List<String> users = presence.getJsonArray("users").getValuesAs(JsonString::getString);
      assertEquals(List.of(name(alice), name(bob)).stream().sorted().toList(), users);
      aliceSocket.await(f -> isUserEvent(f, "user_join", name(bob)), "bob's user_join");
      bobSocket.close();
      aliceSocket.await(f -> isUserEvent(f, "user_leave", name(bob)), "bob's user_leave");
    }
  }

  @Test
  void twoTabsOfOneUserAreOneUserToTheRoom() throws Exception {
    ChatHttp alice = user("alice");
    ChatHttp bob = user("bob");
    String me = name(alice);
    String room = room("tabs");
    try (ChatSocket watcher = ChatSocket.open(bob, room)) {
      watcher.await("presence");
      ChatSocket first = ChatSocket.open(alice, room);
      watcher.await(f -> isUserEvent(f, "user_join", me), "alice's user_join");
      first.await("presence");
      ChatSocket second = ChatSocket.open(alice, room);
      JsonObject presence = second.await("presence");
      assertEquals(1, presence.getJsonArray("users").getValuesAs(JsonString::getString).stream()
          .filter(me::equals).count());
      second.await(f -> isUserEvent(f, "user_join", me), "the second tab's own user_join");
      second.close();
      second.awaitClose();
      first.say("still here");
      watcher.awaitMessage("still here");
      long joins = watcher.seen().stream().filter(f -> isUserEvent(f, "user_join", me)).count();
      long leaves = watcher.seen().stream().filter(f -> isUserEvent(f, "user_leave", me)).count();
      assertEquals(1, joins, "one join for two tabs: " + watcher.seen());
      assertEquals(0, leaves, "closing one of two tabs is no leave: " + watcher.seen());
      first.close();
      watcher.await(f -> isUserEvent(f, "user_leave", me), "alice's leave with her last tab");
    }
  }

  // --- messages ------------------------------------------------------------------------------

  @Test
  void messageIsStoredThenSentToEveryoneWithIdAndTimestamp() throws Exception {
    ChatHttp alice = user("alice");
    ChatHttp bob = user("bob");
    String room = room("talk");
    try (ChatSocket aliceSocket = ChatSocket.open(alice, room);
        ChatSocket bobSocket = ChatSocket.open(bob, room)) {
      aliceSocket.await("presence");
      bobSocket.await("presence");
      aliceSocket.send("{\"type\":\"message\",\"message\":\"Hello World!\"}");
      JsonObject own = aliceSocket.awaitMessage("Hello World!");
      JsonObject other = bobSocket.awaitMessage("Hello World!");
      assertEquals(own, other);
      assertEquals(name(alice), own.getString("username"));
      long id = own.getJsonNumber("message_id").longValueExact();
      assertTrue(id > 0);
      OffsetDateTime time = OffsetDateTime.parse(own.getString("timestamp"));
      assertNotNull(time.getOffset());

      // Stored: a client reconnecting from just before it gets it back.
      try (ChatSocket later = ChatSocket.open(bob, room.replace("/", "/?after=" + (id - 1)))) {
        assertEquals(own, later.await("message"));
      }
    }
  }

  @Test
  void messageWithoutTypeIsAMessageAndTheSenderIsThePrincipal() throws Exception {
    ChatHttp alice = user("alice");
    try (ChatSocket socket = ChatSocket.open(alice, room("notype"))) {
      socket.await("presence");
      socket.send("{\"message\":\"no type here\",\"username\":\"mallory\"}");
      assertEquals(name(alice), socket.awaitMessage("no type here").getString("username"));
    }
  }

  @Test
  void blankMessageIsIgnoredSilently() throws Exception {
    ChatHttp alice = user("alice");
    try (ChatSocket socket = ChatSocket.open(alice, room("blank"))) {
      socket.await("presence");
      socket.say("   ");
      socket.say("after blank");
      socket.awaitMessage("after blank");
      assertFalse(
          socket.seen().stream().anyMatch(f -> isType(f, "error") || isType(f, "message")
              && !"after blank".equals(f.getString("message"))),
          "blank message produced a frame: " + socket.seen());
    }
  }

  @Test
  void messageTextIsSentAsTyped() throws Exception {
    ChatHttp alice = user("alice");
    String html = "<img src=x onerror=alert(1)> & \"quotes\"";
    try (ChatSocket socket = ChatSocket.open(alice, room("astyped"))) {
      socket.await("presence");
      socket.say(html);
      assertEquals(html, socket.awaitMessage(html).getString("message"));
    }
  }

  // --- typing --------------------------------------------------------------------------------

  @Test
  void typingReachesOthersButNeverTheTypersOwnConnections() throws Exception {
    ChatHttp alice = user("alice");
    ChatHttp bob = user("bob");
    String me = name(alice);
    String room = room("typing");
    try (ChatSocket typer = ChatSocket.open(alice, room);
        ChatSocket typersOtherTab = ChatSocket.open(alice, room);
        ChatSocket reader = ChatSocket.open(bob, room)) {
      typer.await("presence");
      typersOtherTab.await("presence");
      reader.await("presence");
      typer.typing(true);
      JsonObject typing = reader.await("typing");
      assertEquals(me, typing.getString("username"));
      assertTrue(typing.getBoolean("is_typing"));
      typer.typing(false);
      assertFalse(reader.await("typing").getBoolean("is_typing"));
      // Frames of a room reach a connection in order: the marker comes after any typing frame.
      typer.say("marker");
      typer.awaitMessage("marker");
      typersOtherTab.awaitMessage("marker");
      assertFalse(typer.seen().stream().anyMatch(f -> isType(f, "typing")), typer.seen().toString());
      assertFalse(
          typersOtherTab.seen().stream().anyMatch(f -> isType(f, "typing")),
          typersOtherTab.seen().toString());
    }
  }

  // --- slow receivers ------------------------------------------------------------------------

  @Test
  void aClientThatStopsReadingIsDroppedAndTheRoomCarriesOn() throws Exception {
    // Messages are the only traffic a client can make the room carry in bulk (typing frames
    // reach the room only when they change): many talkers, each within the rate limit, send the
    // largest messages (1000 code points of four UTF-8 bytes each) until the reader that never
    // reads has filled the socket's buffers, the runtime's and then its bounded queue.
    int talkers = 20;
    String largest = "\uD83D\uDE00".repeat(990);
    ChatHttp bob = user("stalled");
    ChatHttp carol = user("watcher");
    String stalledName = name(bob);
    String room = room("stall");
    List<ChatSocket> talking = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(talkers);
    AtomicBoolean done = new AtomicBoolean();
    try (ChatSocket watcher = ChatSocket.open(carol, room)) {
      watcher.await("presence");
      for (int i = 0; i < talkers; i++) {
        ChatSocket talker = ChatSocket.open(user("talker"), room);
        talker.await("presence");
        talker.discardMessages(true);
        talking.add(talker);
      }
      watcher.discardMessages(true);
      try (StalledReader stalled = StalledReader.open(base, room, bob.cookieHeader())) {
        watcher.await(f -> isUserEvent(f, "user_join", stalledName), "the stalled reader's join");
        AtomicInteger sent = new AtomicInteger();
        List<Future<?>> sending = new ArrayList<>();
        for (ChatSocket talker : talking) {
          sending.add(pool.submit(() -> {
            for (int i = 0; !done.get() && i < 2_000; i++) {
              talker.say(largest + " " + i);
              sent.incrementAndGet();
              TimeUnit.MILLISECONDS.sleep(250); // 4 a second: within the rate limit
            }
            return null;
          }));
        }
        watcher.await(
            f -> isUserEvent(f, "user_leave", stalledName),
            "the stalled reader's leave",
            Duration.ofMinutes(3));
        done.set(true);
        for (Future<?> f : sending) {
          f.get(30, TimeUnit.SECONDS);
        }
        // The server lets go of the connection too: once read, what it had buffered ends in
        // the end of the stream, not in a connection held open (a read timeout fails the test).
        long buffered = stalled.readUntilClosed(Duration.ofSeconds(20));
        assertTrue(buffered > 0);
        LOG.info(
            "stalled reader dropped after " + sent.get() + " messages; it had " + buffered
                + " bytes buffered");
      }
      watcher.discardMessages(false);
      talking.get(0).discardMessages(false);
      talking.get(0).say("still here");
      watcher.awaitMessage("still here");
    } finally {
      done.set(true);
      pool.shutdownNow();
      talking.forEach(ChatSocket::close);
    }
  }

  // --- catching up ---------------------------------------------------------------------------

  @Test
  void reconnectWithAfterReplaysMissedMessagesOnceAndBeforeLiveTraffic() throws Exception {
    ChatHttp alice = user("alice");
    ChatHttp bob = user("bob");
    String room = room("catchup");
    try (ChatSocket sender = ChatSocket.open(alice, room)) {
      sender.await("presence");
      List<Long> ids = new ArrayList<>();
      for (String text : List.of("one", "two", "three")) {
        sender.say(text);
        ids.add(sender.awaitMessage(text).getJsonNumber("message_id").longValueExact());
      }
      try (ChatSocket late = ChatSocket.open(bob, room.replace("/", "/?after=" + ids.get(0)))) {
        JsonObject two = late.await("message");
        JsonObject three = late.await("message");
        assertEquals(List.of("two", "three"), List.of(two.getString("message"), three.getString("message")));
        assertEquals(ids.subList(1, 3), List.of(
            two.getJsonNumber("message_id").longValueExact(),
            three.getJsonNumber("message_id").longValueExact()));
        assertEquals(List.of("message", "message"),
            late.seen().stream().map(f -> f.getString("type")).toList(), "replay comes first");
        assertFalse(two.containsKey("truncated") && two.getBoolean("truncated"));
        sender.say("four");
        late.awaitMessage("four");
        long copies = late.seen().stream().filter(f -> isType(f, "message")).count();
        assertEquals(3, copies, "no message twice: " + late.seen());
      }
    }
  }

  @Test
  void catchUpSendsAtMostTheNewest500AndMarksTheCut() throws Exception {
    String room = room("flood");
    int senders = 26;
    int each = 20; // 520 messages, paced inside everyone's rate limit
    List<ChatHttp> users = new ArrayList<>();
    for (int i = 0; i < senders; i++) {
      users.add(user("flood"));
    }
    ChatHttp reader = user("reader");
    long before;
    try (ChatSocket probe = ChatSocket.open(reader, room)) {
      probe.await("presence");
      probe.say("start");
      before = probe.awaitMessage("start").getJsonNumber("message_id").longValueExact();
    }
    ExecutorService pool = Executors.newFixedThreadPool(senders);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (ChatHttp user : users) {
        done.add(pool.submit(() -> {
          try (ChatSocket socket = ChatSocket.open(user, room)) {
            socket.await("presence");
            for (int i = 0; i < each; i++) {
              socket.say("flood " + i);
              socket.awaitMessage("flood " + i);
              TimeUnit.MILLISECONDS.sleep(210); // the pace the rate limit allows, not a wait
            }
          }
          return null;
        }));
      }
      for (Future<?> f : done) {
        f.get(120, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    try (ChatSocket late = ChatSocket.open(reader, room.replace("/", "/?after=" + before))) {
      List<JsonObject> replay = new ArrayList<>();
      for (int i = 0; i < 500; i++) {
        replay.add(late.await("message"));
      }
      JsonObject next = late.await(f -> !isType(f, "user_join") || true, "frame after replay");
      assertFalse(isType(next, "message"), "more than 500 replayed: " + next);
      assertTrue(replay.get(0).getBoolean("truncated", false), "first replayed is marked");
      assertFalse(replay.stream().skip(1).anyMatch(f -> f.containsKey("truncated")));
      for (int i = 1; i < replay.size(); i++) {
        assertTrue(replay.get(i - 1).getJsonNumber("message_id").longValueExact()
            < replay.get(i).getJsonNumber("message_id").longValueExact(), "oldest first");
      }
    }
  }

  // --- bad input -----------------------------------------------------------------------------

  private void assertRejected(String frame, String code) throws Exception {
    ChatHttp alice = user("bad");
    ChatHttp bob = user("witness");
    String room = room("bad");
    try (ChatSocket socket = ChatSocket.open(alice, room);
        ChatSocket witness = ChatSocket.open(bob, room)) {
      socket.await("presence");
      witness.await("presence");
      socket.send(frame);
      JsonObject error = socket.await("error");
      assertEquals(code, error.getString("code"), error.toString());
      assertFalse(error.getString("message").isBlank());
      // Still open, and nothing of the bad frame reached the room.
      socket.say("good after bad");
      witness.awaitMessage("good after bad");
      assertFalse(
          witness.seen().stream().anyMatch(f -> isType(f, "message") && !"good after bad".equals(f.getString("message"))),
          "a rejected frame was broadcast: " + witness.seen());
      assertFalse(witness.seen().stream().anyMatch(f -> isType(f, "error")));
      // Nor was it stored: the room's whole history, replayed, starts with the good message.
      try (ChatSocket history = ChatSocket.open(bob, room.replace("/", "/?after=0"))) {
        assertEquals("good after bad", history.await("message").getString("message"));
      }
    }
  }

  @Test
  void textThatIsNotJsonGetsAnError() throws Exception {
    assertRejected("this is not json", "invalid_json");
  }

  @Test
  void jsonThatIsNotAnObjectGetsAnError() throws Exception {
    assertRejected("[\"message\", \"hi\"]", "invalid_frame");
  }

  @Test
  void unknownTypeGetsAnError() throws Exception {
    assertRejected("{\"type\":\"dance\",\"message\":\"hi\"}", "unknown_type");
  }

  @Test
  void messageThatIsNotAStringGetsAnError() throws Exception {
    assertRejected("{\"type\":\"message\",\"message\":42}", "invalid_message");
  }

  @Test
  void messageOver1000CharactersGetsAnError() throws Exception {
    assertRejected("{\"type\":\"message\",\"message\":\"" + "a".repeat(1001) + "\"}", "too_long");
  }

  @Test
  void messageOf1000CharactersIsAccepted() throws Exception {
    ChatHttp alice = user("long");
    String text = "가".repeat(1000);
    try (ChatSocket socket = ChatSocket.open(alice, room("long"))) {
      socket.await("presence");
      socket.say(text);
      socket.awaitMessage(text);
    }
  }

  @Test
  void messageWithANulCharacterGetsAnError() throws Exception {
    assertRejected("{\"type\":\"message\",\"message\":\"before\\u0000after\"}", "invalid_text");
  }

  @Test
  void messageWithOtherControlCharactersGetsAnError() throws Exception {
    assertRejected("{\"type\":\"message\",\"message\":\"clear \\u001b[2J screen\"}", "invalid_text");
  }

  @Test
  void messageWithALoneSurrogateGetsAnError() throws Exception {
    // Only JSON's escapes can carry half a surrogate pair: UTF-8 on the wire cannot.
    assertRejected("{\"type\":\"message\",\"message\":\"half a pair \\ud83d here\"}", "invalid_text");
  }

  @Test
  void messageWithNewlinesAndTabsIsAccepted() throws Exception {
    ChatHttp alice = user("lines");
    String text = "line one\n\tline two";
    try (ChatSocket socket = ChatSocket.open(alice, room("lines"))) {
      socket.await("presence");
      socket.say(text);
      assertEquals(text, socket.awaitMessage(text).getString("message"));
    }
  }

  @Test
  void bannedWordGetsAnError() throws Exception {
    assertRejected("{\"type\":\"message\",\"message\":\"Buy SPAM now\"}", "banned_word");
  }

  @Test
  void moreThanFiveMessagesASecondAcrossConnectionsGetsAnError() throws Exception {
    ChatHttp alice = user("fast");
    ChatHttp bob = user("witness");
    String room = room("fast");
    try (ChatSocket first = ChatSocket.open(alice, room);
        ChatSocket second = ChatSocket.open(alice, room);
        ChatSocket witness = ChatSocket.open(bob, room)) {
      first.await("presence");
      second.await("presence");
      witness.await("presence");
      // Three from one tab, then three from the other, inside one second: the sixth is refused.
      for (int i = 0; i < 3; i++) {
        first.say("burst a" + i);
      }
      for (int i = 0; i < 3; i++) {
        first.awaitMessage("burst a" + i);
      }
      for (int i = 0; i < 3; i++) {
        second.say("burst b" + i);
      }
      assertEquals("rate_limited", second.await("error").getString("code"));
      // Once the window has passed the user may talk again; that message follows any stored one.
      JsonObject answer;
      do {
        TimeUnit.MILLISECONDS.sleep(100); // polling pace while the window runs out
        second.say("marker");
        answer = second.await(f -> isType(f, "error") || "marker".equals(f.getString("message", null)), "marker or error");
      } while (isType(answer, "error"));
      witness.awaitMessage("marker");
      List<String> broadcast = witness.seen().stream().filter(f -> isType(f, "message"))
          .map(f -> f.getString("message")).toList();
      assertEquals(List.of("burst a0", "burst a1", "burst a2", "burst b0", "burst b1", "marker"), broadcast);
    }
  }

  @Test
  void binaryFrameClosesWith1003() throws Exception {
    ChatHttp alice = user("binary");
    try (ChatSocket socket = ChatSocket.open(alice, room("binary"))) {
      socket.await("presence");
      socket.sendBinary(new byte[] {1, 2, 3});
      socket.assertClosedWith(1003);
    }
  }

  @Test
  void frameOver64KibClosesWith1009() throws Exception {
    ChatHttp alice = user("huge");
    try (ChatSocket socket = ChatSocket.open(alice, room("huge"))) {
      socket.await("presence");
      socket.say("x".repeat(65 * 1024));
      socket.assertClosedWith(1009);
    }
    // Counted in bytes: 22,000 Hangul syllables are 66,000 bytes in fewer than 65,536 chars.
    try (ChatSocket socket = ChatSocket.open(alice, room("huge"))) {
      socket.await("presence");
      socket.say("한".repeat(22_000));
      socket.assertClosedWith(1009);
    }
  }

  @Test
  void invalidAfterGetsAnErrorAndTheConnectionWorks() throws Exception {
    ChatHttp alice = user("after");
    try (ChatSocket socket = ChatSocket.open(alice, room("after").replace("/", "/?after=abc"))) {
      assertEquals("invalid_after", socket.await("error").getString("code"));
      socket.say("works");
      socket.awaitMessage("works");
    }
  }

  @Test
  void loggingOutEndsTheSocketsAccess() throws Exception {
    ChatHttp alice = user("logout");
    String cookie = alice.cookieHeader();
    alice.post("accounts/logout/", Map.of());
    int status = ChatSocket.refusedStatus(base, "lobby/", cookie, "http://" + base.getAuthority());
    assertTrue(status == 401 || status == 403, "status " + status);
  }

  @Test
  void aDisabledAccountIsClosedWith4003AndMayNotEnterAgain() throws Exception {
    ChatHttp bob = user("banned");
    String bobName = name(bob);
    String room = room("moderated");
    try (ChatSocket socket = ChatSocket.open(bob, room)) {
      socket.await("presence");
      ChatHttp admin = new ChatHttp(base).logIn("admin", "quiet-harbor-42");
      HttpResponse<String> disabled = admin.post("admin/users/" + bobName + "/disable", Map.of());
      assertEquals(303, disabled.statusCode(), disabled.body());
      socket.assertClosedWith(4003);
      // His session ended with the account: its cookie opens nothing now.
      int status =
          ChatSocket.refusedStatus(base, room, bob.cookieHeader(), "http://" + base.getAuthority());
      assertTrue(status == 401 || status == 403, "status " + status);
      HttpResponse<String> login =
          new ChatHttp(base).post("accounts/login/", ChatHttp.form("username", bobName, "password", PASSWORD));
      assertEquals(200, login.statusCode(), "a disabled account cannot log in");
      int selfEnable = bob.post("admin/users/" + bobName + "/enable", Map.of()).statusCode();
      assertTrue(selfEnable == 302 || selfEnable == 403, "bob cannot enable himself: " + selfEnable);
      assertEquals(303, admin.post("admin/users/" + bobName + "/enable", Map.of()).statusCode());
      bob.logIn(bobName, PASSWORD);
      try (ChatSocket welcomeBack = ChatSocket.open(bob, room)) {
        welcomeBack.await("presence");
      }
    }
  }

  // --- private rooms and members -------------------------------------------------------------

  /** A private room the owner starts through the "new room" form: its name, without a slash. */
  private static String privateRoom(ChatHttp owner, String prefix) {
    String room = prefix + NAMES.incrementAndGet();
    assertEquals(303, owner.newRoom(room, "private").statusCode());
    return room;
  }

  @Test
  void aNonMembersSocketToAPrivateRoomClosesWith4003BeforeAnyFrameAndTheRoomHearsNothing()
      throws Exception {
    ChatHttp keeper = user("keeper");
    ChatHttp outsider = user("outsider");
    String outsiderName = name(outsider);
    String room = privateRoom(keeper, "private");
    try (ChatSocket member = ChatSocket.open(keeper, room + "/")) {
      member.await("presence");
      member.say("members only");
      member.awaitMessage("members only");
      for (String path : List.of(room + "/", room + "/?after=0")) {
        try (ChatSocket refused = ChatSocket.open(outsider, path)) {
          assertNull(refused.firstFrameOrClose(), "no frame on " + path);
          refused.assertClosedWith(4003);
        }
      }
      member.say("after them");
      member.awaitMessage("after them");
      assertFalse(
          member.seen().stream().anyMatch(f -> outsiderName.equals(f.getString("username", null))),
          "nothing of the outsider reached the room: " + member.seen());
    }
  }

  @Test
  void membersHearAddsAndRemovalsAndARemovedMembersSocketsThereCloseWith4003() throws Exception {
    ChatHttp owner = user("owner");
    ChatHttp guest = user("guest");
    String guestName = name(guest);
    String room = privateRoom(owner, "members");
    String elsewhere = room("elsewhere");
    try (ChatSocket ownerSocket = ChatSocket.open(owner, room + "/")) {
      ownerSocket.await("presence");
      assertEquals(303, owner.changeMember(room, "add", guestName).statusCode());
      ownerSocket.await(f -> isUserEvent(f, "member_added", guestName), "the guest's addition");
      try (ChatSocket firstTab = ChatSocket.open(guest, room + "/");
          ChatSocket secondTab = ChatSocket.open(guest, room + "/");
          ChatSocket otherRoom = ChatSocket.open(guest, elsewhere)) {
        firstTab.await("presence");
        secondTab.await("presence");
        otherRoom.await("presence");
        ownerSocket.await(f -> isUserEvent(f, "user_join", guestName), "the guest's join");

        assertEquals(303, owner.changeMember(room, "remove", guestName).statusCode());
        ownerSocket.await(f -> isUserEvent(f, "member_removed", guestName), "the removal");
        firstTab.assertClosedWith(4003);
        secondTab.assertClosedWith(4003);
        ownerSocket.await(f -> isUserEvent(f, "user_leave", guestName), "the guest's leave");
        otherRoom.say("still elsewhere");
        otherRoom.awaitMessage("still elsewhere");
      }
      try (ChatSocket again = ChatSocket.open(guest, room + "/")) {
        assertNull(again.firstFrameOrClose(), "no frame after the removal");
        again.assertClosedWith(4003);
      }
    }
  }

  // --- moderation ----------------------------------------------------------------------------

  @Test
  void aMutedUserReadsTheRoomButIsRefusedWithMutedAndTypesToNobodyUntilUnmuted() throws Exception {
    ChatHttp owner = user("owner");
    ChatHttp talker = user("talker");
    String talkerName = name(talker);
    String room = room("muting");
    String roomName = room.substring(0, room.length() - 1);
    try (ChatSocket ownerSocket = ChatSocket.open(owner, room)) {
      ownerSocket.await("presence");
      try (ChatSocket talkerSocket = ChatSocket.open(talker, room)) {
        talkerSocket.await("presence");
        assertEquals(303, owner.moderate(roomName, "mute", talkerName, 30).statusCode());

        talkerSocket.say("let me speak");
        JsonObject error = talkerSocket.await("error");
        assertEquals("muted", error.getString("code"));
        talkerSocket.typing(true);
        // A socket's frames are handled in order: once this is refused, the typing was dropped.
        talkerSocket.say("still muted?");
        assertEquals("muted", talkerSocket.await("error").getString("code"));
        ownerSocket.say("you are muted");
        talkerSocket.awaitMessage("you are muted");
        ownerSocket.awaitMessage("you are muted");
        assertFalse(
            ownerSocket.seen().stream()
                .anyMatch(
                    f ->
                        isType(f, "typing") || "let me speak".equals(f.getString("message", null))),
            "nothing of the muted user reached the room: " + ownerSocket.seen());
        assertTrue(talkerSocket.isOpen(), "a mute closes nothing");

        assertEquals(303, owner.moderate(roomName, "unmute", talkerName, null).statusCode());
        talkerSocket.say("free again");
        ownerSocket.awaitMessage("free again");
      }
    }
  }

  @Test
  void aTimedBanClosesThePublicRoomsSocketsWith4003RefusesHandshakeCatchUpAndPageThenEnds()
      throws Exception {
    ChatHttp owner = user("owner");
    ChatHttp visitor = user("visitor");
    String visitorName = name(visitor);
    String room = room("banning");
    String roomName = room.substring(0, room.length() - 1);
    try (ChatSocket ownerSocket = ChatSocket.open(owner, room);
        ChatSocket visitorSocket = ChatSocket.open(visitor, room)) {
      ownerSocket.await("presence");
      visitorSocket.await("presence");
      assertEquals(303, owner.moderate(roomName, "ban", visitorName, 1).statusCode());
      visitorSocket.assertClosedWith(4003);
      ownerSocket.await(f -> isUserEvent(f, "member_removed", visitorName), "the removal");
    }
    for (String path : List.of(room, room + "?after=0")) {
      try (ChatSocket refused = ChatSocket.open(visitor, path)) {
        assertNull(refused.firstFrameOrClose(), "no frame on " + path);
        refused.assertClosedWith(4003);
      }
    }
    assertEquals(404, visitor.get("chat/" + room).statusCode());
    assertEquals(404, visitor.get("chat/" + room + "members/").statusCode());

    // The ban was for a minute: it ends by itself, with nothing lifting it.
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    int status = visitor.get("chat/" + room).statusCode();
    while (status == 404 && System.nanoTime() < deadline) {
      TimeUnit.MILLISECONDS.sleep(500); // polling pace until the minute is over
      status = visitor.get("chat/" + room).statusCode();
    }
    assertEquals(200, status, "the page opens once the ban is over");
    try (ChatSocket back = ChatSocket.open(visitor, room)) {
      back.await("presence");
    }
  }

  @Test
  void enteringAPublicRoomMakesAMemberOnceAndItsMembersHearOfIt() throws Exception {
    ChatHttp host = user("host");
    ChatHttp newcomer = user("newcomer");
    String newcomerName = name(newcomer);
    String room = room("public");
    try (ChatSocket hostSocket = ChatSocket.open(host, room)) {
      hostSocket.await("presence");
      try (ChatSocket first = ChatSocket.open(newcomer, room)) {
        first.await("presence");
        hostSocket.await(f -> isUserEvent(f, "member_added", newcomerName), "a new member");
        hostSocket.await(f -> isUserEvent(f, "user_join", newcomerName), "then the join");
      }
      try (ChatSocket again = ChatSocket.open(newcomer, room)) {
        again.await("presence");
        again.say("back");
        hostSocket.awaitMessage("back");
      }
      assertEquals(
          1,
          hostSocket.seen().stream()
              .filter(f -> isUserEvent(f, "member_added", newcomerName))
              .count(),
          "a member once: " + hostSocket.seen());
    }
  }

  // --- direct messages -----------------------------------------------------------------------

  /** New conversations one user may start in an hour: chat.dm.new-per-hour in arquillian.xml. */
  private static final int NEW_CONVERSATIONS_PER_HOUR = 3;

  /** The path of a conversation's socket with this user, after {@code /ws/dm/}. */
  private static String peer(String username) {
    return URLEncoder.encode(username, StandardCharsets.UTF_8) + "/";
  }

  private static long id(JsonObject message) {
    return message.getJsonNumber("message_id").longValueExact();
  }

  private static boolean isMessage(JsonObject frame, String text) {
    return isType(frame, "message") && text.equals(frame.getString("message", null));
  }

  @Test
  void twoUsersTalkInAConversationSeeingTheSameIdsAndCatchUpWithAfter() throws Exception {
    ChatHttp alice = user("dm-alice");
    ChatHttp bob = user("dm-bob");
    String aliceName = name(alice);
    String bobName = name(bob);
    long first;
    long second;
    try (ChatSocket aliceSide = ChatSocket.openConversation(alice, peer(bobName));
        // Names are compared as usernames are: any case finds the same user.
        ChatSocket bobSide =
            ChatSocket.openConversation(bob, peer(aliceName.toUpperCase(Locale.ROOT)))) {
      JsonObject alicesPresence = aliceSide.await("presence");
      bobSide.await("presence");
      // Both sockets open at once: bob is either in alice's presence list or joins after it.
      List<String> online = alicesPresence.getJsonArray("users").getValuesAs(JsonString::getString);
      if (!online.contains(bobName)) {
        aliceSide.await(f -> isUserEvent(f, "user_join", bobName), "bob's join");
      }

      aliceSide.say("hello bob");
      JsonObject sent = aliceSide.awaitMessage("hello bob");
      assertEquals(sent, bobSide.awaitMessage("hello bob"), "one stored message, one frame");
      assertEquals(aliceName, sent.getString("username"));
      assertEquals(1, sent.getJsonNumber("seq").longValueExact(), "a sequence of its own");
      first = id(sent);

      bobSide.say("hello alice");
      second = id(aliceSide.awaitMessage("hello alice"));
      assertEquals(second, id(bobSide.awaitMessage("hello alice")));
      assertTrue(second > first);

      bobSide.typing(true);
      aliceSide.await(f -> isUserEvent(f, "typing", bobName), "bob typing");
    }
    // Either side catches up on what came after an id it saw, before any live frame.
    try (ChatSocket late = ChatSocket.openConversation(alice, peer(bobName) + "?after=" + first)) {
      JsonObject replayed = late.await("message");
      assertEquals("hello alice", replayed.getString("message"));
      assertEquals(second, id(replayed));
      late.await("presence");
      assertEquals(1, late.seen().stream().filter(f -> isType(f, "message")).count());
    }
    try (ChatSocket late = ChatSocket.openConversation(bob, peer(aliceName) + "?after=0")) {
      assertEquals(first, id(late.await("message")));
      assertEquals(second, id(late.await("message")));
    }
  }

  @Test
  void aUserWithAKoreanNameIsTalkedToThroughItsNamePercentEncodedAsUtf8() throws Exception {
    ChatHttp alice = user("dm-hangul");
    ChatHttp korean = user("김민지");
    assertAMessageGoesRound(alice, "/ws/dm/" + peer(name(korean)));
  }

  @Test
  void nobodyElseReachesAConversationByAnyPathAndItsUsersHearNothingOfThem() throws Exception {
    ChatHttp alice = user("dm-alice");
    ChatHttp bob = user("dm-bob");
    ChatHttp carol = user("dm-carol");
    String aliceName = name(alice);
    String bobName = name(bob);
    String carolName = name(carol);
    try (ChatSocket aliceSide = ChatSocket.openConversation(alice, peer(bobName))) {
      aliceSide.await("presence");
      aliceSide.say("between us");
      aliceSide.awaitMessage("between us");

      // Carol's conversations are her own: with alice or bob, caught up from the start, they hold
      // nothing of theirs.
      for (String other : List.of(aliceName, bobName)) {
        try (ChatSocket carolSide =
            ChatSocket.openConversation(carol, peer(other) + "?after=0")) {
          JsonObject firstFrame = carolSide.firstFrameOrClose();
          assertNotNull(firstFrame, "carol's own conversation with " + other);
          assertEquals("presence", firstFrame.getString("type"), "nothing replayed");
        }
      }
      // No room socket names a conversation, whatever ids it guesses.
      for (String path : List.of("%401-2/", "@1-2/", "%4050-100/", "@100-50/", "%40%40/")) {
        int status =
            ChatSocket.refusedStatus(
                base, path, carol.cookieHeader(), "http://" + base.getAuthority());
        assertEquals(404, status, path);
      }

      aliceSide.say("still between us");
      aliceSide.awaitMessage("still between us");
      assertFalse(
          aliceSide.seen().stream()
              .anyMatch(f -> carolName.equals(f.getString("username", null))),
          "nothing of carol reached the conversation: " + aliceSide.seen());
    }
  }

  @Test
  void aConversationWithAnUnknownOrDisabledUserIsRefusedBeforeAnyFrame() throws Exception {
    ChatHttp alice = user("dm-asker");
    ChatHttp bob = user("dm-leaving");
    String bobName = name(bob);
    try (ChatSocket nobody = ChatSocket.openConversation(alice, peer("nobody-" + bobName))) {
      assertNull(nobody.firstFrameOrClose(), "no frame for an unknown user");
      nobody.assertClosedWith(4003);
    }
    // A path that can name no user is refused at the handshake.
    for (String path : List.of("/ws/dm//", "/ws/dm/" + bobName, "/ws/dm/" + bobName + "/x/")) {
      assertEquals(
          404,
          ChatSocket.refusedStatusAt(
              base, path, alice.cookieHeader(), "http://" + base.getAuthority()),
          path);
    }

    ChatHttp admin = new ChatHttp(base).logIn("admin", "quiet-harbor-42");
    assertEquals(303, admin.post("admin/users/" + bobName + "/disable", Map.of()).statusCode());
    try {
      try (ChatSocket disabled = ChatSocket.openConversation(alice, peer(bobName))) {
        assertNull(disabled.firstFrameOrClose(), "no frame for a disabled user");
        disabled.assertClosedWith(4003);
      }
    } finally {
      assertEquals(303, admin.post("admin/users/" + bobName + "/enable", Map.of()).statusCode());
    }
  }

  @Test
  void aConversationWithOneselfIsANotepad() throws Exception {
    ChatHttp alice = user("dm-notes");
    String aliceName = name(alice);
    long noted;
    try (ChatSocket notepad = ChatSocket.openConversation(alice, peer(aliceName))) {
      JsonObject presence = notepad.await("presence");
      assertEquals(List.of(aliceName), presence.getJsonArray("users").getValuesAs(JsonString::getString));
      notepad.say("note to self");
      noted = id(notepad.awaitMessage("note to self"));
    }
    try (ChatSocket again = ChatSocket.openConversation(alice, peer(aliceName) + "?after=0")) {
      JsonObject replayed = again.await("message");
      assertEquals(noted, id(replayed));
      assertEquals(aliceName, replayed.getString("username"));
    }
  }

  @Test
  void aBlockedUsersMessagesAreRefusedWhileTheBlockersStillArriveUntilUnblocked()
      throws Exception {
    ChatHttp alice = user("dm-pest");
    ChatHttp bob = user("dm-blocker");
    String aliceName = name(alice);
    String bobName = name(bob);
    try (ChatSocket aliceSide = ChatSocket.openConversation(alice, peer(bobName));
        ChatSocket bobSide = ChatSocket.openConversation(bob, peer(aliceName))) {
      aliceSide.await("presence");
      bobSide.await("presence");
      aliceSide.say("before the block");
      bobSide.awaitMessage("before the block");

      assertEquals(303, bob.block(aliceName).statusCode());
      // Her frames are handled in order: once her message is refused, her typing was handled too.
      aliceSide.typing(true);
      aliceSide.say("can you hear me?");
      JsonObject refused = aliceSide.await("error");
      assertEquals("blocked", refused.getString("code"), refused.toString());
      assertFalse(refused.getString("message").isBlank());

      bobSide.say("I still write to you");
      JsonObject his = aliceSide.awaitMessage("I still write to you");
      bobSide.awaitMessage("I still write to you");
      assertFalse(
          bobSide.seen().stream()
              .anyMatch(
                  f -> isMessage(f, "can you hear me?") || isUserEvent(f, "typing", aliceName)),
          "the blocker heard nothing of her: " + bobSide.seen());

      // Nothing of hers was stored: the whole conversation, replayed, has no such message.
      try (ChatSocket history = ChatSocket.openConversation(bob, peer(aliceName) + "?after=0")) {
        assertEquals("before the block", history.await("message").getString("message"));
        assertEquals(id(his), id(history.await("message")), "his message came next");
      }

      assertEquals(303, bob.unblock(aliceName).statusCode());
      aliceSide.say("and now?");
      bobSide.awaitMessage("and now?");
      aliceSide.awaitMessage("and now?");
    }
  }

  @Test
  void newConversationsPastTheLimitAreClosedWith1008ButExistingOnesOpen() throws Exception {
    ChatHttp starter = user("dm-starter");
    String starterName = name(starter);
    List<String> others = new ArrayList<>();
    for (int i = 0; i <= NEW_CONVERSATIONS_PER_HOUR; i++) {
      others.add(name(user("dm-other")));
    }
    for (int i = 0; i < NEW_CONVERSATIONS_PER_HOUR; i++) {
      try (ChatSocket started = ChatSocket.openConversation(starter, peer(others.get(i)))) {
        started.await("presence");
      }
    }
    String last = others.get(NEW_CONVERSATIONS_PER_HOUR);
    try (ChatSocket refused = ChatSocket.openConversation(starter, peer(last))) {
      assertNull(refused.firstFrameOrClose(), "no frame past the limit");
      refused.assertClosedWith(1008);
    }
    // Opening one that exists is never limited, nor is one the other user started.
    try (ChatSocket existing = ChatSocket.openConversation(starter, peer(others.get(0)))) {
      existing.await("presence");
    }
    ChatHttp lastUser = new ChatHttp(base).logIn(last, PASSWORD);
    try (ChatSocket theirs = ChatSocket.openConversation(lastUser, peer(starterName))) {
      theirs.await("presence");
      try (ChatSocket mine = ChatSocket.openConversation(starter, peer(last))) {
        mine.await("presence");
        mine.say("you started it");
        theirs.awaitMessage("you started it");
      }
    }
  }

  // --- unread counts, read markers, mentions ------------------------------------------------

  /** The room's name without the trailing slash of its path. */
  private static String bare(String roomPath) {
    return roomPath.substring(0, roomPath.length() - 1);
  }

  private static boolean isUnread(JsonObject frame, String room) {
    return isType(frame, "unread") && room.equals(frame.getString("room", null));
  }

  /** The room's entry of an unread summary, or null when the summary does not list it. */
  private static JsonObject summaryOf(JsonObject summary, String room) {
    return summary.getJsonArray("rooms").getValuesAs(JsonObject.class).stream()
        .filter(entry -> room.equals(entry.getString("room")))
        .findFirst()
        .orElse(null);
  }

  /** Says the text and answers its message id, once the room has sent it back. */
  private static long said(ChatSocket socket, String text) {
    socket.say(text);
    return socket.awaitMessage(text).getJsonNumber("message_id").longValue();
  }

  private static List<String> mentions(JsonObject message) {
    return message.containsKey("mentions")
        ? message.getJsonArray("mentions").getValuesAs(JsonString::getString)
        : List.of();
  }

  @Test
  void theUsersStreamIsForItsLoggedInUserFromThisSiteOnly() {
    int anonymous = ChatSocket.refusedStatusAt(base, ChatSocket.USER_STREAM, null, null);
    assertTrue(anonymous == 401 || anonymous == 403, "status " + anonymous);
    ChatHttp alice = user("stream");
    assertEquals(
        403,
        ChatSocket.refusedStatusAt(
            base, ChatSocket.USER_STREAM, alice.cookieHeader(), "http://evil.example"));
    assertEquals(
        404,
        ChatSocket.refusedStatusAt(
            base, "/ws/user/other/", alice.cookieHeader(), "http://" + base.getAuthority()));
  }

  @Test
  void theStreamCountsWhatOthersStoreAndReadsMoveTheMarkerForwardOnly() throws Exception {
    ChatHttp alice = user("alice");
    ChatHttp bob = user("bob");
    String room = room("unread");
    try (ChatSocket aliceIn = ChatSocket.open(alice, room);
        ChatSocket bobIn = ChatSocket.open(bob, room)) {
      aliceIn.await("presence");
      bobIn.await("presence");
      try (ChatSocket stream = ChatSocket.openUserStream(bob)) {
        JsonObject summary = stream.firstFrameOrClose();
        assertEquals("unread_summary", summary.getString("type"), "the first frame");
        JsonObject entry = summaryOf(summary, bare(room));
        assertEquals(0, entry.getInt("unread"), "a new member has read everything: " + entry);
        assertTrue(summary.getJsonArray("dms").isEmpty());

        long first = said(aliceIn, "m1");
        long second = said(aliceIn, "m2");
        long third = said(aliceIn, "m3 " + "x".repeat(200));
        JsonObject three =
            stream.await(f -> isUnread(f, bare(room)) && f.getInt("unread") == 3, "3 unread");
        assertEquals(name(alice), three.getString("from"));
        assertEquals("m3 " + "x".repeat(97), three.getString("preview"));
        assertEquals(third, three.getJsonNumber("last_message_id").longValue());
        assertEquals(0, three.getInt("mentions"));

        bobIn.read(second);
        stream.await(f -> isUnread(f, bare(room)) && f.getInt("unread") == 1, "1 unread");
        bobIn.read(first); // behind the marker: nothing changes
        long fourth = said(aliceIn, "m4");
        JsonObject after =
            stream.await(
                f ->
                    isUnread(f, bare(room))
                        && f.getJsonNumber("last_message_id").longValue() == fourth,
                "m4 counted");
        assertEquals(2, after.getInt("unread"), "the marker never goes back");

        // Reads are not messages: more of them than the rate limit allows are all taken.
        for (int i = 0; i < 8; i++) {
          bobIn.read(fourth);
        }
        long mine = said(bobIn, "posting reads the room");
        JsonObject read =
            stream.await(
                f ->
                    isUnread(f, bare(room))
                        && f.getJsonNumber("last_message_id").longValue() == mine,
                "bob's own message");
        assertEquals(0, read.getInt("unread"));
        assertFalse(
            bobIn.seen().stream().anyMatch(f -> isType(f, "error")), bobIn.seen().toString());
      }
    }
  }

  @Test
  void aReadOfAMessageThatIsNotTheRoomsGetsInvalidRead() throws Exception {
    ChatHttp alice = user("reader");
    String here = room("here");
    String there = room("there");
    try (ChatSocket elsewhere = ChatSocket.open(alice, there);
        ChatSocket socket = ChatSocket.open(alice, here)) {
      elsewhere.await("presence");
      socket.await("presence");
      long other = said(elsewhere, "not in here");

      socket.read(other);
      assertEquals("invalid_read", socket.await("error").getString("code"));
      socket.read(999_999_999L);
      assertEquals("invalid_read", socket.await("error").getString("code"));
      socket.send("{\"type\":\"read\",\"message_id\":\"7\"}");
      JsonObject refused = socket.await("error");
      assertEquals("invalid_read", refused.getString("code"));
      assertFalse(refused.getString("message").isBlank());
      said(socket, "still open");
    }
  }

  @Test
  void mentionsNameTheRoomsReadersOnlyAndCountForThem() throws Exception {
    ChatHttp alice = user("alice");
    ChatHttp bob = user("bob");
    ChatHttp carol = user("carol");
    String bobName = name(bob);
    String carolName = name(carol);
    String secret = "mentions" + NAMES.incrementAndGet();
    assertEquals(303, alice.newRoom(secret, "private").statusCode());
    assertEquals(303, alice.changeMember(secret, "add", bobName).statusCode());
    String open = room("open");
    try (ChatSocket bobStream = ChatSocket.openUserStream(bob);
        ChatSocket carolStream = ChatSocket.openUserStream(carol);
        ChatSocket inSecret = ChatSocket.open(alice, secret + "/");
        ChatSocket inOpen = ChatSocket.open(alice, open);
        ChatSocket carolInOpen = ChatSocket.open(carol, open)) {
      bobStream.await("unread_summary");
      assertNull(summaryOf(carolStream.await("unread_summary"), secret));
      inSecret.await("presence");
      inOpen.await("presence");
      carolInOpen.await("presence");

      // Carol may not read the room: naming her mentions nobody and tells nobody anything.
      String text = "hi @" + bobName.toUpperCase(Locale.ROOT) + " and @" + carolName + "!";
      inSecret.say(text);
      assertEquals(List.of(bobName), mentions(inSecret.awaitMessage(text)));
      JsonObject counted =
          bobStream.await(f -> isUnread(f, secret) && f.getInt("mentions") == 1, "a mention");
      assertEquals(1, counted.getInt("unread"));

      // In a public room, those who never entered it are not its readers.
      String publicText = "@" + bobName + " are you here, @" + carolName + "?";
      inOpen.say(publicText);
      assertEquals(List.of(carolName), mentions(inOpen.awaitMessage(publicText)));
      JsonObject carolCounted =
          carolStream.await(f -> isUnread(f, bare(open)) && f.getInt("mentions") == 1, "open");
      assertEquals(1, carolCounted.getInt("unread"));
      assertFalse(
          carolStream.seen().stream().anyMatch(f -> secret.equals(f.getString("room", null))),
          "carol heard of the private room: " + carolStream.seen());
      assertFalse(
          bobStream.seen().stream().anyMatch(f -> bare(open).equals(f.getString("room", null))),
          "bob is no member of the open room: " + bobStream.seen());

      // The catch-up lists the mentions too.
      try (ChatSocket again = ChatSocket.open(alice, secret + "/?after=0")) {
        assertEquals(List.of(bobName), mentions(again.awaitMessage(text)));
      }

      // A deleted message mentions nobody any more: dave, whose stream opens after the deletion,
      // counts it unread, not as a mention.
      ChatHttp dave = user("dave");
      String daveName = name(dave);
      assertEquals(303, alice.changeMember(secret, "add", daveName).statusCode());
      String toDave = "@" + daveName + " look at this";
      inSecret.say(toDave);
      JsonObject mentioning = inSecret.awaitMessage(toDave);
      assertEquals(List.of(daveName), mentions(mentioning));
      long mentioningId = mentioning.getJsonNumber("message_id").longValue();
      inSecret.delete(mentioningId);
      inSecret.await(
          f ->
              isType(f, "message_deleted")
                  && f.getJsonNumber("message_id").longValue() == mentioningId,
          "the deletion");
      try (ChatSocket daveStream = ChatSocket.openUserStream(dave)) {
        JsonObject entry = summaryOf(daveStream.await("unread_summary"), secret);
        assertEquals(1, entry.getInt("unread"), entry::toString);
        assertEquals(0, entry.getInt("mentions"), entry::toString);
      }
    }
  }

  @Test
  void beingAddedToAndRemovedFromAPrivateRoomReachesTheUsersStream() throws Exception {
    ChatHttp owner = user("owner");
    ChatHttp guest = user("guest");
    String guestName = name(guest);
    String room = "added" + NAMES.incrementAndGet();
    assertEquals(303, owner.newRoom(room, "private").statusCode());
    try (ChatSocket stream = ChatSocket.openUserStream(guest)) {
      assertNull(summaryOf(stream.await("unread_summary"), room));

      assertEquals(303, owner.changeMember(room, "add", guestName).statusCode());
      stream.await(f -> isType(f, "room_added") && room.equals(f.getString("room")), "added");
      try (ChatSocket ownerIn = ChatSocket.open(owner, room + "/")) {
        ownerIn.await("presence");
        said(ownerIn, "welcome");
        stream.await(f -> isUnread(f, room) && f.getInt("unread") == 1, "the welcome counted");

        assertEquals(303, owner.changeMember(room, "remove", guestName).statusCode());
        stream.await(f -> isType(f, "room_removed") && room.equals(f.getString("room")), "gone");
        said(ownerIn, "after you left");
      }
      try (ChatSocket again = ChatSocket.openUserStream(guest)) {
        assertNull(summaryOf(again.await("unread_summary"), room), "no longer listed");
      }
      assertFalse(
          stream.drained().stream().anyMatch(f -> room.equals(f.getString("room", null))),
          "counts of a room the guest left: " + stream.seen());
    }
  }

  @Test
  void theRoomListShowsEachRoomsUnreadCount() throws Exception {
    ChatHttp alice = user("alice");
    ChatHttp bob = user("bob");
    String busy = room("busy");
    String quiet = room("quiet");
    try (ChatSocket aliceIn = ChatSocket.open(alice, busy);
        ChatSocket bobIn = ChatSocket.open(bob, busy);
        ChatSocket bobInQuiet = ChatSocket.open(bob, quiet)) {
      aliceIn.await("presence");
      bobIn.await("presence");
      bobInQuiet.await("presence");
      said(aliceIn, "one");
      said(aliceIn, "two");
    }
    String page = bob.get("chat/").body();
    assertEquals("2", unreadOf(page, bare(busy)), page);
    assertEquals("0", unreadOf(page, bare(quiet)));
    assertTrue(
        page.matches(
            "(?s).*data-room=\""
                + bare(busy)
                + "\".*?<span class=\"unread-count\"[^>]*>2</span>.*"),
        "a visible count");
    assertEquals("0", unreadOf(alice.get("chat/").body(), bare(busy)), "her own messages");
    assertTrue(page.contains("/static/unread.js"), "the counts are kept live");
  }

  /** The data-unread of the room's row on a room list page. */
  private static String unreadOf(String page, String room) {
    Matcher row =
        Pattern.compile("<li[^>]*data-room=\"" + Pattern.quote(room) + "\"[^>]*>").matcher(page);
    assertTrue(row.find(), "no row for " + room);
    Matcher unread = Pattern.compile("data-unread=\"(\\d+)\"").matcher(row.group());
    assertTrue(unread.find(), "no data-unread in " + row.group());
    return unread.group(1);
  }

  // --- limits ------------------------------------------------------------------------------

  @Test
  void aUserHasAtMostTwentySocketsOpenAndMoreOnceSomeClose() throws Exception {
    ChatHttp alice = user("tabs");
    ChatHttp bob = user("watcher");
    String me = name(alice);
    String room = room("tabs");
    String otherRoom = room("tabs");
    Map<String, Double> before = scrapeMetrics();
    List<ChatSocket> open = new ArrayList<>();
    try (ChatSocket watcher = ChatSocket.open(bob, room)) {
      watcher.await("presence");
      int refused = 0;
      for (int i = 0; i < 40; i++) {
        // The cap counts the user's sockets in every room.
        ChatSocket socket = ChatSocket.openUnlessRefused(alice, i % 2 == 0 ? room : otherRoom);
        if (socket == null) {
          refused++;
        } else {
          open.add(socket);
        }
      }
      assertEquals(20, open.size(), "sockets open of 40");
      assertEquals(20, refused);
      for (ChatSocket socket : open) {
        assertTrue(socket.isOpen(), "refusing more closes none of the open ones");
      }

      for (int i = 0; i < 5; i++) {
        open.remove(open.size() - 1).close();
      }
      // The server counts a socket until it has seen it close: retry at a polling pace until it
      // has; then the five places are free again, and no more.
      int accepted = 0;
      long deadline = System.nanoTime() + ChatSocket.TIMEOUT.toNanos();
      while (accepted < 5) {
        assertTrue(System.nanoTime() < deadline, "only " + accepted + " of 5 sockets accepted again");
        ChatSocket socket = ChatSocket.openUnlessRefused(alice, room);
        if (socket == null) {
          TimeUnit.MILLISECONDS.sleep(100); // polling pace while the server sees the closes
        } else {
          open.add(socket);
          accepted++;
        }
      }
      assertNull(ChatSocket.openUnlessRefused(alice, room), "the 21st socket, again");

      // Alice is in the room once; the refused sockets told it nothing.
      open.get(0).say("counted once");
      watcher.awaitMessage("counted once");
      assertEquals(1, watcher.seen().stream().filter(f -> isUserEvent(f, "user_join", me)).count());
      assertFalse(watcher.seen().stream().anyMatch(f -> isUserEvent(f, "user_leave", me)));
    } finally {
      open.forEach(ChatSocket::close);
    }
    Map<String, Double> after = scrapeMetrics();
    assertTrue(delta(before, after, "chat_sockets_refused_total") >= 21, after.toString());
  }

  /** The default frame budget (frames per 5 s) and fault allowance (per 10 s) of a connection. */
  private static final int FRAME_BUDGET = 75;

  private static final int FAULTS_ALLOWED = 20;

  /**
   * Sends the frame so many times at once, then stops: a client that kept sending after the
   * server's close would see its connection reset (1006) rather than read the close frame.
   */
  private static void flood(ChatSocket socket, String frame, int times) {
    for (int i = 0; i < times; i++) {
      assertTrue(socket.offer(frame), "closed after " + i + " frames");
    }
  }

  @Test
  void aTypingFloodIsDroppedThenClosedWith1008AndTheRoomCarriesOn() throws Exception {
    ChatHttp alice = user("typist");
    ChatHttp bob = user("reader");
    String typist = name(alice);
    String room = room("typingflood");
    Map<String, Double> before = scrapeMetrics();
    try (ChatSocket flooder = ChatSocket.open(alice, room);
        ChatSocket reader = ChatSocket.open(bob, room)) {
      flooder.await("presence");
      reader.await("presence");
      // The budget's worth, all but the first dropped as no change; then one excess frame more
      // than the faults allowed.
      flood(flooder, "{\"type\":\"typing\",\"is_typing\":true}", FRAME_BUDGET + FAULTS_ALLOWED + 1);
      flooder.assertClosedWith(1008);
      reader.await(f -> isUserEvent(f, "user_leave", typist), "the flooder's leave");
      reader.say("after the flood");
      reader.awaitMessage("after the flood");
      assertTrue(reader.isOpen());
      assertEquals(
          1,
          reader.seen().stream().filter(f -> isUserEvent(f, "typing", typist)).count(),
          "one change, one typing frame: " + reader.seen());
      assertFalse(reader.seen().stream().anyMatch(f -> isType(f, "error")));
      long errors = flooder.drained().stream().filter(f -> isType(f, "error")).count();
      assertTrue(errors <= FAULTS_ALLOWED, errors + " error frames");
    }
    Map<String, Double> after = scrapeMetrics();
    assertEquals(1, delta(before, after, "chat_floods_closed_total"), after.toString());
    assertEquals(FRAME_BUDGET - 1, delta(before, after, "chat_typing_dropped_total"), after.toString());
  }

  @Test
  void aFloodOfBadFramesIsClosedWith1008OnceAndTheRoomCarriesOn() throws Exception {
    ChatHttp alice = user("flooder");
    ChatHttp bob = user("bystander");
    String flooderName = name(alice);
    String room = room("badflood");
    Map<String, Double> before = scrapeMetrics();
    try (ChatSocket flooder = ChatSocket.open(alice, room);
        ChatSocket bystander = ChatSocket.open(bob, room)) {
      flooder.await("presence");
      bystander.await("presence");
      flood(flooder, "this is not json", FAULTS_ALLOWED + 1);
      flooder.assertClosedWith(1008);
      // The close may overtake some of the answers still queued for the flooder.
      List<JsonObject> errors =
          flooder.drained().stream().filter(f -> isType(f, "error")).toList();
      assertTrue(errors.size() <= FAULTS_ALLOWED, "the first 20 bad frames are answered: " + errors);
      bystander.await(f -> isUserEvent(f, "user_leave", flooderName), "the flooder's leave");
      bystander.say("business as usual");
      bystander.awaitMessage("business as usual");
      assertTrue(bystander.isOpen());
    }
    Map<String, Double> after = scrapeMetrics();
    assertEquals(1, delta(before, after, "chat_floods_closed_total"), after.toString());
    assertEquals(
        FAULTS_ALLOWED,
        delta(before, after, "chat_error_frames_total{reason=\"invalid_json\"}"),
        after.toString());
  }

  @Test
  void aFewBadFramesAreAnsweredAndTheSocketStaysOpen() throws Exception {
    ChatHttp alice = user("clumsy");
    ChatHttp bob = user("witness");
    String room = room("clumsy");
    try (ChatSocket socket = ChatSocket.open(alice, room);
        ChatSocket witness = ChatSocket.open(bob, room)) {
      socket.await("presence");
      witness.await("presence");
      List<String> codes = new ArrayList<>();
      for (String bad : List.of("oops", "[1]", "{\"type\":\"dance\"}", "{\"message\":7}",
          "{\"type\":\"typing\",\"is_typing\":\"yes\"}")) {
        socket.send(bad);
        codes.add(socket.await("error").getString("code"));
      }
      assertEquals(
          List.of("invalid_json", "invalid_frame", "unknown_type", "invalid_message", "invalid_typing"),
          codes);
      socket.say("sorry");
      witness.awaitMessage("sorry");
      socket.awaitMessage("sorry");
      assertTrue(socket.isOpen());
    }
  }

  // --- operations ----------------------------------------------------------------------------

  /** A scraper on the node's own host: metrics answer loopback only, by default. */
  private ChatHttp scraper() {
    return new ChatHttp(base, "127.0.0.1");
  }

  /** The node's application metrics in Prometheus text format, by name and labels. */
  private Map<String, Double> scrapeMetrics() {
    HttpResponse<String> response = scraper().get("metrics");
    assertEquals(200, response.statusCode());
    Map<String, Double> metrics = new HashMap<>();
    for (String line : response.body().split("\n")) {
      if (line.startsWith("chat_")) {
        int space = line.lastIndexOf(' ');
        String key = line.substring(0, space).replace("mp_scope=\"application\",", "")
            .replace("{mp_scope=\"application\"}", "").replace(",mp_scope=\"application\"", "");
        metrics.put(key, Double.parseDouble(line.substring(space + 1)));
      }
    }
    return metrics;
  }

  private static double delta(Map<String, Double> before, Map<String, Double> after, String key) {
    return after.getOrDefault(key, 0.0) - before.getOrDefault(key, 0.0);
  }

  @Test
  void metricsCountConnectionsMessagesDeliveriesAndErrors() throws Exception {
    ChatHttp alice = user("metrics");
    ChatHttp bob = user("metrics");
    String room = room("metrics");
    Map<String, Double> before = scrapeMetrics();
    try (ChatSocket aliceSocket = ChatSocket.open(alice, room);
        ChatSocket bobSocket = ChatSocket.open(bob, room)) {
      aliceSocket.await("presence");
      bobSocket.await("presence");
      for (String text : List.of("m1", "m2", "m3")) {
        aliceSocket.say(text);
        bobSocket.awaitMessage(text);
        aliceSocket.awaitMessage(text);
      }
      aliceSocket.say("x".repeat(1001));
      assertEquals("too_long", aliceSocket.await("error").getString("code"));
      Map<String, Double> during = scrapeMetrics();
      assertEquals(2, delta(before, during, "chat_connections_open"), during.toString());
    }
    Map<String, Double> after = scrapeMetrics();
    for (long end = System.nanoTime() + ChatSocket.TIMEOUT.toNanos();
        delta(before, after, "chat_connections_closed_total{code=\"1000\"}") < 2
            && System.nanoTime() < end; ) {
      TimeUnit.MILLISECONDS.sleep(100); // polling pace while the server sees the closes
      after = scrapeMetrics();
    }
    assertEquals(2, delta(before, after, "chat_connections_opened_total"), after.toString());
    assertEquals(0, delta(before, after, "chat_connections_open"), after.toString());
    assertTrue(delta(before, after, "chat_connections_closed_total{code=\"1000\"}") >= 2, after.toString());
    assertEquals(4, delta(before, after, "chat_messages_received_total"), after.toString());
    assertEquals(3, delta(before, after, "chat_messages_stored_total"), after.toString());
    assertEquals(1, delta(before, after, "chat_error_frames_total{reason=\"too_long\"}"), after.toString());
    // Each of the two sockets got presence, joins, three messages; alice also the error.
    assertTrue(delta(before, after, "chat_frames_delivered_total") >= 2 * (1 + 1 + 3) + 1, after.toString());
    assertTrue(delta(before, after, "chat_connection_duration_seconds_count") >= 2, after.toString());
    assertTrue(after.containsKey("chat_database_write_seconds_count"), after.keySet().toString());
    assertTrue(after.containsKey("chat_registry_publish_seconds_count"), after.keySet().toString());
    assertTrue(after.containsKey("chat_outbound_queued"), after.keySet().toString());
    // A client elsewhere, through the trusted proxy, is judged by its own address.
    HttpResponse<String> remote = new ChatHttp(base).get("metrics");
    assertEquals(404, remote.statusCode());
    assertFalse(remote.body().contains("chat_"), remote.body());
    Map<String, Double> answered = scrapeMetrics();
    assertTrue(
        delta(after, answered, "chat_http_responses_total{status=\"4xx\"}") >= 1,
        "the refused scrape: " + answered);
    assertTrue(
        delta(before, answered, "chat_http_responses_total{status=\"2xx\"}") >= 2,
        "the scrapes themselves: " + answered);
    String scrape = scraper().get("metrics").body();
    for (String jvm :
        List.of("jvm_memory_used_bytes{", "jvm_threads_current ", "jvm_classes_currently_loaded ")) {
      assertTrue(scrape.contains(jvm), jvm + " in " + scrape);
    }
  }

  @Test
  void healthEndpointsReportLiveAndReady() {
    ChatHttp anyone = new ChatHttp(ServerKind.current().healthBase(base));
    HttpResponse<String> live = anyone.get("health/live");
    HttpResponse<String> ready = anyone.get("health/ready");
    assertEquals(200, live.statusCode(), live.body());
    assertEquals(200, ready.statusCode(), ready.body());
    assertTrue(ready.body().contains("\"database\""), ready.body());
    assertTrue(live.body().contains("\"message-store\""), live.body());
    assertTrue(ready.body().contains("\"serving\""), ready.body());
    HttpResponse<String> started = anyone.get("health/started");
    assertEquals(200, started.statusCode(), started.body());
    assertTrue(started.body().contains("\"started\""), started.body());
  }

  // --- load ----------------------------------------------------------------------------------

  @Test
  void thirtyClientsEachReceiveEveryMessageOnceInEachSendersOrder() throws Exception {
    String room = room("crowd");
    List<ChatHttp> users = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      users.add(user("crowd"));
    }
    List<ChatSocket> sockets = new ArrayList<>();
    try {
      for (ChatHttp user : users) {
        ChatSocket socket = ChatSocket.open(user, room);
        socket.await("presence");
        sockets.add(socket);
      }
      int perSender = 20;
      ExecutorService senders = Executors.newFixedThreadPool(3);
      try {
        List<Future<?>> sent = new ArrayList<>();
        for (int s = 0; s < 3; s++) {
          ChatSocket sender = sockets.get(s);
          int senderNo = s;
          sent.add(senders.submit(() -> {
            for (int i = 0; i < perSender; i++) {
              sender.say("s" + senderNo + " #" + i);
              TimeUnit.MILLISECONDS.sleep(250); // 4 per second: within the rate limit
            }
            return null;
          }));
        }
        for (Future<?> f : sent) {
          f.get(60, TimeUnit.SECONDS);
        }
      } finally {
        senders.shutdownNow();
      }
      for (ChatSocket socket : sockets) {
        Map<String, List<Integer>> bySender = new HashMap<>();
        int received = 0;
        while (received < 3 * perSender) {
          JsonObject m = socket.await("message");
          String[] parts = m.getString("message").split(" #");
          bySender.computeIfAbsent(parts[0], k -> new ArrayList<>()).add(Integer.parseInt(parts[1]));
          received++;
        }
        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < perSender; i++) {
          expected.add(i);
        }
        for (int s = 0; s < 3; s++) {
          assertEquals(expected, bySender.get("s" + s), "sender " + s + " order and count");
        }
        assertFalse(socket.seen().stream().anyMatch(f -> isType(f, "error")), socket.seen().toString());
      }
      // Nothing more than the 60: no duplicate arrives after them.
      ChatSocket last = sockets.get(sockets.size() - 1);
      sockets.get(0).say("the end");
      last.awaitMessage("the end");
      assertEquals(61, last.seen().stream().filter(f -> isType(f, "message")).count());
    } finally {
      sockets.forEach(ChatSocket::close);
    }
  }

  // --- editing and deleting ------------------------------------------------------------------

  /** The frames a socket that catches up from {@code after} gets before its presence. */
  private static List<JsonObject> catchUp(ChatHttp reader, String room, long after)
      throws Exception {
    try (ChatSocket late = ChatSocket.open(reader, room.replace("/", "/?after=" + after))) {
      late.await("presence");
      return late.seen().stream().filter(f -> !isType(f, "presence")).toList();
    }
  }

  @Test
  void anEditReachesEveryoneAndEveryCatchUpHasTheNewText() throws Exception {
    ChatHttp alice = user("editor");
    ChatHttp bob = user("reader");
    String room = room("edits");
    try (ChatSocket aliceSocket = ChatSocket.open(alice, room);
        ChatSocket bobSocket = ChatSocket.open(bob, room)) {
      aliceSocket.await("presence");
      bobSocket.await("presence");
      aliceSocket.say("frist draft");
      long id = id(bobSocket.awaitMessage("frist draft"));

      aliceSocket.edit(id, "  first draft, <b>fixed</b>  ");

      JsonObject seen = bobSocket.awaitChange("message_edited", id);
      assertEquals(seen, aliceSocket.awaitChange("message_edited", id));
      assertEquals("first draft, <b>fixed</b>", seen.getString("message"), "trimmed as sent");
      OffsetDateTime editedAt = OffsetDateTime.parse(seen.getString("edited_at"));

      // A client that was away: the message comes with its new text, or news of it comes.
      List<JsonObject> missed = catchUp(bob, room, id - 1);
      JsonObject message = missed.stream().filter(f -> isType(f, "message")).findFirst().get();
      assertEquals("first draft, <b>fixed</b>", message.getString("message"));
      assertEquals(
          editedAt.toInstant(), OffsetDateTime.parse(message.getString("edited_at")).toInstant());
      assertEquals(1, message.getJsonNumber("seq").longValueExact());

      List<JsonObject> hadIt = catchUp(bob, room, id);
      assertEquals(List.of(seen), hadIt, "news of the edit, before live traffic");
    }
  }

  @Test
  void anEditIsCheckedAsANewMessageAndARefusedOneChangesNothing() throws Exception {
    ChatHttp alice = user("editor");
    ChatHttp bob = user("reader");
    String room = room("refusededits");
    try (ChatSocket aliceSocket = ChatSocket.open(alice, room);
        ChatSocket bobSocket = ChatSocket.open(bob, room)) {
      aliceSocket.await("presence");
      bobSocket.await("presence");
      aliceSocket.say("clean words");
      long id = id(bobSocket.awaitMessage("clean words"));

      aliceSocket.edit(id, "now with spam");
      aliceSocket.awaitError("banned_word");
      aliceSocket.edit(id, "x".repeat(1001));
      aliceSocket.awaitError("too_long");
      aliceSocket.edit(id, "bell \u0007");
      aliceSocket.awaitError("invalid_text");
      aliceSocket.send("{\"type\":\"edit\",\"message_id\":" + id + ",\"message\":7}");
      aliceSocket.awaitError("invalid_message");
      aliceSocket.send("{\"type\":\"edit\",\"message_id\":\"" + id + "\",\"message\":\"x\"}");
      aliceSocket.awaitError("invalid_frame");
      aliceSocket.edit(id, "   "); // blank: ignored, as a blank message is

      aliceSocket.say("after the refusals");
      bobSocket.awaitMessage("after the refusals");
      assertFalse(
          bobSocket.seen().stream().anyMatch(f -> isType(f, "message_edited")),
          "nothing reached the room: " + bobSocket.seen());
      JsonObject stored = catchUp(bob, room, id - 1).get(0);
      assertEquals("clean words", stored.getString("message"));
      assertFalse(stored.containsKey("edited_at"));
    }
  }

  @Test
  void onlyTheAuthorEditsAndOnlyMessagesOfThisRoom() throws Exception {
    ChatHttp alice = user("editor");
    ChatHttp bob = user("reader");
    String room = room("authors");
    String elsewhere = room("elsewhere");
    try (ChatSocket aliceSocket = ChatSocket.open(alice, room);
        ChatSocket bobSocket = ChatSocket.open(bob, room);
        ChatSocket aliceElsewhere = ChatSocket.open(alice, elsewhere)) {
      aliceSocket.await("presence");
      bobSocket.await("presence");
      aliceElsewhere.await("presence");
      aliceSocket.say("mine alone");
      long id = id(bobSocket.awaitMessage("mine alone"));
      aliceElsewhere.say("in another room");
      long otherRoomsId = id(aliceElsewhere.awaitMessage("in another room"));

      bobSocket.edit(id, "bob was here");
      bobSocket.awaitError("not_author");
      aliceSocket.edit(otherRoomsId, "not from here");
      aliceSocket.awaitError("unknown_message");
      aliceSocket.delete(otherRoomsId);
      aliceSocket.awaitError("unknown_message");
      aliceSocket.edit(id + 1_000_000, "no such message");
      aliceSocket.awaitError("unknown_message");

      aliceSocket.delete(id);
      bobSocket.awaitChange("message_deleted", id);
      aliceSocket.edit(id, "back from the dead");
      aliceSocket.awaitError("unknown_message");
      aliceSocket.delete(id);
      aliceSocket.awaitError("unknown_message");
      assertEquals("in another room", catchUp(alice, elsewhere, otherRoomsId - 1).get(0)
          .getString("message"));
    }
  }

  @Test
  void theAuthorAndTheOwnerDeleteAndAPlainMemberMayNot() throws Exception {
    ChatHttp owner = user("owner");
    ChatHttp alice = user("author");
    ChatHttp bob = user("member");
    String room = room("deletions");
    try (ChatSocket ownerSocket = ChatSocket.open(owner, room)) {
      ownerSocket.await("presence"); // the first to enter the room owns it
      try (ChatSocket aliceSocket = ChatSocket.open(alice, room);
          ChatSocket bobSocket = ChatSocket.open(bob, room)) {
        aliceSocket.await("presence");
        bobSocket.await("presence");
        aliceSocket.say("secret of alice");
        long first = id(bobSocket.awaitMessage("secret of alice"));
        bobSocket.say("secret of bob");
        long second = id(aliceSocket.awaitMessage("secret of bob"));
        ownerSocket.say("word of the owner");
        long third = id(bobSocket.awaitMessage("word of the owner"));

        bobSocket.delete(first);
        bobSocket.awaitError("not_allowed");
        bobSocket.delete(third);
        bobSocket.awaitError("not_allowed");

        aliceSocket.delete(first);
        for (ChatSocket socket : List.of(ownerSocket, aliceSocket, bobSocket)) {
          assertEquals(
              Set.of("type", "message_id"),
              socket.awaitChange("message_deleted", first).keySet());
        }
        ownerSocket.delete(second);
        for (ChatSocket socket : List.of(ownerSocket, aliceSocket, bobSocket)) {
          socket.awaitChange("message_deleted", second);
        }

        // A client that was away gets tombstones in their places, with no text.
        List<JsonObject> missed = catchUp(bob, room, first - 1);
        assertEquals(3, missed.size(), "" + missed);
        for (int i = 0; i < 2; i++) {
          JsonObject tombstone = missed.get(i);
          assertTrue(tombstone.getBoolean("deleted", false), "" + tombstone);
          assertEquals("", tombstone.getString("message"));
          assertEquals(i + 1, tombstone.getJsonNumber("seq").longValueExact());
          OffsetDateTime.parse(tombstone.getString("timestamp"));
        }
        assertEquals(name(alice), missed.get(0).getString("username"));
        assertEquals(name(bob), missed.get(1).getString("username"));
        assertEquals("word of the owner", missed.get(2).getString("message"));
        assertFalse(missed.get(2).containsKey("deleted"));

        // A client that had them hears of the deletions before live traffic.
        List<JsonObject> hadThem = catchUp(bob, room, third);
        assertEquals(
            Set.of(first, second),
            hadThem.stream()
                .filter(f -> isType(f, "message_deleted"))
                .map(f -> id(f))
                .collect(Collectors.toSet()));

        // The page shows a placeholder, and the text is nowhere on it.
        String page = bob.get("chat/" + room).body();
        assertFalse(page.contains("secret of alice"));
        assertFalse(page.contains("secret of bob"));
        assertTrue(page.contains("word of the owner"));
      }
    }
  }

  @Test
  void editsCountAgainstTheMessageRateLimit() throws Exception {
    ChatHttp alice = user("hasty");
    String room = room("hasteedits");
    try (ChatSocket socket = ChatSocket.open(alice, room)) {
      socket.await("presence");
      socket.say("to edit");
      long id = id(socket.awaitMessage("to edit"));
      // Far more edits than the limit allows at once: some are refused as too fast.
      for (int i = 0; i < 12; i++) {
        socket.edit(id, "edit " + i);
      }
      socket.awaitError("rate_limited");
    }
  }
}
