package org.roomchat.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.roomchat.config.ChatSettings;
import org.roomchat.config.LimitSettings;
import org.roomchat.group.InProcessGroupRegistry;
import org.roomchat.group.InProcessNodeBroadcast;
import org.roomchat.guard.MessagePolicy;
import org.roomchat.guard.SlidingWindowRateLimiter;
import org.roomchat.protocol.ClientFrame;
import org.roomchat.protocol.CloseCode;
import org.roomchat.protocol.Rejection;
import org.roomchat.room.InProcessPresence;
import org.roomchat.room.Member;
import org.roomchat.room.MemberRole;
import org.roomchat.room.MessageRevisions;
import org.roomchat.room.MessageStore;
import org.roomchat.room.ModerationLog;
import org.roomchat.room.OnlineUsers;
import org.roomchat.room.PendingMessage;
import org.roomchat.room.Person;
import org.roomchat.room.RestrictionKind;
import org.roomchat.room.RoomHistory;
import org.roomchat.room.RoomMembers;
import org.roomchat.room.RoomName;
import org.roomchat.room.StoredMessage;
import org.roomchat.room.UnreadCount;
import org.roomchat.room.UserBlocks;

/** The room use cases over the in-process adapters and an in-memory store: no server, no Redis. */
class RoomChatTest {

  private static final RoomName LOBBY = new RoomName("lobby");
  private static final long LOBBY_ID = 7;
  private static final List<String> USERS = List.of("alice", "bob", "carol");

  private final MemoryStore store = new MemoryStore();
  private final RecordingOnlineUsers onlineUsers = new RecordingOnlineUsers();
  private final CountingMeter meter = new CountingMeter();
  private final DepartingPresence presence = new DepartingPresence();
  private final MemoryBlocks blocks = new MemoryBlocks();
  private final MemoryReadMarkers markers = new MemoryReadMarkers();
  private final Map<Long, MemberRole> roles = new HashMap<>();
  private long editWindow = 900;
  private final MemoryRestrictions restrictions = new MemoryRestrictions();
  private final MovableClock clock = new MovableClock();
  private final Mutes mutes = new Mutes();
  private final List<String> othersDeleted = new ArrayList<>();

  /** The moderation log's notes of deleted messages of others, as "actor deleted author's". */
  private final ModerationLog moderationLog =
      new ModerationLog() {
        @Override
        public void messageDeleted(long roomId, RoomName room, String actor, String author) {
          if (!actor.equals(author)) {
            othersDeleted.add(actor + " deleted " + author + "'s");
          }
        }
      };
  private RoomChat chat;

  @BeforeEach
  void wire() {
    chat = new RoomChat();
    chat.settings =
        new ChatSettings() {
          @Override
          public int catchUpLimit() {
            return 3;
          }

          @Override
          public String node() {
            return "n1";
          }

          @Override
          public long editWindowSeconds() {
            return editWindow;
          }
        };
    chat.limits =
        new LimitSettings() {
          @Override
          public int framesPerWindow() {
            return 1000;
          }

          @Override
          public Duration framesWindow() {
            return Duration.ofSeconds(5);
          }

          @Override
          public int faultsPerWindow() {
            return 4;
          }

          @Override
          public Duration faultsWindow() {
            return Duration.ofSeconds(10);
          }

          @Override
          public int typingPerSecond() {
            return 2;
          }
        };
    chat.groups = new InProcessGroupRegistry();
    chat.presence = presence;
    chat.history = store;
    chat.store = store;
    chat.onlineUsers = onlineUsers;
    chat.policy = new MessagePolicy(20, List.of("spam"));
    chat.meter = meter;
    chat.connections = new OpenConnections(Runnable::run);
    chat.rateLimiter = new SlidingWindowRateLimiter(3, Duration.ofMinutes(1));
    chat.executor = Runnable::run;
    chat.blocks = blocks;
    UserStreams streams = new UserStreams();
    streams.broadcast = new InProcessNodeBroadcast();
    streams.markers = markers;
    streams.connections = chat.connections;
    streams.executor = Runnable::run;
    streams.scheduler = new ManualScheduler();
    streams.init();
    streams.listen(null);
    chat.userStreams = streams;
    chat.reading = new ReadMarking();
    chat.reading.markers = markers;
    chat.reading.streams = streams;
    chat.changes = new MessageChanges();
    chat.changes.revisions = store;
    chat.changes.members = new LobbyRoles(roles);
    chat.changes.settings = chat.settings;
    chat.changes.log = moderationLog;
    mutes.restrictions = restrictions;
    mutes.broadcast = new InProcessNodeBroadcast();
    mutes.clock = clock;
    mutes.listen(null);
    chat.mutes = mutes;
    chat.init();
  }

