package org.roomchat.group;

import java.util.Objects;

/**
 * One event for the members of a group, serialized once for all of them.
 *
 * @param json the text frame every member receives
 * @param excludedUser a user whose own connections must not receive it (the typer of a typing
 *     event), or {@code null}
 * @param messageId the stored message's id for chat messages, else 0; lets a connection that is
 *     catching up drop what it already replayed
 */
public record RoomEvent(String json, String excludedUser, long messageId) {

  public RoomEvent {
    Objects.requireNonNull(json, "json");
  }

  public static RoomEvent of(String json) {
    return new RoomEvent(json, null, 0);
  }

  public boolean isFor(String user) {
    return excludedUser == null || !excludedUser.equals(user);
  }
}
