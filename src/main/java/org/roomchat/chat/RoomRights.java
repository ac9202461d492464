package org.roomchat.chat;

import java.util.Optional;
import org.roomchat.room.MemberRole;
import org.roomchat.room.RoomVisibility;

/**
 * Who may read a room and who may change its members, as rules alone: a role is the user's role in
 * the room (empty for a non-member), and {@code admin} says whether the user is a site admin.
 * Reading asks for membership only: an admin reads a private room only as a member, but manages the
 * members of every room. A conversation is read by its two users alone, its members, and has no
 * members to manage: nobody, admins included, adds or removes anyone there.
 */
public final class RoomRights {

  /** How a change to one member is answered once the member is known. */
  public enum Verdict {
    /** The change may be made. */
    ALLOWED,
    /** The actor may not make it: 403. */
    FORBIDDEN,
    /** The change names a role change for a user who is not a member. */
    NOT_A_MEMBER,
    /** Nothing to change: already a member, already that role, or not a member to remove. */
    UNCHANGED
  }

  private RoomRights() {}

  /**
   * Whether the user may read, list and enter the room: public ones all, private ones and
   * conversations their members.
   */
  public static boolean mayRead(RoomVisibility visibility, Optional<MemberRole> role) {
    return visibility == RoomVisibility.PUBLIC || role.isPresent();
  }

  /**
   * Whether the room has members that people manage, on its members page: every room but a
   * conversation, whose members are its two users for good.
   */
  public static boolean hasManagedMembers(RoomVisibility visibility) {
    return visibility != RoomVisibility.DIRECT;
  }

  /** Whether the user may see the room's members: its members and admins. */
  public static boolean mayViewMembers(Optional<MemberRole> role, boolean admin) {
    return admin || role.isPresent();
  }

  /**
   * Whether the actor may ask for the action at all, whoever it names: adding and removing is for
   * the owner, moderators and admins; promoting and demoting for the owner and admins. A member
   * removing itself is judged by {@link #onMember}, once the name is known to be its own.
   */
  public static boolean mayAct(MemberAction action, Optional<MemberRole> actor, boolean admin) {
    if (admin || actor.equals(Optional.of(MemberRole.OWNER))) {
      return true;
    }
    return actor.equals(Optional.of(MemberRole.MODERATOR))
        && (action == MemberAction.ADD || action == MemberAction.REMOVE);
  }

  /**
   * Whether the actor may ask for the action at all: with the right to act on others, or, for a
   * member, to remove itself.
   */
  public static boolean mayAsk(MemberAction action, Optional<MemberRole> actor, boolean admin) {
    return mayAct(action, actor, admin) || (action == MemberAction.REMOVE && actor.isPresent());
  }

  /**
   * The answer to the action on a known, enabled user ({@code self} when it is the actor), whose
   * role in the room is {@code target}. The owner is never removed nor demoted, a moderator may
   * not remove another moderator, and any member may remove itself.
   */
  public static Verdict onMember(
      MemberAction action,
      Optional<MemberRole> actor,
      boolean admin,
      boolean self,
      Optional<MemberRole> target) {
    if (!mayAct(action, actor, admin) && !(self && mayAsk(action, actor, admin))) {
      return Verdict.FORBIDDEN;
    }
    if (target.equals(Optional.of(MemberRole.OWNER)) && action != MemberAction.ADD) {
      return Verdict.FORBIDDEN;
    }
    return switch (action) {
      case ADD -> target.isPresent() ? Verdict.UNCHANGED : Verdict.ALLOWED;
      case REMOVE -> {
        if (target.isEmpty()) {
          yield Verdict.UNCHANGED;
        }
        boolean moderatorOnModerator =
            !self
                && !admin
                && actor.equals(Optional.of(MemberRole.MODERATOR))
                && target.equals(Optional.of(MemberRole.MODERATOR));
        yield moderatorOnModerator ? Verdict.FORBIDDEN : Verdict.ALLOWED;
      }
      case PROMOTE -> roleChange(target, MemberRole.MEMBER);
      case DEMOTE -> roleChange(target, MemberRole.MODERATOR);
    };
  }

  /**
   * Whether the actor may delete a message of the room: its author always; someone else's, the
   * room's owner, its moderators and admins, except in a conversation, where each deletes only
   * what they wrote.
   */
  public static boolean mayDeleteMessage(
      boolean conversation, boolean author, Optional<MemberRole> actor, boolean admin) {
    if (author) {
      return true;
    }
    if (conversation) {
      return false;
    }
    return admin
        || actor.equals(Optional.of(MemberRole.OWNER))
        || actor.equals(Optional.of(MemberRole.MODERATOR));
  }

  /** A role change that applies to members in the role {@code from}. */
  private static Verdict roleChange(Optional<MemberRole> target, MemberRole from) {
    if (target.isEmpty()) {
      return Verdict.NOT_A_MEMBER;
    }
    return target.get() == from ? Verdict.ALLOWED : Verdict.UNCHANGED;
  }
}
