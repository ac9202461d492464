package org.roomchat.room;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Who is in which room. A user with several connections to one room is one user: only the first
 * connection enters and only the last one leaves.
 */
public interface Presence {

  /** Counts one more connection of the user; true when it is the user's first in the room. */
  boolean enter(RoomName room, String user);

  /** Counts one connection fewer; true when it was the user's last in the room. */
  boolean leave(RoomName room, String user);

  /** The users in the room, sorted. */
  List<String> online(RoomName room);

  /**
   * How many users are in each of the rooms, every room in the answer (0 when empty), asked all at
   * once: a page of a hundred rooms costs one round trip, not a hundred.
   */
  Map<RoomName, Integer> onlineCounts(Collection<RoomName> rooms);

  /**
   * Tells the listener of users who left a room because the node they were connected to stopped
   * answering (a room and a user at a time), so that a live node announces it. Presence kept in
   * this process alone has no other node and never calls it.
   */
  default void onDeparture(BiConsumer<RoomName, String> listener) {}
}
