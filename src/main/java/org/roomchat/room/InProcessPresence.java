package org.roomchat.room;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Presence counted in this process: the default when no Redis server is configured, and each node's
 * own connections when one is. Typed as itself so that the adapter wiring alone decides which one is
 * the {@link Presence}.
 */
@ApplicationScoped
@Typed(InProcessPresence.class)
public class InProcessPresence implements Presence {

  private final Map<RoomName, Map<String, Integer>> rooms = new HashMap<>();

  @Override
  public synchronized boolean enter(RoomName room, String user) {
    return rooms.computeIfAbsent(room, r -> new HashMap<>()).merge(user, 1, Integer::sum) == 1;
  }

  @Override
  public synchronized boolean leave(RoomName room, String user) {
    Map<String, Integer> users = rooms.get(room);
    if (users == null || !users.containsKey(user)) {
      return false;
    }
    boolean last = users.merge(user, -1, Integer::sum) == 0;
    if (last) {
      users.remove(user);
      if (users.isEmpty()) {
        rooms.remove(room);
      }
    }
    return last;
  }

  @Override
  public synchronized List<String> online(RoomName room) {
    return rooms.getOrDefault(room, Map.of()).keySet().stream().sorted().toList();
  }

  @Override
  public synchronized Map<RoomName, Integer> onlineCounts(Collection<RoomName> wanted) {
    Map<RoomName, Integer> counts = new HashMap<>();
    for (RoomName room : wanted) {
      counts.put(room, rooms.getOrDefault(room, Map.of()).size());
    }
    return counts;
  }

  /** The users of each room, as a copy. */
  public synchronized Map<RoomName, List<String>> snapshot() {
    Map<RoomName, List<String>> copy = new HashMap<>();
    rooms.forEach((room, users) -> copy.put(room, List.copyOf(users.keySet())));
    return copy;
  }

  /** How many users are in each room now. */
  public synchronized Map<String, Integer> counts() {
    Map<String, Integer> counts = new HashMap<>();
    rooms.forEach((room, users) -> counts.put(room.value(), users.size()));
    return counts;
  }
}
