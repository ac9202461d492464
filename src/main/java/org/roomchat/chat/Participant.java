package org.roomchat.chat;

import java.util.Objects;
import org.roomchat.room.RoomName;

/** Who is on a connection and in which room. */
public record Participant(String username, long userId, RoomName room, long roomId) {
  public Participant {
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(room, "room");
  }
}
