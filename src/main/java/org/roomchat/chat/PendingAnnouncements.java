package org.roomchat.chat;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Holds news about a room's messages (an edit, a deletion) until every message submitted to the
 * room on this node before it has been announced or has failed. A change is made to a committed
 * message, and a message commits before its writer announces it: without this, a client that
 * guessed the id of a message being stored could have the room hear of its deletion before the
 * message. (Across nodes, the group registry's ordering does the same for what comes through
 * Redis.) The store announces a room's messages in the order they were submitted, so counting
 * them is enough.
 */
final class PendingAnnouncements {

  /** One room's counts, changed only inside the map's atomic compute calls for its key. */
  private static final class Room {
    long submitted;
    long settled;
    final ArrayDeque<Held> held = new ArrayDeque<>();
  }

  private record Held(long after, Runnable news) {}

  private final Map<Long, Room> rooms = new ConcurrentHashMap<>();

  /** A message was submitted to the room's store. */
  void submitted(long roomId) {
    rooms.compute(
        roomId,
        (id, room) -> {
          Room counts = room != null ? room : new Room();
          counts.submitted++;
          return counts;
        });
  }

  /** A message submitted to the room was announced, or failed; news held for it goes out. */
  void settled(long roomId) {
    List<Runnable> due = new ArrayList<>();
    rooms.computeIfPresent(
        roomId,
        (id, room) -> {
          room.settled++;
          while (!room.held.isEmpty() && room.held.peekFirst().after() <= room.settled) {
            due.add(room.held.pollFirst().news());
          }
          return room.settled == room.submitted && room.held.isEmpty() ? null : room;
        });
    due.forEach(Runnable::run);
  }

  /** Runs the news now when nothing submitted to the room is unsettled, or else once it is. */
  void afterPending(long roomId, Runnable news) {
    boolean[] held = {false};
    rooms.computeIfPresent(
        roomId,
        (id, room) -> {
          if (room.settled < room.submitted) {
            room.held.addLast(new Held(room.submitted, news));
            held[0] = true;
          }
          return room;
        });
    if (!held[0]) {
      news.run();
    }
  }
}