  @Test
  void aJoinerGetsWhoIsOnlineAndTheOthersHearOfIt() {
    FakeClient alice = join("alice", null);
    FakeClient bob = join("bob", null);

    assertEquals(
        List.of("presence:[alice]", "user_join:alice", "user_join:bob"), alice.summaries());
    assertEquals(List.of("presence:[alice, bob]", "user_join:bob"), bob.summaries());
    assertEquals(List.of("online alice", "online bob"), onlineUsers.events);
    assertEquals(2, chat.connections.all().size());
  }

  @Test
  void aSecondConnectionOfTheSameUserIsNoNewsToTheRoom() {
    FakeClient alice = join("alice", null);
    FakeClient aliceAgain = join("alice", null);

    // The second connection alone hears its own join; the room, the first one included, does not.
    assertEquals(List.of("presence:[alice]", "user_join:alice"), alice.summaries());
    assertEquals(List.of("presence:[alice]", "user_join:alice"), aliceAgain.summaries());
    assertEquals(List.of("online alice"), onlineUsers.events);
  }

  @Test
  void aMessageIsStoredThenReachesEveryMemberWithItsIdAndSequence() {
    FakeClient alice = join("alice", null);
    FakeClient bob = join("bob", null);

    say(alice, "hello");

    assertEquals(1, store.messages.size());
    JsonObject frame = bob.last();
    assertEquals("message", frame.getString("type"));
    assertEquals("hello", frame.getString("message"));
    assertEquals("alice", frame.getString("username"));
    assertEquals(1, frame.getJsonNumber("message_id").longValue());
    assertEquals(1, frame.getJsonNumber("seq").longValue());
    assertEquals(frame, alice.last());
    assertEquals(1, meter.stored);
  }

  @Test
  void typingReachesTheOthersOnlyAndOnlyWhenItChanges() {
    FakeClient alice = join("alice", null);
    FakeClient bob = join("bob", null);
    int aliceBefore = alice.frames().size();

    chat.receive(alice, alice.budget, new ClientFrame.Typing(true));
    chat.receive(alice, alice.budget, new ClientFrame.Typing(true));

    assertEquals("typing:alice:true", bob.summaries().get(bob.summaries().size() - 1));
    assertEquals(1, bob.summaries().stream().filter(s -> s.startsWith("typing")).count());
    assertEquals(aliceBefore, alice.frames().size());
    assertEquals(1, meter.typingDropped);
  }

  @Test
  void aReconnectingClientGetsWhatItMissedBeforeThePresenceList() {
    FakeClient alice = join("alice", null);
    say(alice, "one");
    say(alice, "two");
    say(alice, "three");

    FakeClient back = join("bob", 1L);

    assertEquals(
        List.of("message:two", "message:three", "presence:[alice, bob]", "user_join:bob"),
        back.summaries());
    assertEquals(3, back.replayedUpTo);
  }

  @Test
  void aCatchUpOverTheLimitKeepsTheNewestAndMarksTheFirstAsTruncated() {
    chat.rateLimiter = new SlidingWindowRateLimiter(10, Duration.ofMinutes(1));
    FakeClient alice = join("alice", null);
    for (String text : List.of("m1", "m2", "m3", "m4", "m5")) {
      say(alice, text);
    }

    FakeClient back = join("bob", 0L);

    List<JsonObject> replay = back.frames().subList(0, 3);
    assertEquals(
        List.of("m3", "m4", "m5"), replay.stream().map(f -> f.getString("message")).toList());
    assertTrue(replay.get(0).getBoolean("truncated", false));
    assertFalse(replay.get(1).getBoolean("truncated", false));
  }

