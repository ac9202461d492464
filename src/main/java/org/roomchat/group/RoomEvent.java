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
 * @param follows for news about a stored message (its edit or deletion), that message's {@code
 *     seq}, else 0: each node delivers the news only after the message itself
 */
public record RoomEvent(String json, String excludedUser, long messageId, long seq, long follows) {

  public RoomEvent {
    Objects.requireNonNull(json, "json");
  }

  /** A chat message, or an event outside the room's message sequence. */
  public RoomEvent(String json, String excludedUser, long messageId, long seq) {
    this(json, excludedUser, messageId, seq, 0);
  }

  /** An event outside the room's message sequence. */
  public RoomEvent(String json, String excludedUser, long messageId) {
    this(json, excludedUser, messageId, 0);
  }

  public static RoomEvent of(String json) {
    return new RoomEvent(json, null, 0, 0);
  }

  /** News about the stored message numbered {@code seq}, for delivery after it. */
  public static RoomEvent following(long seq, String json) {
    return new RoomEvent(json, null, 0, 0, seq);
  }

  public boolean isFor(String user) {
    return excludedUser == null || !excludedUser.equals(user);
  }

  /** Whether the event is a chat message with its place in the room's sequence. */
  public boolean isSequenced() {
    return seq > 0;
  }

  /** Whether the event must wait for the chat message it is about. */
  public boolean isFollower() {
    return follows > 0;
  }
}
