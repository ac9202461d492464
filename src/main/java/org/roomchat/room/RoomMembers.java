package org.roomchat.room;

import java.util.List;
import java.util.Optional;

/** Who is a member of which room, in which role. */
public interface RoomMembers {

  /** The account of this name (compared as names are) when it exists and may chat. */
  Optional<Person> person(String username);

  /** The user's role in the room; empty when the user is not a member. */
  Optional<MemberRole> role(long roomId, long userId);

  /** Makes the user a plain member, unless a member already; true when the user was added. */
  boolean join(long roomId, long userId);

  /** Ends the user's membership; true when the user was a member. */
  boolean remove(long roomId, long userId);

  /** Gives a member another role; false when the user is not a member. */
  boolean changeRole(long roomId, long userId, MemberRole role);

  /** The room's members: the owner first, then moderators, then members, each by name. */
  List<Member> list(long roomId);
}
