package org.roomchat.room;

/**
 * Who may find and enter a room: anyone logged in ({@code public}), or its members only ({@code
 * private}).
 */
public enum RoomVisibility implements LowerCaseName {
  PUBLIC,
  PRIVATE
}
