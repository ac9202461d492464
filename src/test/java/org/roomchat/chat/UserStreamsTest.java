package org.roomchat.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.util.ArrayDeque;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.roomchat.group.InProcessNodeBroadcast;
import org.roomchat.protocol.CloseCode;
import org.roomchat.room.MembershipChange;
import org.roomchat.room.ReadMarkers;
import org.roomchat.room.StoredMessage;
import org.roomchat.room.UnreadCount;

/**
 * Users' own streams over the in-process notices and an in-memory database: summaries, counts
 * gathered per flush, reads, mentions, memberships, and notices that cross a summary being read.
 */
class UserStreamsTest {

  private static final long ALICE = 1;
  private static final long BOB = 2;
  private static final long CAROL = 3;
  private static final long LOBBY = 10;
  private static final long SECRET = 20;

  private final MemoryReadMarkers db = new MemoryReadMarkers();
  private final ManualScheduler scheduler = new ManualScheduler();
  private final ArrayDeque<Runnable> tasks = new ArrayDeque<>();
  private final OpenConnections connections = new OpenConnections(Runnable::run);
  private UserStreams streams;

  @BeforeEach
  void wire() {
    db.person(ALICE, "alice");
    db.person(BOB, "bob");
    db.person(CAROL, "carol");
    db.room(LOBBY, "lobby", UnreadCount.Place.PUBLIC_ROOM);
    db.join(LOBBY, ALICE);
    db.join(LOBBY, BOB);
    db.room(SECRET, "secret", UnreadCount.Place.PRIVATE_ROOM);
    db.join(SECRET, ALICE);
    streams = new UserStreams();
    streams.broadcast = new InProcessNodeBroadcast();
    streams.markers = db;
    streams.connections = connections;
    streams.executor = tasks::add;
    streams.scheduler = scheduler;
    streams.init();
    streams.listen(null);
  }

  /** Runs what the executor holds, and what that hands it, until nothing is left. */
  private void settle() {
    for (Runnable task = tasks.poll(); task != null; task = tasks.poll()) {
      task.run();
    }
  }

  /** The flush that sends the gathered counts, as its timer would. */
  private void flush() {
    settle();
    scheduler.runDue();
    settle();
  }

  private FakeStream open(long userId, String name) {
    FakeStream stream = new FakeStream(userId, name);
    streams.open(stream);
    settle();
    return stream;
  }

  private StoredMessage say(long roomId, long authorId, String text, long... mentioned) {
    StoredMessage message = db.store(roomId, authorId, text, mentioned);
    streams.messageStored(roomId, authorId, message);
    settle();
    return message;
  }

  private void read(long userId, long roomId, long messageId) {
    if (db.markRead(roomId, userId, messageId) instanceof ReadMarkers.Moved moved) {
      streams.markerMoved(userId, roomId, moved);
    }
    settle();
  }

  private static List<String> types(List<JsonObject> frames) {
    return frames.stream().map(f -> f.getString("type")).toList();
  }

  private static JsonObject only(List<JsonObject> frames, String type) {
    List<JsonObject> found = frames.stream().filter(f -> type.equals(f.getString("type"))).toList();
    assertEquals(1, found.size(), () -> "one " + type + " in " + frames);
    return found.get(0);
  }

  @Test
  void theFirstFrameSumsUpEveryRoomAndEveryConversationWithMessages() {
    db.conversation(30, ALICE, BOB);
    db.conversation(31, ALICE, CAROL);
    say(30, BOB, "hi alice");
    say(LOBBY, BOB, "hello");

    FakeStream alice = open(ALICE, "alice");

    List<JsonObject> frames = alice.take();
    assertEquals(List.of("unread_summary"), types(frames));
    JsonObject summary = frames.get(0);
    List<JsonObject> rooms = summary.getJsonArray("rooms").getValuesAs(JsonObject.class);
    assertEquals(List.of("lobby", "secret"), rooms.stream().map(r -> r.getString("room")).toList());
    assertEquals(1, rooms.get(0).getInt("unread"));
    assertEquals(0, rooms.get(1).getInt("unread"));
    List<JsonObject> dms = summary.getJsonArray("dms").getValuesAs(JsonObject.class);
    assertEquals(1, dms.size(), "a conversation without messages is not listed");
    assertEquals("bob", dms.get(0).getString("user"));
    assertEquals(1, dms.get(0).getInt("unread"));
    assertFalse(dms.get(0).containsKey("room"));
  }