  @Test
  void readsMoveTheMarkerWithoutCountingAsMessagesAndABadIdIsRefused() {
    markers.person(1, "alice");
    markers.person(2, "bob");
    markers.room(LOBBY_ID, "lobby", UnreadCount.Place.PUBLIC_ROOM);
    markers.join(LOBBY_ID, 1);
    StoredMessage first = markers.store(LOBBY_ID, 2, "one");
    StoredMessage second = markers.store(LOBBY_ID, 2, "two");
    FakeClient alice = join("alice", null);

    for (int i = 0; i < 5; i++) { // more than the message rate limit allows
      long id = i % 2 == 0 ? second.id() : first.id();
      chat.receive(alice, alice.budget, new ClientFrame.Read(id));
    }
    chat.receive(alice, alice.budget, new ClientFrame.Read(999));

    assertEquals(List.of("error:invalid_read"), alice.errors());
    assertEquals(0, markers.unread(new Person(1, "alice"), LOBBY_ID).orElseThrow().unread());
  }

  @Test
  void aStoredMessageListsTheReadersItMentions() {
    FakeClient alice = join("alice", null);
    FakeClient bob = join("bob", null);
    store.mentioning = List.of(new Person(2, "bob"));

    say(alice, "hi @bob");

    assertEquals(List.of("@bob"), store.lastMentions);
    assertEquals(
        List.of("bob"), bob.last().getJsonArray("mentions").getValuesAs(JsonString::getString));
  }

  @Test
  void refusedMessagesGetTheirErrorCodeAndAreNotStored() {
    FakeClient alice = join("alice", null);

    say(alice, "x".repeat(21));
    say(alice, "buy spam now");
    say(alice, "   ");
    chat.receive(alice, alice.budget, new ClientFrame.Malformed(Rejection.NOT_JSON));

    assertEquals(
        List.of("error:too_long", "error:banned_word", "error:invalid_json"), alice.errors());
    assertTrue(store.messages.isEmpty());
  }

  @Test
  void theRateLimitRefusesTheFourthMessageInItsWindow() {
    FakeClient alice = join("alice", null);
    for (int i = 0; i < 4; i++) {
      say(alice, "m" + i);
    }

    assertEquals(3, store.messages.size());
    assertEquals(List.of("error:rate_limited"), alice.errors());
  }

  @Test
  void aMessageTheStoreCannotTakeIsReportedToItsSender() {
    FakeClient alice = join("alice", null);
    store.refuse = true;
    say(alice, "lost?");
    store.refuse = false;
    store.fail = true;
    say(alice, "failed?");

    assertEquals(List.of("error:not_stored", "error:not_stored"), alice.errors());
  }

  @Test
  void oneFaultTooManyClosesTheConnectionWith1008() {
    FakeClient alice = join("alice", null);
    for (int i = 0; i < 5; i++) {
      chat.receive(alice, alice.budget, new ClientFrame.Malformed(Rejection.NOT_JSON));
    }
    chat.receive(alice, alice.budget, new ClientFrame.Malformed(Rejection.NOT_JSON));

    assertEquals(4, alice.errors().size());
    assertEquals(List.of(CloseCode.VIOLATED_POLICY), alice.closedWith);
    assertEquals(1, meter.floods);
  }

  @Test
  void theRoomHearsOfALeaveWithTheUsersLastConnectionOnly() {
    FakeClient alice = join("alice", null);
    FakeClient aliceAgain = join("alice", null);
    FakeClient bob = join("bob", null);

    chat.leave(alice, 1000);
    assertFalse(bob.summaries().contains("user_leave:alice"));
    chat.leave(aliceAgain, 1000);
    chat.leave(aliceAgain, 1000); // a second close of one connection counts once

    assertEquals(1, bob.summaries().stream().filter("user_leave:alice"::equals).count());
    assertEquals(List.of("online alice", "online bob", "offline alice"), onlineUsers.events);
    assertEquals(List.of(bob), chat.connections.all());
    assertEquals(List.of(1000, 1000), meter.closeCodes);
  }

