package org.roomchat.room;

import java.util.OptionalLong;

/**
 * Whom a room list is for, which decides the private rooms on it: none, those the user is a member
 * of, or all of them (the admin dashboard). Public rooms are on every list, conversations on none.
 */
public record RoomAudience(boolean everyRoom, OptionalLong memberId) {

  /** Someone who is not logged in: public rooms only. */
  public static final RoomAudience PUBLIC_ONLY = new RoomAudience(false, OptionalLong.empty());

  /** The admin dashboard: every room, private ones included. */
  public static final RoomAudience EVERY_ROOM = new RoomAudience(true, OptionalLong.empty());

  /** A user: public rooms and the private rooms the user is a member of. */
  public static RoomAudience memberOf(long userId) {
    return new RoomAudience(false, OptionalLong.of(userId));
  }
}
