package org.roomchat.room;

import java.util.Objects;

/** What deciding who may enter a room needs to know of it; none of it ever changes. */
public record RoomFacts(long id, RoomName name, RoomVisibility visibility) {
  public RoomFacts {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(visibility, "visibility");
  }

  public boolean isPrivate() {
    return visibility == RoomVisibility.PRIVATE;
  }
}