  @Test
  void aUserGoneWithAnotherNodeIsAnnouncedAsLeaving() {
    FakeClient bob = join("bob", null);

    presence.departures.accept(LOBBY, "carol");

    assertEquals("user_leave:carol", bob.summaries().get(bob.summaries().size() - 1));
  }

  @Test
  void aJoinThatCannotReadTheCatchUpLeavesNoTrace() {
    FakeClient bob = join("bob", null);
    store.failReads = true;
    FakeClient alice = client("alice");

    assertThrows(IllegalStateException.class, () -> chat.join(alice, 0L));

    assertTrue(alice.stopped);
    assertEquals(List.of(bob), chat.connections.all());
    assertEquals(List.of("bob"), presence.online(LOBBY));
    assertFalse(bob.summaries().contains("user_join:alice"));
    say(bob, "still here");
    assertTrue(alice.frames().isEmpty());
  }

  @Test
  void stoppingDrainsClosesWith1001AndClearsTheNode() {
    FakeClient alice = join("alice", null);
    FakeClient bob = join("bob", null);

    chat.stop();

    assertTrue(chat.stopping());
    assertTrue(store.flushed);
    assertEquals(List.of(CloseCode.GOING_AWAY), alice.closedWith);
    assertEquals(List.of(CloseCode.GOING_AWAY), bob.closedWith);
    assertTrue(chat.connections.all().isEmpty());
    assertEquals(List.of("n1"), onlineUsers.clearedNodes);
    assertFalse(onlineUsers.events.contains("offline alice"));
  }

  // --- conversations ---------------------------------------------------------------------------

  private static final RoomName ALICE_AND_BOB = RoomName.conversation(1, 2);
  private static final long ALICE_AND_BOB_ID = 8;

  @Test
  void aConversationIsARoomOfItsTwoUsers() {
    FakeClient alice = joinConversation("alice");
    FakeClient bob = joinConversation("bob");

    say(alice, "hi bob");
    say(bob, "hi alice");

    assertEquals(List.of("message:hi bob", "message:hi alice"), messages(alice));
    assertEquals(messages(alice), messages(bob));
    assertEquals(2, store.messages.size());
  }

  @Test
  void whileBobBlocksAliceHerMessagesAndTypingReachNobodyAndHisStillReachHer() {
    FakeClient alice = joinConversation("alice");
    FakeClient bob = joinConversation("bob");
    blocks.block(2, 1);

    say(alice, "are you there?");
    chat.receive(alice, alice.budget, new ClientFrame.Typing(true));
    say(bob, "here, but blocked");

    assertEquals(List.of("error:blocked"), alice.errors());
    assertEquals(List.of("message:here, but blocked"), messages(bob));
    assertEquals(messages(bob), messages(alice));
    assertFalse(bob.summaries().contains("typing:alice:true"));
    assertEquals(1, store.messages.size(), "nothing of hers stored");

    blocks.unblock(2, 1);
    say(alice, "and now?");
    assertEquals("message:and now?", bob.summaries().get(bob.summaries().size() - 1));
  }

  @Test
  void aMutedUserStillReadsButIsRefusedWithMutedAndTypesToNobodyUntilTheMuteEnds() {
    FakeClient alice = join("alice", null);
    FakeClient bob = join("bob", null);
    restrictions.impose(
        LOBBY_ID, 1, RestrictionKind.MUTE, Optional.of(clock.instant().plusSeconds(600)));
    mutes.changed(LOBBY_ID);

    say(alice, "let me speak");
    chat.receive(alice, alice.budget, new ClientFrame.Typing(true));
    say(bob, "you are muted");

    assertEquals(List.of("error:muted"), alice.errors());
    assertEquals(List.of("message:you are muted"), messages(bob));
    assertEquals(messages(bob), messages(alice), "she still reads the room");
    assertFalse(bob.summaries().contains("typing:alice:true"));
    assertEquals(1, store.messages.size(), "nothing of hers stored");

    clock.advance(Duration.ofSeconds(601));
    say(alice, "free again");
    assertEquals("message:free again", bob.summaries().get(bob.summaries().size() - 1));
  }

