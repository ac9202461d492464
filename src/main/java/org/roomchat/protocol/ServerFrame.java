package org.roomchat.protocol;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;

/** A frame the server sends; see the contract for each type's fields. */
public sealed interface ServerFrame {

  /**
   * A stored chat message; {@code truncated} marks the first of a catch-up that was cut, and {@code
   * seq} is its number in the room (1, 2, 3... in commit order; 0 leaves it out of the frame).
   */
  record ChatMessage(
      long messageId,
      String username,
      String message,
      OffsetDateTime timestamp,
      boolean truncated,
      long seq)
      implements ServerFrame {
    public ChatMessage {
      Objects.requireNonNull(username, "username");
      Objects.requireNonNull(message, "message");
      Objects.requireNonNull(timestamp, "timestamp");
    }

    public ChatMessage markTruncated() {
      return new ChatMessage(messageId, username, message, timestamp, true, seq);
    }
  }

  record UserJoin(String username) implements ServerFrame {}

  record UserLeave(String username) implements ServerFrame {}

  record Typing(String username, boolean isTyping) implements ServerFrame {}

  /** The user became a member of the room. */
  record MemberAdded(String username) implements ServerFrame {}

  /** The user is no longer a member of the room: removed, or left. */
  record MemberRemoved(String username) implements ServerFrame {}

  /** The room's online users, sorted; sent to a connection right after it joins. */
  record Presence(List<String> users) implements ServerFrame {
    public Presence {
      users = List.copyOf(users);
    }
  }

  /** A refused frame; {@code code} is stable for programs, {@code message} is for people. */
  record Error(String code, String message) implements ServerFrame {}
}
