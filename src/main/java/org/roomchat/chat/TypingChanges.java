package org.roomchat.chat;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import org.roomchat.guard.SlidingWindow;
import org.roomchat.room.RoomName;

/**
 * Which typing frames reach a room: only those that change the user's state (over all their
 * connections to the room on this node), and at most {@code perSecond} changes a second. Stopping
 * is never held back, so a room is not left showing someone typing who has stopped; since it only
 * follows a start that got through, it at most doubles the rate.
 */
final class TypingChanges {

  private static final long SECOND = Duration.ofSeconds(1).toNanos();

  private static final class State {
    int connections;
    boolean typing;
    final SlidingWindow changes;

    State(int perSecond) {
      changes = new SlidingWindow(perSecond);
    }
  }

  private final int perSecond;
  private final ConcurrentHashMap<String, State> states = new ConcurrentHashMap<>();

  TypingChanges(int perSecond) {
    this.perSecond = perSecond;
  }

  private static String key(RoomName room, String user) {
    return room.value() + '\u001f' + user;
  }

  /** A connection of the user joined the room. */
  void joined(RoomName room, String user) {
    states.compute(
        key(room, user),
        (k, state) -> {
          State joined = state != null ? state : new State(perSecond);
          joined.connections++;
          return joined;
        });
  }

  /** A connection of the user left the room; with the last one, their state is forgotten. */
  void left(RoomName room, String user) {
    states.computeIfPresent(key(room, user), (k, state) -> --state.connections > 0 ? state : null);
  }

  /** Whether a typing frame received at {@code now} (nanoseconds) goes to the room. */
  boolean forward(RoomName room, String user, boolean isTyping, long now) {
    State state = states.get(key(room, user));
    if (state == null) {
      return false; // not in the room (any more)
    }
    synchronized (state) {
      if (state.typing == isTyping) {
        return false;
      }
      if (isTyping) {
        if (!state.changes.tryAcquire(now, SECOND)) {
          return false;
        }
      } else {
        state.changes.record(now);
      }
      state.typing = isTyping;
      return true;
    }
  }
}
