package org.roomchat.room;

/** What a moderation log entry says was done, stored by its lower-case name. */
public enum ModerationRecord implements LowerCaseName {
  MUTE,
  UNMUTE,
  BAN,
  UNBAN,
  PROMOTE,
  DEMOTE,
  /** Someone else's message was deleted (its text is never logged). */
  DELETE_MESSAGE,
  /** The whole room was deleted by an admin. */
  DELETE_ROOM
}
