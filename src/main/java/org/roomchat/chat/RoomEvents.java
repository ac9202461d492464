package org.roomchat.chat;

import java.time.OffsetDateTime;
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
            message.mentionedNames(),
            message.editedAt(),
            message.deleted());
    return new RoomEvent(ServerFrameEncoder.toJson(frame), null, message.id(), message.seq());
  }

  /**
   * What became of a message since it was sent: its deletion, or its new text. Delivered after the
   * message itself on every node.
   */
  public static RoomEvent change(StoredMessage message) {
    return change(
        message.id(), message.seq(), message.deleted(), message.content(), message.editedAt());
  }

  /** A change just made, as {@link #change(StoredMessage)}. */
  static RoomEvent change(MessageChanges.Changed changed) {
    return change(
        changed.messageId(), changed.seq(), changed.deleted(), changed.text(), changed.editedAt());
  }

  private static RoomEvent change(
      long messageId, long seq, boolean deleted, String text, OffsetDateTime editedAt) {
    ServerFrame frame =
        deleted
            ? new ServerFrame.MessageDeleted(messageId)
            : new ServerFrame.MessageEdited(messageId, text, editedAt);
    return RoomEvent.following(seq, ServerFrameEncoder.toJson(frame));
  }
}