  @Test
  void anUnmuteReachesTheCheckAtOnceAndTheMutesAreNotReadAtEveryMessage() {
    FakeClient alice = join("alice", null);
    assertEquals(1, restrictions.reads, "read when she joined");
    restrictions.impose(LOBBY_ID, 1, RestrictionKind.MUTE, Optional.empty());
    mutes.changed(LOBBY_ID);
    say(alice, "one");
    say(alice, "two");
    assertEquals(List.of("error:muted", "error:muted"), alice.errors());
    assertEquals(2, restrictions.reads, "read again once after the change, then kept");

    restrictions.lift(LOBBY_ID, 1, RestrictionKind.MUTE);
    mutes.changed(LOBBY_ID);
    say(alice, "three");
    assertEquals(List.of("message:three"), messages(alice));
  }

  @Test
  void staleMutesAreReadBesideTheFrameAndTheKnownOnesStandWhileTheDatabaseIsAway() {
    List<Runnable> background = new ArrayList<>();
    mutes.executor = background::add;
    FakeClient alice = join("alice", null);
    restrictions.impose(LOBBY_ID, 1, RestrictionKind.MUTE, Optional.empty());
    mutes.changed(LOBBY_ID);
    say(alice, "one");
    int reads = restrictions.reads;

    mutes.nanoClock = () -> System.nanoTime() + Mutes.FRESH.toNanos() * 2;
    restrictions.failing = true;
    say(alice, "two");
    assertEquals(reads, restrictions.reads, "the frame did not wait for a read");
    assertEquals(1, background.size(), "one read beside it");
    background.forEach(Runnable::run);
    say(alice, "three");
    assertEquals(List.of("error:muted", "error:muted", "error:muted"), alice.errors());
  }

  @Test
  void aBlockCountsOnlyInThatConversationNeverInARoomNorANotepad() {
    blocks.block(2, 1);
    FakeClient aliceInLobby = join("alice", null);
    FakeClient bobInLobby = join("bob", null);
    say(aliceInLobby, "in the lobby");
    assertEquals(List.of("message:in the lobby"), messages(bobInLobby));

    RoomName notepad = RoomName.conversation(1, 1);
    FakeClient aliceAlone = client("alice", notepad, 9);
    chat.join(aliceAlone, null);
    blocks.block(1, 1);
    say(aliceAlone, "note to self");
    assertEquals(List.of("message:note to self"), messages(aliceAlone));
  }

  @Test
  void aBlockTheStoreCannotReadRefusesTheMessageAsNotStored() {
    FakeClient alice = joinConversation("alice");
    FakeClient bob = joinConversation("bob");
    blocks.unreadable = true;

    say(alice, "lost?");

    assertEquals(List.of("error:not_stored"), alice.errors());
    assertTrue(messages(bob).isEmpty());
    assertTrue(store.messages.isEmpty());
  }

  private FakeClient joinConversation(String username) {
    FakeClient client = client(username, ALICE_AND_BOB, ALICE_AND_BOB_ID);
    chat.join(client, null);
    return client;
  }

  private static List<String> messages(FakeClient client) {
    return client.summaries().stream().filter(s -> s.startsWith("message:")).toList();
  }

  private FakeClient join(String username, Long after) {
    FakeClient client = client(username);
    chat.join(client, after);
    return client;
  }

  private FakeClient client(String username) {
    return client(username, LOBBY, LOBBY_ID);
  }

  private FakeClient client(String username, RoomName room, long roomId) {
    long userId = USERS.indexOf(username) + 1;
    FakeClient client = new FakeClient(new Participant(username, userId, room, roomId));
    client.budget = chat.frameBudget();
    return client;
  }

  private void say(FakeClient client, String text) {
    chat.receive(client, client.budget, new ClientFrame.SendMessage(text));
  }

  /** Messages kept in memory, stored at once, numbered 1, 2, 3... */
  // --- editing and deleting -------------------------------------------------------------------

  private void edit(FakeClient client, long id, String text) {
    chat.receive(client, client.budget, new ClientFrame.Edit(id, text));
  }

  private void delete(FakeClient client, long id) {
    chat.receive(client, client.budget, new ClientFrame.Delete(id));
  }