  @Test
  void aMessageReachesTheOtherMembersStreamsAtTheNextFlush() {
    FakeStream bob = open(BOB, "bob");
    bob.take();

    StoredMessage message = say(LOBBY, ALICE, "x".repeat(150));
    assertTrue(bob.take().isEmpty(), "gathered until the flush");
    flush();

    JsonObject unread = only(bob.take(), "unread");
    assertEquals("lobby", unread.getString("room"));
    assertEquals(1, unread.getInt("unread"));
    assertEquals(0, unread.getInt("mentions"));
    assertEquals(message.id(), unread.getJsonNumber("last_message_id").longValue());
    assertEquals("alice", unread.getString("from"));
    assertEquals("x".repeat(100), unread.getString("preview"));
  }

  @Test
  void aBusyRoomBecomesOneFramePerFlush() {
    FakeStream bob = open(BOB, "bob");
    bob.take();

    for (int i = 1; i <= 50; i++) {
      say(LOBBY, ALICE, "m" + i);
    }
    assertEquals(1, scheduler.pending(), "one flush for them all");
    flush();

    JsonObject unread = only(bob.take(), "unread");
    assertEquals(50, unread.getInt("unread"));
    assertEquals("m50", unread.getString("preview"));
  }

  @Test
  void postingReadsTheRoomForTheAuthorsOtherDevices() {
    say(LOBBY, BOB, "one");
    FakeStream alice = open(ALICE, "alice");
    assertEquals(
        1,
        alice
            .take()
            .get(0)
            .getJsonArray("rooms")
            .getValuesAs(JsonObject.class)
            .get(0)
            .getInt("unread"));

    say(LOBBY, ALICE, "two");
    flush();

    JsonObject unread = only(alice.take(), "unread");
    assertEquals(0, unread.getInt("unread"));
  }

  @Test
  void mentionsCountForTheMentionedOnly() {
    FakeStream bob = open(BOB, "bob");
    FakeStream alice = open(ALICE, "alice");
    bob.take();
    alice.take();

    say(LOBBY, ALICE, "@bob look", BOB);
    say(LOBBY, ALICE, "again @bob", BOB);
    flush();

    assertEquals(2, only(bob.take(), "unread").getInt("mentions"));
    assertEquals(0, only(alice.take(), "unread").getInt("mentions"));
  }

  @Test
  void aReadReachesEveryStreamOfTheReaderAndTheMarkerNeverGoesBack() {
    FakeStream phone = open(BOB, "bob");
    FakeStream laptop = open(BOB, "bob");
    assertEquals(List.of("unread_summary"), types(laptop.take()));
    phone.take();
    StoredMessage first = say(LOBBY, ALICE, "one @bob", BOB);
    StoredMessage second = say(LOBBY, ALICE, "two");
    say(LOBBY, ALICE, "three @bob", BOB);
    flush();
    assertEquals(3, only(phone.take(), "unread").getInt("unread"));
    laptop.take();

    read(BOB, LOBBY, second.id());
    flush();

    for (FakeStream stream : List.of(phone, laptop)) {
      JsonObject unread = only(stream.take(), "unread");
      assertEquals(1, unread.getInt("unread"));
      assertEquals(1, unread.getInt("mentions"));
    }

    read(BOB, LOBBY, first.id()); // behind the marker: nothing changes, nothing is sent
    flush();
    assertTrue(phone.take().isEmpty());
    say(LOBBY, ALICE, "four");
    flush();
    assertEquals(2, only(phone.take(), "unread").getInt("unread"));
  }

  @Test
  void beingAddedToAndRemovedFromAPrivateRoomIsAnnounced() {
    FakeStream bob = open(BOB, "bob");
    bob.take();

    db.join(SECRET, BOB);
    streams.membershipChanged(new MembershipChange(SECRET, BOB, true));
    settle();
    flush();
    List<JsonObject> frames = bob.take();
    assertEquals(List.of("room_added", "unread"), types(frames));
    assertEquals("secret", frames.get(0).getString("room"));

    say(SECRET, ALICE, "welcome @bob", BOB);
    flush();
    assertEquals(1, only(bob.take(), "unread").getInt("mentions"));

    db.leave(SECRET, BOB);
    streams.membershipChanged(new MembershipChange(SECRET, BOB, false));
    settle();
    assertEquals("room_removed", only(bob.take(), "room_removed").getString("type"));
    say(SECRET, ALICE, "gone?");
    flush();
    assertTrue(bob.take().isEmpty());
  }

