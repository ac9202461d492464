package org.roomchat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.roomchat.support.ChatHttp;
import org.roomchat.support.ChatSocket;
import org.roomchat.support.LocalProcess;
import org.roomchat.support.Nginx;
import org.roomchat.support.PostgresDatabase;
import org.roomchat.support.ReconnectingMember;
import org.roomchat.support.RedisServer;
import org.roomchat.support.ServerNode;
import org.roomchat.support.TlsCertificate;

/**
 * Two real Payara Micro nodes sharing one real Redis and one PostgreSQL database, as in production:
 * every room event crosses from one node to the other, presence and the rate limit hold across
 * them, a Redis crash loses no stored message and heals by itself, and the users of a node that
 * dies leave the other node's rooms. The servers are started once; the tests that break something
 * run last.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ScaleOutIT {

  private static final Logger LOG = Logger.getLogger(ScaleOutIT.class.getName());
  private static final String PASSWORD = "correct-horse-7";
  private static final String ADMIN = "admin";
  private static final String ADMIN_PASSWORD = "quiet-harbor-42";
  private static final AtomicInteger NAMES = new AtomicInteger();
  private static final String METRICS_TOKEN = "scrape-" + UUID.randomUUID();

  private static RedisServer redis;
  private static PostgresDatabase database;
  private static ServerNode nodeA;
  private static ServerNode nodeB;

  @BeforeAll
  static void startServers() {
    redis = RedisServer.start();
    database = PostgresDatabase.create();
    Map<String, String> environment =
        Map.of("REDIS_URL", redis.url(), "DATABASE_URL", database.url());
    // Both boot at once: two cores are busy for half a minute either way.
    nodeA = ServerNode.start("node-a", environment, properties("node-a"));
    nodeB = ServerNode.start("node-b", environment, properties("node-b"));
    nodeA.awaitReady();
    nodeB.awaitReady();
  }

  private static Map<String, String> properties(String node) {
    Map<String, String> properties = new HashMap<>();
    properties.put("chat.node", node);
    properties.put("chat.password.iterations", "1024");
    properties.put("chat.admin.username", ADMIN);
    properties.put("chat.admin.password", ADMIN_PASSWORD);
    // A login's secret changes at every page load, so that a test sees its rotation.
    properties.put("chat.login.rotate-minutes", "0");
    if (node.equals("node-b")) {
      // Node B's metrics are for a documentation range's scraper and the token's holder only.
      properties.put("chat.metrics.allowed", "192.0.2.0/24");
      properties.put("chat.metrics.token", METRICS_TOKEN);
    }
    return properties;
  }

  @AfterAll
  static void stopServers() {
    for (AutoCloseable server : new AutoCloseable[] {nodeA, nodeB, redis, database}) {
      if (server != null) {
        try {
          server.close();
        } catch (Exception e) {
          LOG.warning("stopping " + server + " failed: " + e);
        }
      }
    }
  }

  /** One person with a browser logged in on each node (sessions are per node). */
  private record Person(String name, ChatHttp onA, ChatHttp onB) {}

  private static Person person(String prefix) {
    String name = prefix + NAMES.incrementAndGet();
    ChatHttp onA = new ChatHttp(nodeA.base()).signUp(name, PASSWORD);
    ChatHttp onB = new ChatHttp(nodeB.base()).logIn(name, PASSWORD);
    return new Person(name, onA, onB);
  }

  private static String room(String prefix) {
    return prefix + NAMES.incrementAndGet() + "/";
  }

  private static boolean isUserEvent(JsonObject frame, String type, String user) {
    return type.equals(frame.getString("type", null))
        && user.equals(frame.getString("username", null));
  }

  private static boolean isMessage(JsonObject frame, String prefix) {
    return "message".equals(frame.getString("type", null))
        && frame.getString("message", "").startsWith(prefix);
  }

  private static List<String> presence(JsonObject frame) {
    return frame.getJsonArray("users").getValuesAs(JsonString.class).stream()
        .map(JsonString::getString)
        .toList();
  }

  /** The sender says a marker and waits for it, so everything sent before it has arrived. */
  private static void sync(ChatSocket sender, ChatSocket... receivers) {
    String marker = "marker-" + NAMES.incrementAndGet();
    sender.say(marker);
    sender.awaitMessage(marker);
    for (ChatSocket receiver : receivers) {
      receiver.awaitMessage(marker);
    }
  }

  @Test
  @Order(1)
  void messageSentOnOneNodeReachesTheOther() throws Exception {
    Person alice = person("alice");
    Person bob = person("bob");
    String room = room("cross");
    try (ChatSocket aliceOnA = ChatSocket.open(alice.onA(), room)) {
      // Alice is in before bob comes: a join published while her node was still subscribing
      // would not reach her (her presence would list bob instead).
      aliceOnA.await("presence");
      try (ChatSocket bobOnB = ChatSocket.open(bob.onB(), room)) {
        bobOnB.await("presence");
        aliceOnA.await(f -> isUserEvent(f, "user_join", bob.name()), "bob's join");

        aliceOnA.say("hello from A");
        JsonObject received = bobOnB.awaitMessage("hello from A");
        assertEquals(alice.name(), received.getString("username"));
        assertTrue(received.getJsonNumber("message_id").longValue() > 0);
        OffsetDateTime.parse(received.getString("timestamp"));
        assertEquals(received, aliceOnA.awaitMessage("hello from A"), "one event, same frame");

        bobOnB.say("hello from B");
        assertEquals(bob.name(), aliceOnA.awaitMessage("hello from B").getString("username"));
        bobOnB.awaitMessage("hello from B");
      }
    }
  }

  private static long messageId(JsonObject frame) {
    return frame.getJsonNumber("message_id").longValueExact();
  }

  /** Each frame about a message as its type and the message's id, in the order they came. */
  private static List<String> aboutMessages(List<JsonObject> frames) {
    return frames.stream()
        .filter(f -> f.containsKey("message_id"))
        .map(f -> f.getString("type") + " " + messageId(f))
        .toList();
  }

  @Test
  @Order(1)
  void editsAndDeletionsOnOneNodeReachTheOtherAfterTheirMessages() throws Exception {
    Person alice = person("editor");
    Person bob = person("reader");
    String room = room("crossedits");
    try (ChatSocket aliceOnA = ChatSocket.open(alice.onA(), room)) {
      aliceOnA.await("presence");
      try (ChatSocket bobOnB = ChatSocket.open(bob.onB(), room)) {
        bobOnB.await("presence");
        aliceOnA.await(f -> isUserEvent(f, "user_join", bob.name()), "bob's join");

        // Each change is asked for as soon as its message is back on A, before B may have it.
        aliceOnA.say("draft on A");
        long edited = messageId(aliceOnA.awaitMessage("draft on A"));
        aliceOnA.edit(edited, "final on A");
        aliceOnA.say("gone on A");
        long deleted = messageId(aliceOnA.awaitMessage("gone on A"));
        aliceOnA.delete(deleted);

        assertEquals(
            "final on A", bobOnB.awaitChange("message_edited", edited).getString("message"));
        bobOnB.awaitChange("message_deleted", deleted);
        assertEquals(
            List.of(
                "message " + edited,
                "message_edited " + edited,
                "message " + deleted,
                "message_deleted " + deleted),
            aboutMessages(bobOnB.seen()),
            "each message before the news about it");

        // Catching up on the other node, from the database both share (PostgreSQL here).
        try (ChatSocket late = ChatSocket.open(bob.onB(), room.replace("/", "/?after=0"))) {
          late.await("presence");
          List<JsonObject> missed = late.seen();
          assertEquals(
              List.of("message " + edited, "message " + deleted), aboutMessages(missed));
          assertEquals("final on A", missed.get(0).getString("message"));
          assertTrue(missed.get(0).containsKey("edited_at"));
          assertTrue(missed.get(1).getBoolean("deleted"));
          assertEquals("", missed.get(1).getString("message"));
        }
        try (ChatSocket had = ChatSocket.open(bob.onB(), room.replace("/", "/?after=" + deleted))) {
          had.await("presence");
          assertEquals(
              List.of("message_edited " + edited, "message_deleted " + deleted),
              aboutMessages(had.seen()));
        }
      }
    }
  }

  @Test
  @Order(2)
  void joinsLeavesAndPresenceCrossNodes() throws Exception {
    Person alice = person("alice");
    Person bob = person("bob");
    String room = room("presence");
    try (ChatSocket aliceOnA = ChatSocket.open(alice.onA(), room)) {
      assertEquals(List.of(alice.name()), presence(aliceOnA.await("presence")));
      try (ChatSocket bobOnB = ChatSocket.open(bob.onB(), room)) {
        List<String> seenByBob = presence(bobOnB.await("presence"));
        assertEquals(List.of(alice.name(), bob.name()).stream().sorted().toList(), seenByBob);
        bobOnB.await(f -> isUserEvent(f, "user_join", bob.name()), "bob's own join");
        aliceOnA.await(f -> isUserEvent(f, "user_join", bob.name()), "bob's join on node A");
      }
      aliceOnA.await(f -> isUserEvent(f, "user_leave", bob.name()), "bob's leave on node A");
    }
  }

  @Test
  @Order(3)
  void typingCrossesNodesButNeverReachesTheTyper() throws Exception {
    Person alice = person("alice");
    Person bob = person("bob");
    String room = room("typing");
    try (ChatSocket aliceOnA = ChatSocket.open(alice.onA(), room);
        ChatSocket bobOnB = ChatSocket.open(bob.onB(), room);
        ChatSocket bobOnA = ChatSocket.open(bob.onA(), room)) {
      aliceOnA.await("presence");
      bobOnB.await("presence");
      bobOnA.await("presence");

      bobOnB.typing(true);
      JsonObject typing = aliceOnA.await("typing");
      assertEquals(bob.name(), typing.getString("username"));
      assertTrue(typing.getBoolean("is_typing"));

      sync(bobOnB, aliceOnA, bobOnA);
      assertFalse(
          bobOnA.seen().stream().anyMatch(f -> "typing".equals(f.getString("type", null))),
          "bob's own connection on the other node got his typing: " + bobOnA.seen());
      assertFalse(
          bobOnB.seen().stream().anyMatch(f -> "typing".equals(f.getString("type", null))),
          "bob's typing connection got its own typing: " + bobOnB.seen());
    }
  }

  @Test
  @Order(4)
  void aUserOnBothNodesIsOnlineOnceAndLeavesWithTheLastConnection() throws Exception {
    Person carol = person("carol");
    Person dave = person("dave");
    String room = room("twice");
    try (ChatSocket daveOnA = ChatSocket.open(dave.onA(), room)) {
      daveOnA.await("presence");
      ChatSocket carolOnA = ChatSocket.open(carol.onA(), room);
      carolOnA.await("presence");
      daveOnA.await(f -> isUserEvent(f, "user_join", carol.name()), "carol's join");

      try (ChatSocket carolOnB = ChatSocket.open(carol.onB(), room)) {
        List<String> online = presence(carolOnB.await("presence"));
        assertEquals(List.of(carol.name(), dave.name()).stream().sorted().toList(), online);
        sync(carolOnB, daveOnA);
        assertEquals(
            1,
            daveOnA.seen().stream().filter(f -> isUserEvent(f, "user_join", carol.name())).count(),
            "carol's second connection announced her again: " + daveOnA.seen());

        carolOnA.close();
        sync(carolOnB, daveOnA);
        assertFalse(
            daveOnA.seen().stream().anyMatch(f -> isUserEvent(f, "user_leave", carol.name())),
            "carol left while still connected on node B: " + daveOnA.seen());
      }
      daveOnA.await(f -> isUserEvent(f, "user_leave", carol.name()), "carol's leave");
    }
  }

  @Test
  @Order(2)
  void disablingAnAccountOnOneNodeClosesItsSocketsAndSessionsOnTheOther() throws Exception {
    Person frank = person("frank");
    Person grace = person("grace");
    String room = room("disabled");
    ChatHttp admin = new ChatHttp(nodeA.base()).logIn(ADMIN, ADMIN_PASSWORD);
    try (ChatSocket frankOnB = ChatSocket.open(frank.onB(), room);
        ChatSocket graceOnB = ChatSocket.open(grace.onB(), room)) {
      frankOnB.await("presence");
      graceOnB.await("presence");
      assertEquals(
          303, admin.post("admin/users/" + frank.name() + "/disable", Map.of()).statusCode());
      frankOnB.assertClosedWith(4003);
      graceOnB.await(f -> isUserEvent(f, "user_leave", frank.name()), "frank's leave");
      assertEquals(
          302,
          frank.onB().get("chat/" + room).statusCode(),
          "frank's session on node B ended at its next request");
      sync(graceOnB);
    }
  }

  @Test
  @Order(2)
  void aBanInAPublicRoomOnOneNodeClosesItsSocketsOnBothNodesWithinTwoSeconds() throws Exception {
    Person owner = person("owner");
    Person visitor = person("visitor");
    String room = room("public");
    String roomName = room.substring(0, room.length() - 1);
    try (ChatSocket ownerOnB = ChatSocket.open(owner.onB(), room)) {
      ownerOnB.await("presence");
      try (ChatSocket visitorOnA = ChatSocket.open(visitor.onA(), room);
          ChatSocket visitorOnB = ChatSocket.open(visitor.onB(), room)) {
        visitorOnA.await("presence");
        visitorOnB.await("presence");
        ownerOnB.await(f -> isUserEvent(f, "user_join", visitor.name()), "the visitor's join");

        assertEquals(303, owner.onA().moderate(roomName, "ban", visitor.name(), null).statusCode());
        long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
        visitorOnA.assertClosedWith(4003, Duration.ofNanos(deadline - System.nanoTime()));
        visitorOnB.assertClosedWith(4003, Duration.ofNanos(deadline - System.nanoTime()));
      }
      for (ChatHttp browser : List.of(visitor.onA(), visitor.onB())) {
        try (ChatSocket again = ChatSocket.open(browser, room)) {
          assertNull(again.firstFrameOrClose(), "no frame while banned");
          again.assertClosedWith(4003);
        }
        assertEquals(404, browser.get("chat/" + room).statusCode());
      }
      // A mute set on one node holds on the other at once.
      Person talker = person("talker");
      try (ChatSocket talkerOnB = ChatSocket.open(talker.onB(), room)) {
        talkerOnB.await("presence");
        assertEquals(303, owner.onA().moderate(roomName, "mute", talker.name(), 5).statusCode());
        talkerOnB.say("heard?");
        assertEquals("muted", talkerOnB.await("error").getString("code"));
      }
      assertEquals(303, owner.onB().moderate(roomName, "unban", visitor.name(), null).statusCode());
      try (ChatSocket back = ChatSocket.open(visitor.onA(), room)) {
        back.await("presence");
      }
      sync(ownerOnB);
    }
  }

  @Test
  @Order(2)
  void anAdminDeletingARoomOnOneNodeClosesItsSocketsOnBothNodes() throws Exception {
    Person keeper = person("keeper");
    String room = room("doomed");
    String roomName = room.substring(0, room.length() - 1);
    try (ChatSocket onA = ChatSocket.open(keeper.onA(), room);
        ChatSocket onB = ChatSocket.open(keeper.onB(), room)) {
      onA.await("presence");
      onB.await("presence");
      sync(onA, onB);
      ChatHttp admin = new ChatHttp(nodeB.base()).logIn(ADMIN, ADMIN_PASSWORD);
      assertEquals(303, admin.deleteRoom(roomName).statusCode());
      long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
      onA.assertClosedWith(4003, Duration.ofNanos(deadline - System.nanoTime()));
      onB.assertClosedWith(4003, Duration.ofNanos(deadline - System.nanoTime()));
    }
    // Both nodes forgot it: the name starts a new room wherever it is entered next.
    try (ChatSocket anew = ChatSocket.open(keeper.onA(), room)) {
      anew.await("presence");
      anew.say("a new start");
      anew.awaitMessage("a new start");
    }
    try (ChatSocket alsoNew = ChatSocket.open(keeper.onB(), room + "?after=0")) {
      alsoNew.awaitMessage("a new start");
    }
  }

  @Test
  @Order(2)
  void removingAMemberOnOneNodeClosesItsSocketsOnBothNodesWithinTwoSeconds() throws Exception {
    Person owner = person("owner");
    Person guest = person("guest");
    String room = "private" + NAMES.incrementAndGet();
    assertEquals(303, owner.onA().newRoom(room, "private").statusCode());
    try (ChatSocket ownerOnB = ChatSocket.open(owner.onB(), room + "/")) {
      ownerOnB.await("presence");
      assertEquals(303, owner.onA().changeMember(room, "add", guest.name()).statusCode());
      ownerOnB.await(f -> isUserEvent(f, "member_added", guest.name()), "the addition on B");
      try (ChatSocket guestOnA = ChatSocket.open(guest.onA(), room + "/");
          ChatSocket guestOnB = ChatSocket.open(guest.onB(), room + "/")) {
        guestOnA.await("presence");

        guestOnB.await("presence");
        ownerOnB.await(f -> isUserEvent(f, "user_join", guest.name()), "the guest's join");

        assertEquals(303, owner.onA().changeMember(room, "remove", guest.name()).statusCode());
        long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
        guestOnA.assertClosedWith(4003, Duration.ofNanos(deadline - System.nanoTime()));
        guestOnB.assertClosedWith(4003, Duration.ofNanos(deadline - System.nanoTime()));
        ownerOnB.await(f -> isUserEvent(f, "member_removed", guest.name()), "the removal on B");
      }
      for (ChatHttp browser : List.of(guest.onA(), guest.onB())) {
        try (ChatSocket again = ChatSocket.open(browser, room + "/")) {
          assertNull(again.firstFrameOrClose(), "no frame after the removal");
          again.assertClosedWith(4003);
        }
        assertEquals(404, browser.get("chat/" + room + "/").statusCode());
        assertFalse(browser.get("chat/?q=" + room).body().contains("data-room=\"" + room + "\""));
      }
      sync(ownerOnB);
    }
  }

  @Test
  @Order(2)
  void aConversationOpenedOnBothNodesAtOnceIsOneWhoseMessagesAndBlocksCrossNodes()
      throws Exception {
    Person alice = person("alice");
    Person bob = person("bob");
    // Each starts it at the same moment on a node of its own: one conversation comes of it.
    ExecutorService opening = Executors.newFixedThreadPool(2);
    Future<ChatSocket> aliceOpening =
        opening.submit(() -> ChatSocket.openConversation(alice.onA(), bob.name() + "/"));
    Future<ChatSocket> bobOpening =
        opening.submit(() -> ChatSocket.openConversation(bob.onB(), alice.name() + "/"));
    opening.shutdown();
    try (ChatSocket aliceOnA = aliceOpening.get(30, TimeUnit.SECONDS);
        ChatSocket bobOnB = bobOpening.get(30, TimeUnit.SECONDS)) {
      aliceOnA.await("presence");
      bobOnB.await("presence");

      aliceOnA.say("hello from A");
      JsonObject sent = aliceOnA.awaitMessage("hello from A");
      assertEquals(sent, bobOnB.awaitMessage("hello from A"), "one stored message, one frame");
      assertEquals(1, sent.getJsonNumber("seq").longValueExact());
      bobOnB.say("hello from B");
      long reply = bobOnB.awaitMessage("hello from B").getJsonNumber("message_id").longValue();
      assertEquals(
          reply, aliceOnA.awaitMessage("hello from B").getJsonNumber("message_id").longValue());
      try (ChatSocket lateOnA =
          ChatSocket.openConversation(
              bob.onA(),
              alice.name() + "/?after=" + sent.getJsonNumber("message_id").longValue())) {
        assertEquals(
            reply, lateOnA.await("message").getJsonNumber("message_id").longValue(),
            "caught up on the other node");
      }

      // Blocked on node B, at once on node A too; the blocker still reaches her.
      assertEquals(303, bob.onB().block(alice.name()).statusCode());
      aliceOnA.say("blocked?");
      assertEquals("blocked", aliceOnA.await("error").getString("code"));
      sync(bobOnB, aliceOnA);
      assertFalse(
          bobOnB.seen().stream().anyMatch(f -> isMessage(f, "blocked?")),
          "the blocker heard nothing of her: " + bobOnB.seen());

      assertEquals(303, bob.onA().unblock(alice.name()).statusCode());
      sync(aliceOnA, bobOnB);
    }
  }

  @Test
  @Order(2)
  void aReadOnOneNodeClearsTheCountOnTheUsersStreamsOnBothNodes() throws Exception {
    Person alice = person("alice");
    Person bob = person("bob");
    String room = room("badge");
    String name = room.substring(0, room.length() - 1);
    try (ChatSocket aliceOnB = ChatSocket.open(alice.onB(), room);
        ChatSocket bobOnA = ChatSocket.open(bob.onA(), room)) {
      aliceOnB.await("presence");
      bobOnA.await("presence");
      try (ChatSocket streamOnA = ChatSocket.openUserStream(bob.onA());
          ChatSocket streamOnB = ChatSocket.openUserStream(bob.onB())) {
        streamOnA.await("unread_summary");
        streamOnB.await("unread_summary");

        aliceOnB.say("one");
        aliceOnB.say("two @" + bob.name());
        long two =
            bobOnA.awaitMessage("two @" + bob.name()).getJsonNumber("message_id").longValue();
        for (ChatSocket stream : List.of(streamOnA, streamOnB)) {
          JsonObject counted =
              stream.await(
                  f -> isUnread(f, name) && f.getInt("unread") == 2 && f.getInt("mentions") == 1,
                  "two unread, one mention");
          assertEquals(alice.name(), counted.getString("from"));
        }

        bobOnA.read(two); // one device, on node A
        for (ChatSocket stream : List.of(streamOnA, streamOnB)) {
          stream.await(
              f -> isUnread(f, name) && f.getInt("unread") == 0 && f.getInt("mentions") == 0,
              "the count cleared");
        }
      }
    }
  }

  private static boolean isUnread(JsonObject frame, String room) {
    return "unread".equals(frame.getString("type", null))
        && room.equals(frame.getString("room", null));
  }

  @Test
  @Order(5)
  void theRateLimitCountsAUsersMessagesOnEveryNode() throws Exception {
    Person erin = person("erin");
    String room = room("limit");
    try (ChatSocket erinOnA = ChatSocket.open(erin.onA(), room);
        ChatSocket erinOnB = ChatSocket.open(erin.onB(), room)) {
      erinOnA.await("presence");
      erinOnB.await("presence");
      int sends = 10;
      long start = System.nanoTime();
      for (int i = 0; i < sends; i++) {
        (i % 2 == 0 ? erinOnA : erinOnB).say("burst-" + i);
      }
      Duration span = Duration.ofNanos(System.nanoTime() - start);

      // Every send ends as the message (seen by both sockets) or an error on the sending one.
      List<JsonObject> onA = new ArrayList<>();
      List<JsonObject> onB = new ArrayList<>();
      assertTrue(
          LocalProcess.await(
              ChatSocket.TIMEOUT,
              Duration.ofMillis(20),
              () -> {
                onA.addAll(erinOnA.drained());
                onB.addAll(erinOnB.drained());
                return count(onA, "burst-") + errors(onA) + errors(onB) >= sends;
              }),
          () -> "outcomes missing; A saw " + onA + ", B saw " + onB);
      long accepted = count(onA, "burst-");
      long errors = errors(onA) + errors(onB);
      assertTrue(span.compareTo(Duration.ofMillis(900)) < 0, "the burst took " + span);
      assertEquals(5, accepted, "accepted across both nodes; A saw " + onA);
      assertEquals(sends - 5, errors);
    }
  }

  @Test
  @Order(5)
  void aUsersSocketsAreCappedOnBothNodesTogether() throws Exception {
    Person hank = person("hank");
    String room = room("cap");
    List<ChatSocket> open = new ArrayList<>();
    try {
      for (int i = 0; i < 20; i++) {
        ChatSocket socket = ChatSocket.openUnlessRefused(i % 2 == 0 ? hank.onA() : hank.onB(), room);
        assertNotNull(socket, "socket " + (i + 1) + " of 20");
        open.add(socket);
      }
      assertNull(ChatSocket.openUnlessRefused(hank.onA(), room), "a 21st on node A");
      assertNull(ChatSocket.openUnlessRefused(hank.onB(), room), "a 21st on node B");

      open.remove(1).close(); // one on node B
      ChatSocket again = null;
      for (long end = System.nanoTime() + ChatSocket.TIMEOUT.toNanos();
          again == null && System.nanoTime() < end; ) {
        again = ChatSocket.openUnlessRefused(hank.onA(), room);
        if (again == null) {
          TimeUnit.MILLISECONDS.sleep(100); // polling pace while node B sees the close
        }
      }
      assertNotNull(again, "a socket on node A once one on node B closed");
      open.add(again);
    } finally {
      open.forEach(ChatSocket::close);
    }
  }

  @Test
  @Order(6)
  void aReceiverReconnectingWithAfterSeesEveryMessageOnceInOrderWhileBothNodesTakeMessages()
      throws Exception {
    Person alice = person("alice");
    Person bob = person("bob");
    Person carol = person("carol");
    String room = room("ordered");
    int perSender = 25;
    try (ChatSocket aliceOnA = ChatSocket.open(alice.onA(), room);
        ChatSocket bobOnB = ChatSocket.open(bob.onB(), room)) {
      aliceOnA.await("presence");
      bobOnB.await("presence");
      // Each sender stays within the rate limit (5 a second), both at once, on their own nodes.
      ScheduledExecutorService senders = Executors.newScheduledThreadPool(2);
      AtomicInteger aliceSent = new AtomicInteger();
      AtomicInteger bobSent = new AtomicInteger();
      try {
        senders.scheduleWithFixedDelay(
            () -> sendNext(aliceOnA, "from-a-", aliceSent, perSender),
            0,
            300,
            TimeUnit.MILLISECONDS);
        senders.scheduleWithFixedDelay(
            () -> sendNext(bobOnB, "from-b-", bobSent, perSender), 0, 300, TimeUnit.MILLISECONDS);

        // Carol keeps dropping her connection and coming back with the last id she saw, on
        // either node in turn, reading a few messages each time, until she has both senders' last
        // messages. While she lacks one, a message is still to come, so each wait ends.
        List<JsonObject> received = new ArrayList<>();
        Set<String> lastOnes = new HashSet<>(Set.of("from-a-" + perSender, "from-b-" + perSender));
        long lastSeen = 0;
        int connections = 0;
        while (!lastOnes.isEmpty()) {
          ChatHttp browser = connections++ % 2 == 0 ? carol.onA() : carol.onB();
          String after = "?after=" + lastSeen;
          try (ChatSocket carolSocket = ChatSocket.open(browser, room + after)) {
            AtomicInteger taken = new AtomicInteger();
            carolSocket.await(
                f -> {
                  if (!isMessage(f, "from-")) {
                    return false;
                  }
                  lastOnes.remove(f.getString("message"));
                  return taken.incrementAndGet() == 3 || lastOnes.isEmpty();
                },
                "the messages still missing, " + lastOnes + ", with " + after);
            List<JsonObject> messages =
                carolSocket.seen().stream().filter(f -> isMessage(f, "")).toList();
            received.addAll(messages);
            lastSeen = messages.get(messages.size() - 1).getJsonNumber("message_id").longValue();
          }
        }
        LOG.info("carol connected " + connections + " times and read " + received.size());

        List<Long> stored = storedIds(room);
        assertEquals(2 * perSender, stored.size(), "every message was stored");
        List<Long> seenIds =
            received.stream().map(f -> f.getJsonNumber("message_id").longValue()).toList();
        assertEquals(stored, seenIds, "carol saw each stored message once, in id order");
        List<Long> seqs = received.stream().map(f -> f.getJsonNumber("seq").longValue()).toList();
        assertEquals(
            java.util.stream.LongStream.rangeClosed(1, stored.size()).boxed().toList(),
            seqs,
            "the room's sequence numbers, without gaps");
      } finally {
        senders.shutdownNow();
        assertTrue(senders.awaitTermination(5, TimeUnit.SECONDS));
      }
    }
  }

  /** Sends the sender's next numbered message, until it has sent {@code total}. */
  private static void sendNext(ChatSocket sender, String prefix, AtomicInteger sent, int total) {
    if (sent.get() < total) {
      // Counted before it is sent: while the count is short of the total, a message is to come.
      sender.say(prefix + sent.incrementAndGet());
    }
  }

  /** The ids of the room's stored messages, in id order, read from the database itself. */
  private static List<Long> storedIds(String roomPath) throws Exception {
    String name = roomPath.substring(0, roomPath.length() - 1);
    try (java.sql.Connection db = database.connect();
        java.sql.PreparedStatement query =
            db.prepareStatement(
                "select m.id from message m join chat_room r on r.id = m.room_id"
                    + " where r.name = ? order by m.id")) {
      query.setString(1, name);
      List<Long> ids = new ArrayList<>();
      try (java.sql.ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          ids.add(rows.getLong(1));
        }
      }
      return ids;
    }
  }

  private static long count(List<JsonObject> frames, String prefix) {
    return frames.stream().filter(f -> isMessage(f, prefix)).count();
  }

  private static long errors(List<JsonObject> frames) {
    return frames.stream().filter(f -> "error".equals(f.getString("type", null))).count();
  }

  @Test
  @Order(2)
  void metricsAnswerOnlyTheAllowedAddressesAndTheTokensHolder() throws Exception {
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    HttpRequest.Builder metricsOnB =
        HttpRequest.newBuilder(nodeB.base().resolve("metrics")).timeout(Duration.ofSeconds(10));
    HttpResponse<String> opened =
        http.send(
            metricsOnB.copy().header("Authorization", "Bearer " + METRICS_TOKEN).build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(200, opened.statusCode());
    assertTrue(opened.body().contains("chat_connections_open"), opened.body());

    for (HttpRequest refused :
        List.of(
            metricsOnB.copy().build(),
            metricsOnB.copy().header("Authorization", "Bearer " + METRICS_TOKEN + "0").build(),
            // Without a trusted proxy, a forwarded address is not believed.
            metricsOnB.copy().header("X-Forwarded-For", "192.0.2.1").build())) {
      HttpResponse<String> answer = http.send(refused, HttpResponse.BodyHandlers.ofString());
      assertEquals(404, answer.statusCode(), refused.headers().toString());
      assertFalse(answer.body().contains("chat_"), answer.body());
    }
    HttpResponse<String> onA = new ChatHttp(nodeA.base()).get("metrics");
    assertEquals(200, onA.statusCode(), "loopback on A");
    assertTrue(onA.body().contains("\nchat_redis_up 1"), onA.body());
  }

  @Test
  @Order(7)
  void throughNginxOverTlsWithoutStickinessEveryRequestOfALoginWorksOnEitherNode()
      throws Exception {
    try (Nginx nginx = Nginx.start(nodeA.port(), nodeB.port())) {
      ChatHttp stranger = new ChatHttp(nginx.base());
      for (String operations : List.of("metrics", "health/ready", "health/live")) {
        assertEquals(404, stranger.get(operations).statusCode(), operations + " through nginx");
      }
      // Plain HTTP only leads to HTTPS, which browsers are told to keep to.
      HttpResponse<String> plain = new ChatHttp(nginx.plainBase()).get("chat/?q=x");
      assertEquals(301, plain.statusCode());
      assertEquals(
          nginx.base().resolve("chat/?q=x").toString(),
          plain.headers().firstValue("Location").orElseThrow());
      HttpResponse<String> loginPage = stranger.get("accounts/login/");
      assertEquals(200, loginPage.statusCode());
      assertEquals(
          List.of("max-age=63072000"),
          loginPage.headers().allValues("Strict-Transport-Security"),
          "one HSTS header");
      assertHttp2(nginx);

      String heidi = "heidi" + NAMES.incrementAndGet();
      String ivan = "ivan" + NAMES.incrementAndGet();
      // The sign-up form is fetched from one node and posted to the other, and so on: nginx
      // takes turns and pins nobody.
      ChatHttp heidiBrowser = new ChatHttp(nginx.base()).keepingSignedIn().signUp(heidi, PASSWORD);
      ChatHttp ivanBrowser = new ChatHttp(nginx.base()).keepingSignedIn().signUp(ivan, PASSWORD);
      assertNull(heidiBrowser.cookie("roomchat_node"), "no pin cookie");
      // Session, form token, login and device: every cookie the site sets is Secure.
      Set<String> names = new HashSet<>();
      for (String cookie : heidiBrowser.cookiesSet()) {
        names.add(cookie.substring(0, cookie.indexOf('=')));
        assertTrue(cookie.matches("(?i).*;\\s*secure(;.*|$)"), cookie);
      }
      assertTrue(
          names.containsAll(
              List.of(
                  ChatHttp.SESSION_COOKIE,
                  ChatHttp.CSRF_COOKIE,
                  ChatHttp.LOGIN_COOKIE,
                  ChatHttp.DEVICE_COOKIE)),
          names::toString);

      String room = room("proxied");
      for (int i = 0; i < 4; i++) {
        HttpResponse<String> page = heidiBrowser.get("chat/" + room);
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("<span class=\"who\">" + heidi + "</span>"), "page " + i);
        // A form post, with the token of a page that may have come from the other node.
        HttpResponse<String> entered =
            heidiBrowser.post("chat/", Map.of("room", room.replace("/", "")));
        assertEquals(302, entered.statusCode(), entered::body);
      }
      List<ChatSocket> sockets = new ArrayList<>();
      try {
        for (int i = 0; i < 4; i++) {
          ChatSocket socket = ChatSocket.open(heidiBrowser, room);
          socket.await("presence");
          sockets.add(socket);
        }
        String connected = "connect user=" + heidi + " room=" + room.replace("/", "");
        assertTrue(nodeA.output().contains(connected), "a socket of heidi's on node A");
        assertTrue(nodeB.output().contains(connected), "a socket of heidi's on node B");
        try (ChatSocket ivanSocket = ChatSocket.open(ivanBrowser, room)) {
          ivanSocket.await("presence");
          ChatSocket heidiSocket = sockets.get(0);
          heidiSocket.await(f -> isUserEvent(f, "user_join", ivan), "ivan's join");
          heidiSocket.say("through nginx");
          assertEquals(heidi, ivanSocket.awaitMessage("through nginx").getString("username"));
          for (ChatSocket socket : sockets) {
            socket.awaitMessage("through nginx");
          }
        }
      } finally {
        sockets.forEach(ChatSocket::close);
      }
    }
  }

  @Test
  @Order(7)
  void logoutEndsThatLoginOnEveryNodeAndSignOutEverywhereEndsThemAll() throws Exception {
    String judy = "judy" + NAMES.incrementAndGet();
    new ChatHttp(nodeA.base()).signUp(judy, PASSWORD);
    ChatHttp laptop = new ChatHttp(nodeA.base()).keepingSignedIn().logIn(judy, PASSWORD);
    ChatHttp laptopOnB = laptop.at(nodeB.base());
    ChatHttp phone = new ChatHttp(nodeB.base()).keepingSignedIn().logIn(judy, PASSWORD);
    ChatHttp phoneOnA = phone.at(nodeA.base());
    String room = room("logout");

    try (ChatSocket laptopSocketOnA = ChatSocket.open(laptop, room);
        ChatSocket laptopSocketOnB = ChatSocket.open(laptopOnB, room);
        ChatSocket phoneSocketOnA = ChatSocket.open(phoneOnA, room);
        ChatSocket phoneSocketOnB = ChatSocket.open(phone, room)) {
      for (ChatSocket socket :
          List.of(laptopSocketOnA, laptopSocketOnB, phoneSocketOnA, phoneSocketOnB)) {
        socket.await("presence");
      }
      assertEquals(302, laptop.post("accounts/logout/", Map.of()).statusCode());
      // The laptop's login has ended on both nodes, sockets and pages; the phone's has not, and
      // its sockets on both nodes, beside the closed ones, go on chatting.
      laptopSocketOnA.assertClosedWith(1008);
      laptopSocketOnB.assertClosedWith(1008);
      phoneSocketOnA.say("still here on A");
      phoneSocketOnB.awaitMessage("still here on A");
      phoneSocketOnB.say("still here on B");
      phoneSocketOnA.awaitMessage("still here on B");
      assertEquals(302, laptopOnB.get("chat/" + room).statusCode(), "laptop logged out on B");
      assertEquals(
          401,
          ChatSocket.refusedStatus(
              nodeB.base(),
              room,
              laptopOnB.cookieHeader(),
              "http://" + nodeB.base().getAuthority()));
      assertEquals(200, phone.get("chat/" + room).statusCode(), "the phone is still logged in");
      try (ChatSocket phoneAgain = ChatSocket.open(phoneOnA, room)) {
        phoneAgain.await("presence");
      }
    }

    ChatHttp tablet = new ChatHttp(nodeA.base()).keepingSignedIn().logIn(judy, PASSWORD);
    try (ChatSocket tabletSocketOnA = ChatSocket.open(tablet, room);
        ChatSocket phoneSocketOnB = ChatSocket.open(phone, room)) {
      tabletSocketOnA.await("presence");
      phoneSocketOnB.await("presence");
      HttpResponse<String> everywhere = phone.post("accounts/logout/", Map.of("everywhere", "1"));
      assertEquals(302, everywhere.statusCode());
      tabletSocketOnA.assertClosedWith(1008);
      phoneSocketOnB.assertClosedWith(1008);
      for (ChatHttp browser : List.of(tablet, tablet.at(nodeB.base()), phone, phoneOnA)) {
        assertEquals(302, browser.get("chat/" + room).statusCode(), "logged out everywhere");
      }
    }
  }

  @Test
  @Order(7)
  void aCopiedLoginCookieUsedAfterItsRotationRevokesTheLogin() throws Exception {
    String kate = "kate" + NAMES.incrementAndGet();
    ChatHttp browser = new ChatHttp(nodeA.base()).keepingSignedIn().signUp(kate, PASSWORD);
    String copied = browser.cookie(ChatHttp.LOGIN_COOKIE);
    String room = room("stolen");
    // These nodes rotate the login's secret at every page load; the browser keeps the newest.
    assertEquals(200, browser.get("chat/" + room).statusCode());
    assertEquals(200, browser.at(nodeB.base()).get("chat/" + room).statusCode());
    assertNotEquals(copied, browser.cookie(ChatHttp.LOGIN_COOKIE), "the cookie was rotated");

    try (ChatSocket kateSocket = ChatSocket.open(browser.at(nodeB.base()), room)) {
      kateSocket.await("presence");
      ChatHttp thief = new ChatHttp(nodeA.base()).withCookie(ChatHttp.LOGIN_COOKIE, copied);
      HttpResponse<String> stolen = thief.get("chat/" + room);
      assertEquals(302, stolen.statusCode(), "the copy logs nobody in");
      // Someone else holds the login: it ends for both, sockets on every node included.
      kateSocket.assertClosedWith(1008);
      assertEquals(302, browser.get("chat/" + room).statusCode(), "kate logs in again");
      assertTrue(nodeA.output().contains("login_reused user=" + kate));
    }
  }

  @Test
  @Order(7)
  void aCopiedCookieThatOpenedASessionLosesItAfterTheOwnersRotations() throws Exception {
    String liam = "liam" + NAMES.incrementAndGet();
    ChatHttp owner = new ChatHttp(nodeA.base()).keepingSignedIn().signUp(liam, PASSWORD);
    String room = room("copied");
    String copied = owner.cookie(ChatHttp.LOGIN_COOKIE);
    // These nodes rotate the secret at every page load. The owner's page rotates it; the copy,
    // used within the grace period of its secret, gets a session on node B, and its page rotates
    // nothing (only the current secret is rotated).
    assertEquals(200, owner.get("chat/" + room).statusCode());
    ChatHttp thief = new ChatHttp(nodeB.base()).withCookie(ChatHttp.LOGIN_COOKIE, copied);
    assertEquals(200, thief.get("chat/" + room).statusCode(), "the copy is liam until found out");
    assertEquals(copied, thief.cookie(ChatHttp.LOGIN_COOKIE));
    assertNotNull(thief.sessionId(), "the copy has a session on node B");
    ChatHttp thiefSessionOnly =
        new ChatHttp(nodeB.base()).withCookie(ChatHttp.SESSION_COOKIE, thief.sessionId());

    try (ChatSocket thiefSocket = ChatSocket.open(thiefSessionOnly, room)) {
      thiefSocket.await("presence");
      // One more page of the owner's: the generation the copy's session was built on is now two
      // behind, which no request on its way can explain.
      assertEquals(200, owner.get("chat/" + room).statusCode());

      // The session alone, without the cookie, gives the copy away.
      HttpResponse<String> found = thiefSessionOnly.get("chat/" + room);
      assertEquals(302, found.statusCode(), "the stale session logs nobody in");
      // Ending the session closes its sockets twice at once, the runtime for the session and the
      // revocation for the login; when the runtime's close wins, the copy sees the connection
      // drop (1006) instead of the revocation's 1008. Either way the copy's socket is gone.
      int code = thiefSocket.awaitClose().getCloseCode().getCode();
      assertTrue(code == 1008 || code == 1006, "the copy's socket closed with " + code);
      assertEquals(302, thief.get("chat/" + room).statusCode(), "nor does its cookie");
      assertEquals(302, owner.get("chat/" + room).statusCode(), "liam logs in again");
      assertTrue(nodeB.output().contains("login_reused user=" + liam));
    }

    // The same with the copied cookie sent beside its session: its old secret gives it away, at
    // a WebSocket handshake too.
    ChatHttp again = new ChatHttp(nodeA.base()).keepingSignedIn().logIn(liam, PASSWORD);
    String copiedAgain = again.cookie(ChatHttp.LOGIN_COOKIE);
    assertEquals(200, again.get("chat/" + room).statusCode());
    ChatHttp copy = new ChatHttp(nodeB.base()).withCookie(ChatHttp.LOGIN_COOKIE, copiedAgain);
    assertEquals(200, copy.get("chat/" + room).statusCode());
    assertNotNull(copy.sessionId(), "the copy has a session on node B");
    assertEquals(200, again.get("chat/" + room).statusCode());
    try (ChatSocket ownerSocket = ChatSocket.open(again, room)) {
      ownerSocket.await("presence");
      assertEquals(
          401,
          ChatSocket.refusedStatus(
              nodeB.base(), room, copy.cookieHeader(), "http://" + nodeB.base().getAuthority()),
          "the copy's handshake, with its session and its old secret, is refused");
      ownerSocket.assertClosedWith(1008);
      assertEquals(302, again.get("chat/" + room).statusCode(), "the login ended everywhere");
    }
  }

  /** A rolling restart through nginx: each node stopped and started again, one at a time. */
  @Test
  @Order(8)
  void aRollingRestartUnderLivePagesLosesNoMessageAndAsksNobodyToLogIn() throws Exception {
    String room = room("rolling");
    try (Nginx nginx = Nginx.start(nodeA.port(), nodeB.port())) {
      List<ChatHttp> browsers = new ArrayList<>();
      for (String name : List.of("lena", "mats", "nora")) {
        browsers.add(
            new ChatHttp(nginx.base())
                .keepingSignedIn()
                .signUp(name + NAMES.incrementAndGet(), PASSWORD));
      }
      List<ReconnectingMember> members = new ArrayList<>();
      List<String> acknowledged = new ArrayList<>();
      try {
        for (ChatHttp browser : browsers) {
          members.add(ReconnectingMember.join(browser, room));
        }
        for (ReconnectingMember member : members) {
          member.awaitJoined(ChatSocket.TIMEOUT);
        }
        ReconnectingMember sender = members.get(0);
        AtomicInteger sent = new AtomicInteger();
        talk(sender, sent, acknowledged, 10);
        nodeA = restart(nodeA);
        talk(sender, sent, acknowledged, 10);
        nodeB = restart(nodeB);
        talk(sender, sent, acknowledged, 10);

        for (ReconnectingMember member : members) {
          assertTrue(
              LocalProcess.await(
                  Duration.ofSeconds(30),
                  Duration.ofMillis(100),
                  () -> member.texts().containsAll(acknowledged)),
              () -> "missing at a member: " + member.texts());
        }
        for (ReconnectingMember member : members) {
          assertEquals(0, member.duplicates(), "a message shown twice");
          assertEquals(0, member.outOfOrder(), "a message shown out of order");
          assertEquals(0, member.loginsAsked(), "a page asked for a login");
          assertTrue(member.connections() >= 2, "the page reconnected at least once");
        }
      } finally {
        for (ReconnectingMember member : members) {
          member.close();
        }
      }
      for (ChatHttp browser : browsers) {
        assertEquals(200, browser.get("chat/" + room).statusCode(), "still logged in");
      }
    }
  }

  /**
   * Sends {@code count} messages through whatever socket the sender has, each acknowledged (come
   * back with its id) before the next; a message not acknowledged within a while is sent again,
   * as a user whose message did not show would.
   */
  private static void talk(
      ReconnectingMember sender, AtomicInteger sent, List<String> acknowledged, int count) {
    for (int i = 0; i < count; i++) {
      String text = "rolling-" + sent.incrementAndGet();
      String frame = Json.createObjectBuilder().add("message", text).build().toString();
      AtomicInteger polls = new AtomicInteger();
      boolean shown =
          LocalProcess.await(
              Duration.ofSeconds(60),
              Duration.ofMillis(100),
              () -> {
                if (sender.texts().contains(text)) {
                  return true;
                }
                ChatSocket socket = sender.socket();
                if (socket != null && polls.getAndIncrement() % 30 == 0) {
                  socket.offer(frame);
                }
                return false;
              });
      assertTrue(shown, text + " never came back");
      acknowledged.add(text);
    }
  }

  /** Stops the node as a service manager does and starts it again on the same port. */
  private static ServerNode restart(ServerNode node) {
    node.stop();
    return ServerNode.start(
            node.name(),
            Map.of("REDIS_URL", redis.url(), "DATABASE_URL", database.url()),
            properties(node.name()),
            node.port())
        .awaitReady();
  }

  @Test
  @Order(9)
  void aRedisCrashLosesNoStoredMessageAndDeliveryResumesByItself() throws Exception {
    Person alice = person("alice");
    Person bob = person("bob");
    Person carl = person("carl");
    String room = room("outage");
    try (ChatSocket aliceOnA = ChatSocket.open(alice.onA(), room);
        ChatSocket carlOnA = ChatSocket.open(carl.onA(), room);
        ChatSocket bobOnB = ChatSocket.open(bob.onB(), room)) {
      aliceOnA.await("presence");
      carlOnA.await("presence");
      bobOnB.await("presence");
      aliceOnA.say("before the crash");
      long lastSeenByBob =
          bobOnB.awaitMessage("before the crash").getJsonNumber("message_id").longValue();

      redis.kill();
      assertReadiness(nodeA, 503, "with Redis gone");
      // Node A keeps serving its own room: alice still gets her messages, stored.
      List<Long> stored = new ArrayList<>();
      for (int i = 1; i <= 3; i++) {
        aliceOnA.say("during-" + i);
        stored.add(aliceOnA.awaitMessage("during-" + i).getJsonNumber("message_id").longValue());
      }

      redis.restart();
      long restarted = System.nanoTime();
      // Node B reads what node A stored while they could not hear each other: bob gets those
      // messages live, in order, without reconnecting.
      for (int i = 1; i <= 3; i++) {
        bobOnB.awaitMessage("during-" + i);
      }
      // Carl probes every 300 ms (within the rate limit) until bob, on node B, hears one.
      ScheduledExecutorService prober = Executors.newSingleThreadScheduledExecutor();
      AtomicInteger probes = new AtomicInteger();
      try {
        prober.scheduleWithFixedDelay(
            () -> carlOnA.say("probe-" + probes.incrementAndGet()), 0, 300, TimeUnit.MILLISECONDS);
        bobOnB.await(f -> isMessage(f, "probe-"), "a probe across nodes", Duration.ofSeconds(20));
      } finally {
        prober.shutdownNow();
        assertTrue(prober.awaitTermination(5, TimeUnit.SECONDS));
      }
      Duration resumedAfter = Duration.ofNanos(System.nanoTime() - restarted);
      LOG.info("cross-node delivery resumed " + resumedAfter.toMillis() + " ms after the restart");
      assertTrue(
          resumedAfter.compareTo(Duration.ofSeconds(10)) < 0,
          "cross-node delivery resumed only after " + resumedAfter);
      assertReadiness(nodeB, 200, "with Redis back");

      // Every message its sender got back is stored: bob has had them all live, once each, in
      // order, and catches up on all of them, in order.
      String lastProbe = "probe-" + probes.get();
      carlOnA.awaitMessage(lastProbe);
      carlOnA.seen().stream()
          .filter(f -> isMessage(f, "probe-"))
          .forEach(f -> stored.add(f.getJsonNumber("message_id").longValue()));
      if (bobOnB.seen().stream().noneMatch(f -> lastProbe.equals(f.getString("message", "")))) {
        bobOnB.awaitMessage(lastProbe);
      }
      assertEquals(
          stored,
          bobOnB.seen().stream()
              .filter(f -> isMessage(f, "during-") || isMessage(f, "probe-"))
              .map(f -> f.getJsonNumber("message_id").longValue())
              .toList(),
          "bob's live messages");
      try (ChatSocket bobCatchingUp =
          ChatSocket.open(bob.onB(), room + "?after=" + lastSeenByBob)) {
        bobCatchingUp.awaitMessage(lastProbe);
        List<Long> caughtUp =
            bobCatchingUp.seen().stream()
                .filter(f -> isMessage(f, ""))
                .map(f -> f.getJsonNumber("message_id").longValue())
                .toList();
        assertEquals(stored, caughtUp);
      }
    }
    assertOutageLoggedOnce(nodeA);
    assertOutageLoggedOnce(nodeB);
  }

  /** Waits until the node's readiness answers the status (a load balancer polls it so). */
  private static void assertReadiness(ServerNode node, int status, String when) {
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();
    HttpRequest ready =
        HttpRequest.newBuilder(node.healthBase().resolve("health/ready"))
            .timeout(Duration.ofSeconds(5))
            .build();
    assertTrue(
        LocalProcess.await(
            Duration.ofSeconds(10),
            Duration.ofMillis(100),
            () -> {
              try {
                return http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode()
                    == status;
              } catch (IOException e) {
                return false;
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
              }
            }),
        node.name() + " readiness did not answer " + status + " " + when);
  }

  private static void assertOutageLoggedOnce(ServerNode node) throws IOException {
    List<String> lines = Files.readAllLines(node.log());
    long outages = lines.stream().filter(l -> l.contains("went away")).count();
    long recoveries = lines.stream().filter(l -> l.contains("is reachable again")).count();
    assertEquals(1, outages, node.name() + " logged the outage " + outages + " times");
    assertEquals(1, recoveries, node.name() + " logged the recovery " + recoveries + " times");
  }

  @Test
  @Order(10)
  void theUsersOfANodeThatDiesLeaveWithin30Seconds() throws Exception {
    Person frank = person("frank");
    Person grace = person("grace");
    String room = room("crash");
    try (ChatSocket graceOnA = ChatSocket.open(grace.onA(), room)) {
      graceOnA.await("presence");
      ChatSocket frankOnB = ChatSocket.open(frank.onB(), room); // dies with its node
      frankOnB.await("presence");
      for (int i = 1; i < 20; i++) {
        assertNotNull(ChatSocket.openUnlessRefused(frank.onB(), room)); // the cap's worth on B
      }
      graceOnA.await(f -> isUserEvent(f, "user_join", frank.name()), "frank's join");

      nodeB.kill();
      long killed = System.nanoTime();
      graceOnA.await(
          f -> isUserEvent(f, "user_leave", frank.name()),
          "frank's leave after his node died",
          Duration.ofSeconds(40));
      Duration leftAfter = Duration.ofNanos(System.nanoTime() - killed);
      LOG.info("a dead node's user left " + leftAfter.toMillis() + " ms after the kill");
      assertTrue(
          leftAfter.compareTo(Duration.ofSeconds(30)) <= 0, "frank left only after " + leftAfter);

      try (ChatSocket graceAgain = ChatSocket.open(grace.onA(), room)) {
        assertEquals(List.of(grace.name()), presence(graceAgain.await("presence")));
      }

      // Frank's sockets counted on the dead node expire with it: he may open his 20 on node A.
      List<ChatSocket> frankOnA = new ArrayList<>();
      try {
        for (long end = killed + Duration.ofSeconds(30).toNanos();
            frankOnA.size() < 20 && System.nanoTime() < end; ) {
          ChatSocket socket = ChatSocket.openUnlessRefused(frank.onA(), room);
          if (socket == null) {
            TimeUnit.MILLISECONDS.sleep(200); // polling pace while the dead node's entries expire
          } else {
            frankOnA.add(socket);
          }
        }
        assertEquals(20, frankOnA.size(), "frank's sockets on node A within 30 s of the kill");
      } finally {
        frankOnA.forEach(ChatSocket::close);
      }
    }
  }

  /** Pages reach a browser that speaks HTTP/2 over HTTP/2. */
  private static void assertHttp2(Nginx nginx) throws IOException, InterruptedException {
    HttpClient http2 =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_2)
            .sslContext(TlsCertificate.localhost().clientContext())
            .build();
    HttpResponse<String> page =
        http2.send(
            HttpRequest.newBuilder(nginx.base().resolve("accounts/login/")).build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(200, page.statusCode());
    assertEquals(HttpClient.Version.HTTP_2, page.version());
  }
}
