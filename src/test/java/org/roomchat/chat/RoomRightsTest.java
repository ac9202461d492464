package org.roomchat.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.roomchat.room.LowerCaseName;
import org.roomchat.room.MemberRole;
import org.roomchat.room.RoomVisibility;

/** The rules of reading a room and changing its members, on their own. */
class RoomRightsTest {

  private static final Optional<MemberRole> NONE = Optional.empty();
  private static final Optional<MemberRole> OWNER = Optional.of(MemberRole.OWNER);
  private static final Optional<MemberRole> MODERATOR = Optional.of(MemberRole.MODERATOR);
  private static final Optional<MemberRole> MEMBER = Optional.of(MemberRole.MEMBER);

  /** A role as the tables below write it: its name, or {@code -} for a non-member. */
  private static Optional<MemberRole> role(String name) {
    return name.equals("-")
        ? NONE
        : Optional.of(LowerCaseName.parse(MemberRole.class, name).orElseThrow());
  }

  @Test
  void anyoneReadsAPublicRoomAndOnlyMembersAPrivateOne() {
    assertTrue(RoomRights.mayRead(RoomVisibility.PUBLIC, NONE));
    assertTrue(RoomRights.mayRead(RoomVisibility.PUBLIC, MEMBER));
    assertFalse(RoomRights.mayRead(RoomVisibility.PRIVATE, NONE));
    for (Optional<MemberRole> role : List.of(OWNER, MODERATOR, MEMBER)) {
      assertTrue(RoomRights.mayRead(RoomVisibility.PRIVATE, role), role.toString());
    }
  }

  @Test
  void onlyItsTwoUsersReadAConversationAndNobodyManagesItsMembers() {
    assertFalse(RoomRights.mayRead(RoomVisibility.DIRECT, NONE));
    assertTrue(RoomRights.mayRead(RoomVisibility.DIRECT, MEMBER));
    assertFalse(RoomRights.hasManagedMembers(RoomVisibility.DIRECT));
    assertTrue(RoomRights.hasManagedMembers(RoomVisibility.PUBLIC));
    assertTrue(RoomRights.hasManagedMembers(RoomVisibility.PRIVATE));
  }

  @Test
  void membersAndAdminsSeeTheMembers() {
    assertTrue(RoomRights.mayViewMembers(MEMBER, false));
    assertTrue(RoomRights.mayViewMembers(NONE, true));
    assertFalse(RoomRights.mayViewMembers(NONE, false));
  }

  /** Who may ask for an action at all, before the user it names is known. */
  @ParameterizedTest(name = "{0} as {1} (admin: {2}): on others {3}, at all {4}")
  @CsvSource(
      textBlock =
          """
          # the owner and admins do everything; moderators add and remove; a member only leaves
          add,     owner,     false, true,  true
          promote, owner,     false, true,  true
          demote,  -,         true,  true,  true
          add,     moderator, false, true,  true
          remove,  moderator, false, true,  true
          promote, moderator, false, false, false
          demote,  moderator, false, false, false
          add,     member,    false, false, false
          remove,  member,    false, false, true
          promote, member,    false, false, false
          remove,  -,         false, false, false
          add,     -,         false, false, false
          """)
  void theRightToAsk(String action, String actor, boolean admin, boolean onOthers, boolean ask) {
    MemberAction asked = LowerCaseName.parse(MemberAction.class, action).orElseThrow();
    assertEquals(onOthers, RoomRights.mayAct(asked, role(actor), admin));
    assertEquals(ask, RoomRights.mayAsk(asked, role(actor), admin));
  }

  /** The answer to an action on a known user, whose role in the room is the target's. */
  @ParameterizedTest(name = "{1} by {2} (admin: {3}, self: {4}) on {5}: {0}")
  @CsvSource(
      textBlock =
          """
          # a member leaves, but removes nobody else, known or not
          ALLOWED,      remove,  member,    false, true,  member
          ALLOWED,      remove,  moderator, false, true,  moderator
          FORBIDDEN,    remove,  member,    false, false, member
          FORBIDDEN,    remove,  member,    false, false, -
          # rights come first: a plain member learns nothing of the target
          FORBIDDEN,    add,     member,    false, false, -
          FORBIDDEN,    add,     member,    false, false, owner
          FORBIDDEN,    promote, member,    false, false, member
          FORBIDDEN,    demote,  member,    false, false, moderator
          # the owner is never removed nor demoted, by an admin or by itself
          FORBIDDEN,    remove,  owner,     false, true,  owner
          FORBIDDEN,    demote,  owner,     false, true,  owner
          FORBIDDEN,    promote, owner,     true,  true,  owner
          FORBIDDEN,    remove,  -,         true,  false, owner
          FORBIDDEN,    demote,  -,         true,  false, owner
          FORBIDDEN,    remove,  moderator, false, false, owner
          # a moderator removes members, not other moderators; the owner and admins do
          ALLOWED,      remove,  moderator, false, false, member
          FORBIDDEN,    remove,  moderator, false, false, moderator
          ALLOWED,      remove,  owner,     false, false, moderator
          ALLOWED,      remove,  -,         true,  false, moderator
          ALLOWED,      remove,  moderator, true,  false, moderator
          # promoting and demoting move between member and moderator, for members only
          ALLOWED,      promote, owner,     false, false, member
          UNCHANGED,    promote, owner,     false, false, moderator
          ALLOWED,      demote,  -,         true,  false, moderator
          UNCHANGED,    demote,  owner,     false, false, member
          NOT_A_MEMBER, promote, owner,     false, false, -
          NOT_A_MEMBER, demote,  -,         true,  false, -
          # adding a member again, or removing a non-member, changes nothing
          ALLOWED,      add,     moderator, false, false, -
          UNCHANGED,    add,     owner,     false, false, moderator
          UNCHANGED,    add,     -,         true,  false, owner
          UNCHANGED,    remove,  owner,     false, false, -
          # an admin may add itself to a private room, which it then reads as a member
          ALLOWED,      add,     -,         true,  true,  -
          """)
  void theAnswerOnAKnownUser(
      RoomRights.Verdict verdict,
      String action,
      String actor,
      boolean admin,
      boolean self,
      String target) {
    MemberAction asked = LowerCaseName.parse(MemberAction.class, action).orElseThrow();
    assertEquals(verdict, RoomRights.onMember(asked, role(actor), admin, self, role(target)));
  }

  @Test
  void authorsDeleteTheirOwnAndTheOwnerModeratorsAndAdminsAnyonesInARoom() {
    for (Optional<MemberRole> role : List.of(NONE, MEMBER, MODERATOR, OWNER)) {
      assertTrue(RoomRights.mayDeleteMessage(false, true, role, false), "author " + role);
      assertTrue(RoomRights.mayDeleteMessage(true, true, role, false), "author in a conversation");
    }
    assertFalse(RoomRights.mayDeleteMessage(false, false, MEMBER, false));
    assertFalse(RoomRights.mayDeleteMessage(false, false, NONE, false));
    assertTrue(RoomRights.mayDeleteMessage(false, false, MODERATOR, false));
    assertTrue(RoomRights.mayDeleteMessage(false, false, OWNER, false));
    assertTrue(RoomRights.mayDeleteMessage(false, false, NONE, true));
    assertTrue(RoomRights.mayDeleteMessage(false, false, MEMBER, true));
  }

  @Test
  void inAConversationEachDeletesOnlyWhatTheyWrote() {
    assertFalse(RoomRights.mayDeleteMessage(true, false, MEMBER, false));
    assertFalse(RoomRights.mayDeleteMessage(true, false, MEMBER, true));
  }
}