  @Test
  void enteringAPublicRoomIsNoAnnouncementButItCountsFromThen() {
    db.room(40, "open", UnreadCount.Place.PUBLIC_ROOM);
    FakeStream carol = open(CAROL, "carol");
    carol.take();

    db.join(40, CAROL);
    streams.membershipChanged(new MembershipChange(40, CAROL, true));
    settle();
    say(40, ALICE, "hi");
    flush();

    List<JsonObject> frames = carol.take();
    assertFalse(types(frames).contains("room_added"));
    assertEquals(1, frames.get(frames.size() - 1).getInt("unread"));
  }

  @Test
  void aNonMemberHearsNothingOfAPrivateRoom() {
    FakeStream carol = open(CAROL, "carol");
    carol.take();

    say(SECRET, ALICE, "@carol are you there?", CAROL); // not a reader: not mentioned
    flush();

    assertTrue(carol.take().isEmpty());
  }

  @Test
  void aConversationsFirstMessageReachesTheOtherMember() {
    FakeStream bob = open(BOB, "bob");
    bob.take();
    db.conversation(30, ALICE, BOB); // no membership notice: the message alone tells

    say(30, ALICE, "psst");
    flush();

    JsonObject unread = only(bob.take(), "unread");
    assertEquals("alice", unread.getString("user"));
    assertEquals(1, unread.getInt("unread"));
    assertEquals("alice", unread.getString("from"));
    assertEquals("psst", unread.getString("preview"));
  }

  @Test
  void aMessageStoredWhileTheSummaryIsReadIsCountedOnce() {
    // Stored after the read: the summary misses it, and the notice, held meanwhile, adds it.
    db.afterNextRead = () -> say(LOBBY, ALICE, "during @bob", BOB);
    FakeStream bob = open(BOB, "bob");
    flush();
    List<JsonObject> frames = bob.take();
    JsonObject lobby = frames.get(0).getJsonArray("rooms").getValuesAs(JsonObject.class).get(0);
    assertEquals(1, lobby.getInt("unread"));
    assertEquals(1, lobby.getInt("mentions"));

    // Stored before the read: in the summary, and its notice, held meanwhile, changes nothing.
    FakeStream alice = new FakeStream(ALICE, "alice");
    streams.open(alice);
    StoredMessage before = db.store(LOBBY, BOB, "@alice before", ALICE);
    streams.messageStored(LOBBY, BOB, before);
    settle();
    JsonObject aliceLobby =
        alice.take().get(0).getJsonArray("rooms").getValuesAs(JsonObject.class).stream()
            .filter(r -> r.getString("room").equals("lobby"))
            .findFirst()
            .orElseThrow();
    assertEquals(1, aliceLobby.getInt("mentions"));
  }

  @Test
  void aSummaryThatCannotBeReadClosesTheStreamForARetry() {
    db.failReads = true;
    FakeStream bob = open(BOB, "bob");

    assertEquals(List.of(CloseCode.TRY_AGAIN_LATER), bob.closedWith);
    assertTrue(bob.take().isEmpty());
  }

  @Test
  void aClosedStreamIsForgotten() {
    FakeStream bob = open(BOB, "bob");
    assertEquals(List.of(bob), connections.all());

    streams.close(bob);
    settle();
    say(LOBBY, ALICE, "anyone?");
    flush();

    assertTrue(connections.all().isEmpty());
    assertEquals(List.of("unread_summary"), types(bob.take()));
  }

  @Test
  void aSecondStreamGetsItsSummaryFromMemory() {
    open(BOB, "bob");
    say(LOBBY, ALICE, "one");
    FakeStream second = open(BOB, "bob");

    assertEquals(1, db.reads);
    JsonObject lobby =
        second.take().get(0).getJsonArray("rooms").getValuesAs(JsonObject.class).get(0);
    assertEquals(1, lobby.getInt("unread"));
  }

  @Test
  void aPreviewNeverCutsACharacterInTwo() {
    String emoji = "\ud83d\ude00";
    assertEquals(emoji.repeat(100), UserStreams.preview(emoji.repeat(150)));
    assertEquals("short", UserStreams.preview("short"));
  }
}
