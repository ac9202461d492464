package org.roomchat.room;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Who is muted or banned in which room, and until when. */
public interface RoomRestrictions {

  /** The room's restrictions, ended ones included, by the users' stored names. */
  List<Restriction> of(long roomId);

  /** The user's restriction of this kind in the room, ended or not. */
  Optional<Restriction> find(long roomId, long userId, RestrictionKind kind);

  /** Mutes or bans the user in the room until then (empty: until lifted), replacing any before. */
  void impose(long roomId, long userId, RestrictionKind kind, Optional<Instant> until);

  /** Lifts the user's restriction of this kind; true when there was one. */
  boolean lift(long roomId, long userId, RestrictionKind kind);
}