  @Test
  void anEditPassesTheChecksOfANewMessageAndReachesEveryMember() {
    FakeClient alice = join("alice", null);
    FakeClient bob = join("bob", null);
    say(alice, "helo");

    edit(alice, 1, "helo spam");
    edit(alice, 1, "x".repeat(21));
    edit(alice, 1, "  ");
    assertEquals(List.of("error:banned_word", "error:too_long"), alice.errors());
    assertEquals("helo", store.messages.get(0).content());

    edit(alice, 1, " hello ");

    assertEquals("message_edited:1:hello", bob.summaries().get(bob.summaries().size() - 1));
    assertEquals("message_edited:1:hello", alice.summaries().get(alice.summaries().size() - 1));
    assertEquals("hello", store.messages.get(0).content());
    assertTrue(store.messages.get(0).edited());
    assertTrue(bob.last().containsKey("edited_at"));
  }

  @Test
  void editsCountAgainstTheMessageRateLimitAndDeletionsDoNot() {
    FakeClient alice = join("alice", null);
    say(alice, "one"); // the limit is 3 a minute here
    edit(alice, 1, "two");
    edit(alice, 1, "three");
    edit(alice, 1, "four");
    assertEquals(List.of("error:rate_limited"), alice.errors());
    assertEquals("three", store.messages.get(0).content());

    delete(alice, 1);

    assertEquals("message_deleted:1", alice.summaries().get(alice.summaries().size() - 1));
    assertTrue(store.messages.get(0).deleted());
    assertEquals("", store.messages.get(0).content());
  }

  @Test
  void onlyTheAuthorEditsAndOnlyWithinTheWindow() {
    FakeClient alice = join("alice", null);
    FakeClient bob = join("bob", null);
    say(alice, "mine");

    edit(bob, 1, "bob's now");
    assertEquals(List.of("error:not_author"), bob.errors());

    editWindow = 0;
    edit(alice, 1, "too late");
    assertEquals(List.of("error:edit_window_closed"), alice.errors());
    assertEquals("mine", store.messages.get(0).content());
  }

  @Test
  void theAuthorTheOwnerModeratorsAndAdminsDeleteAndAPlainMemberMayNot() {
    FakeClient alice = join("alice", null);
    FakeClient bob = join("bob", null);
    FakeClient carol = join("carol", null);
    say(alice, "one");
    say(alice, "two");
    say(alice, "three");
    roles.put(2L, MemberRole.MEMBER);

    delete(bob, 1);
    assertEquals(List.of("error:not_allowed"), bob.errors());
    assertFalse(store.messages.get(0).deleted());

    roles.put(2L, MemberRole.MODERATOR);
    delete(bob, 1);
    roles.put(3L, MemberRole.OWNER);
    delete(carol, 2);
    roles.remove(3L);
    store.admins.add(3L);
    delete(carol, 3);

    for (FakeClient client : List.of(alice, bob, carol)) {
      assertEquals(
          List.of("message_deleted:1", "message_deleted:2", "message_deleted:3"),
          client.summaries().stream().filter(s -> s.startsWith("message_deleted")).toList());
    }
    delete(alice, 1);
    delete(alice, 2);
    assertEquals(List.of("error:unknown_message", "error:unknown_message"), alice.errors());
    assertEquals(
        List.of("bob deleted alice's", "carol deleted alice's", "carol deleted alice's"),
        othersDeleted,
        "the moderation log notes each deletion of another's message");
  }

  @Test
  void newsOfAChangeToAMessageStoredButNotYetAnnouncedWaitsForTheMessage() {
    chat.rateLimiter = new SlidingWindowRateLimiter(10, Duration.ofMinutes(1));
    FakeClient alice = join("alice", null);
    FakeClient bob = join("bob", null);
    say(alice, "first");
    store.holdingAnnouncements = true;
    say(alice, "second"); // committed as message 2, not yet announced
    say(alice, "third");

    // Alice guesses the id of the message she has not been sent yet, and deletes it; then edits
    // the one before it, whose news must not overtake the unannounced ones either.
    delete(alice, 2);
    edit(alice, 1, "first, edited");
    assertTrue(store.messages.get(1).deleted(), "the deletion is stored at once");
    assertEquals(List.of(), alice.errors());
    assertFalse(
        bob.summaries().stream().anyMatch(s -> s.startsWith("message_")), bob.summaries()::toString);

    store.announce();

    for (FakeClient client : List.of(alice, bob)) {
      assertEquals(
          List.of(
              "message:first",
              "message:second",
              "message:third",
              "message_deleted:2",
              "message_edited:1:first, edited"),
          client.summaries().stream().filter(s -> s.startsWith("message")).toList());
    }
  }

