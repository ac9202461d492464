package org.roomchat.chat;

import org.roomchat.group.RoomEvent;
import org.roomchat.protocol.ServerFrame;
import org.roomchat.protocol.ServerFrameEncoder;
import org.roomchat.room.StoredMessage;

/** Server frames as the events a room's members receive, each encoded once for all of them. */
public final class RoomEvents {

  private RoomEvents() {}

  public static RoomEvent of(ServerFrame frame) {
    return RoomEvent.of(ServerFrameEncoder.toJson(frame));
  }

  /** An event the user's own connections do not receive (their own typing). */
  public static RoomEvent forOthersThan(String user, ServerFrame frame) {
    return new RoomEvent(ServerFrameEncoder.toJson(frame), user, 0);
  }

  /** A stored message, in the room's sequence; {@code truncated} marks a cut catch-up's first. */
  public static RoomEvent message(StoredMessage message, boolean truncated) {
    ServerFrame.ChatMessage frame =
        new ServerFrame.ChatMessage(
            message.id(),
            message.username(),
            message.content(),
            message.createdAt(),
            truncated,
            message.seq(),
            message.mentionedNames());
    return new RoomEvent(ServerFrameEncoder.toJson(frame), null, message.id(), message.seq());
  }
}
