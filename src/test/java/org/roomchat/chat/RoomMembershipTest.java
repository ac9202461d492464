package org.roomchat.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.roomchat.group.InProcessGroupRegistry;
import org.roomchat.group.InProcessNodeBroadcast;
import org.roomchat.guard.SlidingWindowRateLimiter;
import org.roomchat.protocol.CloseCode;
import org.roomchat.room.MemberRole;
import org.roomchat.room.ModerationLog;
import org.roomchat.room.ModerationRecord;
import org.roomchat.room.Person;
import org.roomchat.room.RestrictionKind;
import org.roomchat.room.RoomCatalog;
import org.roomchat.room.RoomFacts;
import org.roomchat.room.RoomName;
import org.roomchat.room.RoomVisibility;

/**
 * Entering rooms and changing their members over the in-process adapters and memory: who gets
 * in, what each answer is, what the room's connected members hear, and whose sockets close.
 */
class RoomMembershipTest {

  private static final RoomName SECRET = new RoomName("secret");
  private static final RoomName LOBBY = new RoomName("lobby");

  private final MemoryRooms memory = new MemoryRooms();
  private final InProcessGroupRegistry groups = new InProcessGroupRegistry();
  private final OpenConnections connections = new OpenConnections(Runnable::run);
  private final Person owner = memory.person(1, "owner");
  private final Person alice = memory.person(2, "alice");
  private final Person bob = memory.person(3, "bob");
  private final Person admin = memory.person(4, "admin");
  private final RefusalCount refusals = new RefusalCount();
  private final MemoryRestrictions restrictions = new MemoryRestrictions();
  private final MovableClock clock = new MovableClock();
  private final List<ModerationRecord> logged = new ArrayList<>();
  private RoomAccess access;
  private RoomMembership membership;

  @BeforeEach
  void wire() {
    MemberNotices notices = new MemberNotices();
    notices.groups = groups;
    notices.broadcast = new InProcessNodeBroadcast();
    notices.connections = connections;
    notices.listen(null);
    access = new RoomAccess();
    access.rooms = memory;
    access.members = memory;
    access.notices = notices;
    access.newConversations = new SlidingWindowRateLimiter(2, Duration.ofHours(1));
    access.meter = refusals;
    access.restrictions = restrictions;
    access.clock = clock;
    membership = new RoomMembership();
    membership.rooms = memory;
    membership.members = memory;
    membership.notices = notices;
    membership.access = access;
    membership.log =
        new ModerationLog() {
          @Override
          public void record(
              RoomFacts room,
              String actor,
              String target,
              ModerationRecord action,
              Optional<Integer> minutes) {
            logged.add(action);
          }
        };
    assertEquals(
        RoomCatalog.Creation.CREATED, memory.create(SECRET, RoomVisibility.PRIVATE, owner));
  }

  /** A socket of the user, joined to the room's group as the chat does. */
  private FakeClient connect(Person person, RoomName room) {
    FakeClient client = new FakeClient(new Participant(person.username(), person.id(), room, 1));
    client.start(List.of(), 0);
    groups.add(room.group(), client);
    connections.add(client);
    return client;
  }

  private RoomMembership.Outcome change(
      Person actor, boolean asAdmin, MemberAction action, String username) {
    return membership.change(SECRET, actor, asAdmin, action, username);
  }

  @Test
  void enteringANewNameStartsAPublicRoomItsEntrantOwns() {
    RoomAccess.Entry entry = access.enter(LOBBY, alice);

    RoomAccess.Admitted admitted = assertInstanceOf(RoomAccess.Admitted.class, entry);
    assertEquals(RoomVisibility.PUBLIC, admitted.room().visibility());
    assertEquals(MemberRole.OWNER, admitted.role());
  }

  @Test
  void enteringAPublicRoomMakesAMemberOnceAndTheMembersHearOfIt() {
    access.enter(LOBBY, alice);
    FakeClient aliceInLobby = connect(alice, LOBBY);

    assertEquals(MemberRole.MEMBER, ((RoomAccess.Admitted) access.enter(LOBBY, bob)).role());
    access.enter(LOBBY, bob);

    assertEquals(List.of("member_added:bob"), aliceInLobby.summaries());
    assertEquals(Map.of(2L, MemberRole.OWNER, 3L, MemberRole.MEMBER), memory.roles(LOBBY));
  }

