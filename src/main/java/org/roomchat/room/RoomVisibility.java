package org.roomchat.room;

/**
 * Who may find and enter a room: anyone logged in ({@code public}), or its members only ({@code
 * private}); or it is a conversation between two users ({@code direct}), which only those two read
 * and which no room list shows.
 */
public enum RoomVisibility implements LowerCaseName {
  PUBLIC,
  PRIVATE,
  DIRECT
}