  @Test
  void aChangeWithNothingPendingGoesOutAtOnce() {
    FakeClient alice = join("alice", null);
    say(alice, "only");
    delete(alice, 1);
    assertEquals(
        List.of("message:only", "message_deleted:1"),
        alice.summaries().stream().filter(s -> s.startsWith("message")).toList());
  }

  @Test
  void anAuthorDeletingTheirOwnMessageIsNoModeration() {
    FakeClient alice = join("alice", null);
    say(alice, "mine");
    delete(alice, 1);
    assertTrue(store.messages.get(0).deleted());
    assertEquals(List.of(), othersDeleted);
  }

  @Test
  void aReconnectingClientGetsItsMessagesAsTheyAreNowAndNewsOfThoseItHad() {
    chat.rateLimiter = new SlidingWindowRateLimiter(10, Duration.ofMinutes(1));
    FakeClient alice = join("alice", null);
    say(alice, "one");
    say(alice, "two");
    say(alice, "three");
    edit(alice, 1, "one, edited");
    delete(alice, 3);

    FakeClient back = join("bob", 2L);

    assertEquals(
        List.of(
            "message:", "message_edited:1:one, edited", "presence:[alice, bob]", "user_join:bob"),
        back.summaries());
    assertTrue(back.frames().get(0).getBoolean("deleted"));
  }

  /** The lobby's roles by user id; nobody joins or leaves here. */
  private record LobbyRoles(Map<Long, MemberRole> roles) implements RoomMembers {
    @Override
    public Optional<Person> person(String username) {
      return Optional.empty();
    }

    @Override
    public Optional<MemberRole> role(long roomId, long userId) {
      return Optional.ofNullable(roles.get(userId));
    }

    @Override
    public boolean join(long roomId, long userId) {
      return false;
    }

    @Override
    public boolean remove(long roomId, long userId) {
      return false;
    }

    @Override
    public boolean changeRole(long roomId, long userId, MemberRole role) {
      return false;
    }

    @Override
    public List<Member> list(long roomId) {
      return List.of();
    }
  }

  private static final class MemoryStore implements MessageStore, RoomHistory, MessageRevisions {
    final List<StoredMessage> messages = new ArrayList<>();
    List<Person> mentioning = List.of();
    List<String> lastMentions = List.of();
    boolean refuse;
    boolean fail;
    boolean failReads;
    boolean flushed;
    final Set<Long> admins = new HashSet<>();

    /** While set, a message is stored (committed) but announced only by {@link #announce}. */
    boolean holdingAnnouncements;

    final List<Runnable> held = new ArrayList<>();

    void announce() {
      holdingAnnouncements = false;
      held.forEach(Runnable::run);
      held.clear();
    }

    @Override
    public Optional<Target> find(long roomId, long messageId) {
      return messages.stream()
          .filter(m -> m.id() == messageId && !m.deleted())
          .findFirst()
          .map(
              m ->
                  new Target(
                      m.id(),
                      m.seq(),
                      USERS.indexOf(m.username()) + 1,
                      m.username(),
                      m.createdAt()));
    }

    @Override
    public boolean edit(long roomId, long messageId, String text, OffsetDateTime now) {
      return replace(
          messageId,
          m ->
              new StoredMessage(
                  m.id(), m.seq(), m.username(), text, m.createdAt(), m.mentions(), now, false));
    }

    @Override
    public boolean delete(long roomId, long messageId, OffsetDateTime now) {
      return replace(
          messageId,
          m ->
              new StoredMessage(
                  m.id(),
                  m.seq(),
                  m.username(),
                  "",
                  m.createdAt(),
                  m.mentions(),
                  m.editedAt(),
                  true));
    }