  @Test
  void aPrivateRoomIsHiddenFromNonMembersAndEnteringItChangesNothing() {
    FakeClient ownerInSecret = connect(owner, SECRET);

    assertInstanceOf(RoomAccess.Hidden.class, access.enter(SECRET, alice));
    // Admins read a private room only as members.
    assertInstanceOf(RoomAccess.Hidden.class, access.enter(SECRET, admin));

    assertEquals(Map.of(1L, MemberRole.OWNER), memory.roles(SECRET));
    assertEquals(1, memory.roomCount());
    assertEquals(List.of(), ownerInSecret.summaries());
    assertInstanceOf(RoomMembership.NoRoom.class, membership.view(SECRET, alice, false));
    assertEquals(RoomMembership.Outcome.NO_ROOM, change(alice, false, MemberAction.ADD, "alice"));
    assertEquals(
        RoomMembership.Outcome.NO_ROOM, change(alice, false, MemberAction.REMOVE, "owner"));
  }

  @Test
  void anAddedMemberEntersAndTheRoomHearsOfIt() {
    FakeClient ownerInSecret = connect(owner, SECRET);

    assertEquals(RoomMembership.Outcome.DONE, change(owner, false, MemberAction.ADD, "Alice"));

    assertEquals(List.of("member_added:alice"), ownerInSecret.summaries());
    RoomAccess.Admitted admitted =
        assertInstanceOf(RoomAccess.Admitted.class, access.enter(SECRET, alice));
    assertEquals(MemberRole.MEMBER, admitted.role());
    RoomMembership.Shown shown =
        assertInstanceOf(RoomMembership.Shown.class, membership.view(SECRET, alice, false));
    assertEquals(2, shown.view().members().size());
  }

  @Test
  void aRemovedMembersSocketsInThatRoomCloseWith4003AndItMayNotComeBack() {
    change(owner, false, MemberAction.ADD, "alice");
    access.enter(LOBBY, owner);
    access.enter(LOBBY, alice);
    FakeClient ownerInSecret = connect(owner, SECRET);
    FakeClient aliceInSecret = connect(alice, SECRET);
    FakeClient aliceAgainInSecret = connect(alice, SECRET);
    FakeClient aliceInLobby = connect(alice, LOBBY);

    assertEquals(RoomMembership.Outcome.DONE, change(owner, false, MemberAction.REMOVE, "alice"));

    assertEquals(List.of("member_removed:alice"), ownerInSecret.summaries());
    assertEquals(List.of(CloseCode.FORBIDDEN), aliceInSecret.closedWith);
    assertEquals(List.of(CloseCode.FORBIDDEN), aliceAgainInSecret.closedWith);
    assertEquals(List.of(), aliceInLobby.closedWith, "her other rooms stay open");
    assertEquals(List.of(), ownerInSecret.closedWith);
    assertInstanceOf(RoomAccess.Hidden.class, access.enter(SECRET, alice));
  }

  @Test
  void rightsAreCheckedBeforeTheTargetIsLookedFor() {
    change(owner, false, MemberAction.ADD, "alice");

    for (MemberAction action : MemberAction.values()) {
      assertEquals(
          RoomMembership.Outcome.FORBIDDEN,
          change(alice, false, action, "nobody-of-that-name"),
          action.value());
    }
    assertEquals(
        RoomMembership.Outcome.NO_SUCH_USER, change(owner, false, MemberAction.ADD, "nobody"));
    assertEquals(Map.of(1L, MemberRole.OWNER, 2L, MemberRole.MEMBER), memory.roles(SECRET));
  }

  @Test
  void anyMemberMayLeaveButTheOwnerMayNot() {
    change(owner, false, MemberAction.ADD, "alice");

    assertEquals(RoomMembership.Outcome.LEFT, change(alice, false, MemberAction.REMOVE, "alice"));
    assertEquals(
        RoomMembership.Outcome.FORBIDDEN, change(owner, false, MemberAction.REMOVE, "owner"));
    assertEquals(Map.of(1L, MemberRole.OWNER), memory.roles(SECRET));
  }

