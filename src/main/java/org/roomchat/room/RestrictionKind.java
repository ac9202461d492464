package org.roomchat.room;

/** What a room's moderators may impose on a user there: {@code mute} or {@code ban}. */
public enum RestrictionKind implements LowerCaseName {
  /** Reads the room but may not talk, type or upload there. */
  MUTE,
  /** Is treated as a non-member of the room: may not read nor enter it. */
  BAN
}