    private boolean replace(long messageId, UnaryOperator<StoredMessage> change) {
      for (int i = 0; i < messages.size(); i++) {
        StoredMessage m = messages.get(i);
        if (m.id() == messageId && !m.deleted()) {
          messages.set(i, change.apply(m));
          return true;
        }
      }
      return false;
    }

    @Override
    public boolean isAdmin(long userId) {
      return admins.contains(userId);
    }

    @Override
    public List<StoredMessage> changedUpTo(long roomId, long afterId, int limit) {
      return messages.stream()
          .filter(m -> m.id() <= afterId && (m.edited() || m.deleted()))
          .toList();
    }

    @Override
    public boolean submit(PendingMessage message) {
      if (refuse) {
        return false;
      }
      if (fail) {
        message.onFailed().run();
        return true;
      }
      long id = messages.size() + 1;
      lastMentions = message.mentions().stream().map(token -> "@" + token.keys().get(0)).toList();
      StoredMessage stored =
          new StoredMessage(
              id,
              id,
              message.username(),
              message.content(),
              OffsetDateTime.now(ZoneOffset.UTC),
              mentioning);
      messages.add(stored);
      if (holdingAnnouncements) {
        held.add(() -> message.onStored().accept(stored));
      } else {
        message.onStored().accept(stored);
      }
      return true;
    }

    @Override
    public void flush() {
      flushed = true;
    }

    @Override
    public CatchUp after(long roomId, long afterId, int limit) {
      if (failReads) {
        throw new IllegalStateException("database away");
      }
      List<StoredMessage> missed = messages.stream().filter(m -> m.id() > afterId).toList();
      boolean truncated = missed.size() > limit;
      return new CatchUp(
          truncated ? missed.subList(missed.size() - limit, missed.size()) : missed, truncated);
    }
  }

  private static final class RecordingOnlineUsers implements OnlineUsers {
    final List<String> events = new ArrayList<>();
    final List<String> clearedNodes = new ArrayList<>();

    @Override
    public void online(long userId, long roomId, String node) {
      events.add("online " + name(userId));
    }

    @Override
    public void offline(long userId, long roomId, String node) {
      events.add("offline " + name(userId));
    }

    @Override
    public int clearNode(String node) {
      clearedNodes.add(node);
      return 0;
    }

    private static String name(long userId) {
      return USERS.get((int) userId - 1);
    }
  }

  /** In-process presence, whose departures a test can report as a sweep on Redis would. */
  private static final class DepartingPresence extends InProcessPresence {
    BiConsumer<RoomName, String> departures;

    @Override
    public void onDeparture(BiConsumer<RoomName, String> listener) {
      departures = listener;
    }
  }

  private static final class CountingMeter implements ChatMeter {
    int stored;
    int floods;
    int typingDropped;
    final List<Integer> closeCodes = new ArrayList<>();

    @Override
    public void connectionOpened() {}

    @Override
    public void connectionClosed(Duration lasted, int closeCode) {
      closeCodes.add(closeCode);
    }

    @Override
    public void messageReceived() {}

    @Override
    public void messageStored() {
      stored++;
    }

    @Override
    public void frameRejected(String code) {}

    @Override
    public void floodClosed() {
      floods++;
    }

    @Override
    public void typingDropped() {
      typingDropped++;
    }

    @Override
    public void conversationCreationRefused() {}

    @Override
    public void published(long nanos) {}
  }

  /** Who blocks whom, in memory. */
  private static final class MemoryBlocks implements UserBlocks {
    final Set<List<Long>> pairs = new HashSet<>();
    boolean unreadable;

    @Override
    public boolean blocks(long blockerId, long blockedId) {
      if (unreadable) {
        throw new IllegalStateException("the database is away");
      }
      return pairs.contains(List.of(blockerId, blockedId));
    }

    @Override
    public boolean block(long blockerId, long blockedId) {
      return pairs.add(List.of(blockerId, blockedId));
    }

    @Override
    public boolean unblock(long blockerId, long blockedId) {
      return pairs.remove(List.of(blockerId, blockedId));
    }
  }
}
