package org.roomchat.group;

/**
 * A channel layer as Django Channels has it: named groups of members, and a send that reaches every member of a
 * group. Implementations differ in how far a send travels (this process, or every node sharing a
 * Redis server); callers cannot tell which one they have.
 */
public interface GroupRegistry {

  /** Adds the member to the group; events sent afterwards reach it. */
  void add(String group, GroupMember member);

  /** Removes the member from the group; removing an absent member does nothing. */
  void discard(String group, GroupMember member);

  /** Delivers the event to every member of the group, without waiting for any of them. */
  void send(String group, RoomEvent event);
}
