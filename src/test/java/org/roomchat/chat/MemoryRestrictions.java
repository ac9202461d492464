package org.roomchat.chat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.roomchat.room.Restriction;
import org.roomchat.room.RestrictionKind;
import org.roomchat.room.RoomRestrictions;

/** Mutes and bans kept in memory, counting how often a room's were read. */
final class MemoryRestrictions implements RoomRestrictions {

  private record Key(long roomId, long userId, RestrictionKind kind) {}

  private final Map<Key, Restriction> held = new ConcurrentHashMap<>();
  int reads;

  /** While set, reading the restrictions fails, as with the database away. */
  boolean failing;

  @Override
  public List<Restriction> of(long roomId) {
    if (failing) {
      throw new IllegalStateException("database away");
    }
    reads++;
    List<Restriction> found = new ArrayList<>();
    held.forEach(
        (key, restriction) -> {
          if (key.roomId() == roomId) {
            found.add(restriction);
          }
        });
    return found;
  }

  @Override
  public Optional<Restriction> find(long roomId, long userId, RestrictionKind kind) {
    return Optional.ofNullable(held.get(new Key(roomId, userId, kind)));
  }

  @Override
  public void impose(long roomId, long userId, RestrictionKind kind, Optional<Instant> until) {
    held.put(new Key(roomId, userId, kind), new Restriction(userId, "user" + userId, kind, until));
  }

  @Override
  public boolean lift(long roomId, long userId, RestrictionKind kind) {
    return held.remove(new Key(roomId, userId, kind)) != null;
  }
}