  @Test
  void aModeratorAddsAndRemovesMembersButPromotesNobody() {
    change(owner, false, MemberAction.ADD, "alice");
    assertEquals(RoomMembership.Outcome.DONE, change(owner, false, MemberAction.PROMOTE, "alice"));

    assertEquals(RoomMembership.Outcome.DONE, change(alice, false, MemberAction.ADD, "bob"));
    assertEquals(
        RoomMembership.Outcome.FORBIDDEN, change(alice, false, MemberAction.PROMOTE, "bob"));
    assertEquals(RoomMembership.Outcome.DONE, change(alice, false, MemberAction.REMOVE, "bob"));
    assertEquals(
        RoomMembership.Outcome.NOT_A_MEMBER, change(owner, false, MemberAction.PROMOTE, "bob"));
    assertEquals(Map.of(1L, MemberRole.OWNER, 2L, MemberRole.MODERATOR), memory.roles(SECRET));
  }

  @Test
  void anAdminManagesAPrivateRoomItIsNoMemberOf() {
    RoomMembership.Shown shown =
        assertInstanceOf(RoomMembership.Shown.class, membership.view(SECRET, admin, true));
    assertTrue(shown.view().mayAsk(MemberAction.PROMOTE));

    assertEquals(RoomMembership.Outcome.DONE, change(admin, true, MemberAction.ADD, "alice"));
    assertEquals(RoomMembership.Outcome.DONE, change(admin, true, MemberAction.PROMOTE, "alice"));
    assertEquals(
        RoomMembership.Outcome.FORBIDDEN, change(admin, true, MemberAction.DEMOTE, "owner"));

    assertEquals(Map.of(1L, MemberRole.OWNER, 2L, MemberRole.MODERATOR), memory.roles(SECRET));
    assertInstanceOf(RoomAccess.Hidden.class, access.enter(SECRET, admin));
  }

  @Test
  void aPublicRoomsMembersAreForItsMembersAndAdmins() {
    access.enter(LOBBY, owner);

    assertInstanceOf(RoomMembership.Forbidden.class, membership.view(LOBBY, alice, false));
    assertInstanceOf(RoomMembership.Shown.class, membership.view(LOBBY, alice, true));
    assertInstanceOf(
        RoomMembership.NoRoom.class, membership.view(new RoomName("none"), admin, true));
  }

  // --- conversations ---------------------------------------------------------------------------

  @Test
  void aConversationStartsAtItsFirstOpeningWithBothUsersAsMembersAndNoOwner() {
    RoomAccess.Conversing conversing =
        assertInstanceOf(RoomAccess.Conversing.class, access.converse(alice, "BOB"));

    assertEquals(RoomName.conversation(2, 3), conversing.room().name());
    assertEquals(RoomVisibility.DIRECT, conversing.room().visibility());
    assertEquals(bob, conversing.peer());
    assertEquals(
        Map.of(2L, MemberRole.MEMBER, 3L, MemberRole.MEMBER),
        memory.roles(conversing.room().name()));
    RoomAccess.Conversing back =
        assertInstanceOf(RoomAccess.Conversing.class, access.converse(bob, "alice"));
    assertEquals(conversing.room(), back.room(), "the same conversation from either side");
    assertEquals(alice, back.peer());
  }

  @Test
  void aConversationWithNobodyIsNoConversation() {
    assertInstanceOf(RoomAccess.NoSuchUser.class, access.converse(alice, "nobody"));
    assertEquals(1, memory.roomCount());
  }

  @Test
  void aNotepadIsAConversationWithOneself() {
    RoomAccess.Conversing notepad =
        assertInstanceOf(RoomAccess.Conversing.class, access.converse(alice, "alice"));

    assertEquals(RoomName.conversation(2, 2), notepad.room().name());
    assertEquals(Map.of(2L, MemberRole.MEMBER), memory.roles(notepad.room().name()));
  }

  @Test
  void noRoomPathNorAdminReachesAConversation() {
    RoomName conversation = ((RoomAccess.Conversing) access.converse(alice, "bob")).room().name();

    for (Person someone : List.of(alice, bob, owner, admin)) {
      assertInstanceOf(RoomAccess.Hidden.class, access.enter(conversation, someone));
      assertInstanceOf(
          RoomMembership.NoRoom.class, membership.view(conversation, someone, someone == admin));
    }
    assertEquals(
        RoomMembership.Outcome.NO_ROOM,
        membership.change(conversation, admin, true, MemberAction.ADD, "owner"));
    assertEquals(
        RoomMembership.Outcome.NO_ROOM,
        membership.change(conversation, alice, false, MemberAction.REMOVE, "bob"));
    assertEquals(Map.of(2L, MemberRole.MEMBER, 3L, MemberRole.MEMBER), memory.roles(conversation));
    // Not even a conversation that does not exist yet is started by its name.
    assertInstanceOf(RoomAccess.Hidden.class, access.enter(RoomName.conversation(1, 4), owner));
    assertEquals(2, memory.roomCount());
  }

