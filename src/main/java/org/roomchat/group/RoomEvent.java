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
 * @param seq the chat message's number in its room (1, 2, 3... in commit order), else 0; each node
 *     delivers a room's messages in this order, without gaps
 */
public record RoomEvent(String json, String excludedUser, long messageId, long seq) {

  public RoomEvent {
    Objects.requireNonNull(json, "json");
  }

  /** An event outside the room's message sequence. */
  public RoomEvent(String json, String excludedUser, long messageId) {
    this(json, excludedUser, messageId, 0);
  }

  public static RoomEvent of(String json) {
    return new RoomEvent(json, null, 0, 0);
  }

  public boolean isFor(String user) {
    return excludedUser == null || !excludedUser.equals(user);
  }

  /** Whether the event is a chat message with its place in the room's sequence. */
  public boolean isSequenced() {
    return seq > 0;
  }
}