  @Test
  void newConversationsPastTheLimitAreRefusedButExistingOnesStillOpen() {
    assertInstanceOf(RoomAccess.Conversing.class, access.converse(alice, "bob"));
    assertInstanceOf(RoomAccess.Conversing.class, access.converse(alice, "owner"));
    // Opening these again counts nothing.
    assertInstanceOf(RoomAccess.Conversing.class, access.converse(alice, "bob"));

    RoomAccess.TooManyNewConversations refused =
        assertInstanceOf(RoomAccess.TooManyNewConversations.class, access.converse(alice, "admin"));
    assertTrue(refused.retryAfter().compareTo(Duration.ZERO) > 0);
    assertEquals(1, refusals.count);
    assertEquals(3, memory.roomCount(), "nothing started");
    assertInstanceOf(RoomAccess.Conversing.class, access.converse(alice, "owner"));

    // One the other user started opens whatever the limit says.
    assertInstanceOf(RoomAccess.Conversing.class, access.converse(admin, "alice"));
    assertInstanceOf(RoomAccess.Conversing.class, access.converse(alice, "admin"));
  }

  /** Counts the refused new conversations; nothing else. */
  private static final class RefusalCount implements ChatMeter {
    int count;

    @Override
    public void conversationCreationRefused() {
      count++;
    }

    @Override
    public void connectionOpened() {}

    @Override
    public void connectionClosed(Duration lasted, int closeCode) {}

    @Override
    public void messageReceived() {}

    @Override
    public void messageStored() {}

    @Override
    public void frameRejected(String code) {}

    @Override
    public void floodClosed() {}

    @Override
    public void typingDropped() {}

    @Override
    public void published(long nanos) {}
  }

  @Test
  void aBanHidesEvenAPublicRoomItsPagesAndItsMembersUntilItEnds() {
    access.enter(LOBBY, alice);
    RoomFacts lobby = memory.find(LOBBY).orElseThrow();
    restrictions.impose(
        lobby.id(), bob.id(), RestrictionKind.BAN, Optional.of(clock.instant().plusSeconds(60)));

    assertInstanceOf(RoomAccess.Hidden.class, access.enter(LOBBY, bob));
    assertInstanceOf(RoomMembership.NoRoom.class, membership.view(LOBBY, bob, false));
    assertEquals(
        RoomMembership.Outcome.NO_ROOM,
        membership.change(LOBBY, bob, false, MemberAction.ADD, "alice"));
    assertTrue(access.banned(lobby, bob.id()));

    clock.advance(Duration.ofSeconds(60));
    assertInstanceOf(RoomAccess.Admitted.class, access.enter(LOBBY, bob));
    assertTrue(!access.banned(lobby, bob.id()), "the ban ended by itself");
  }

  @Test
  void aBanUntilLiftedHoldsForAPrivateRoomsMemberAndAdminsStillManageIt() {
    assertEquals(RoomMembership.Outcome.DONE, change(owner, false, MemberAction.ADD, "alice"));
    RoomFacts secret = memory.find(SECRET).orElseThrow();
    restrictions.impose(secret.id(), alice.id(), RestrictionKind.BAN, Optional.empty());

    clock.advance(Duration.ofDays(400));
    assertInstanceOf(RoomAccess.Hidden.class, access.enter(SECRET, alice));
    assertInstanceOf(RoomMembership.NoRoom.class, membership.view(SECRET, alice, false));
    assertInstanceOf(RoomMembership.Shown.class, membership.view(SECRET, admin, true));

    restrictions.lift(secret.id(), alice.id(), RestrictionKind.BAN);
    assertInstanceOf(RoomAccess.Admitted.class, access.enter(SECRET, alice));
  }

  @Test
  void promotionsAndDemotionsAreLoggedButAddingIsNot() {
    change(owner, false, MemberAction.ADD, "alice");
    change(owner, false, MemberAction.PROMOTE, "alice");
    change(owner, false, MemberAction.DEMOTE, "alice");

    assertEquals(List.of(ModerationRecord.PROMOTE, ModerationRecord.DEMOTE), logged);
  }
}
