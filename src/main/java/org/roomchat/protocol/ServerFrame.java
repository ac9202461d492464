package org.roomchat.protocol;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;

/** A frame the server sends; see the contract for each type's fields. */
public sealed interface ServerFrame {

  /**
   * A stored chat message; {@code truncated} marks the first of a catch-up that was cut, {@code
   * seq} is its number in the room (1, 2, 3... in commit order; 0 leaves it out of the frame), and
   * {@code mentions} the stored names of the readers of the room it mentions (none leaves the field
   * out). {@code editedAt} (null: never edited) and {@code deleted} tell what became of it since.
   */
  record ChatMessage(
      long messageId,
      String username,
      String message,
      OffsetDateTime timestamp,
      boolean truncated,
      long seq,
      List<String> mentions,
      OffsetDateTime editedAt,
      boolean deleted)
      implements ServerFrame {
    public ChatMessage {
      Objects.requireNonNull(username, "username");
      Objects.requireNonNull(message, "message");
      Objects.requireNonNull(timestamp, "timestamp");
      mentions = List.copyOf(mentions);
    }

    /** A message as it was sent. */
    public ChatMessage(
        long messageId,
        String username,
        String message,
        OffsetDateTime timestamp,
        boolean truncated,
        long seq,
        List<String> mentions) {
      this(messageId, username, message, timestamp, truncated, seq, mentions, null, false);
    }

    /** A message that mentions no one. */
    public ChatMessage(
        long messageId,
        String username,
        String message,
        OffsetDateTime timestamp,
        boolean truncated,
        long seq) {
      this(messageId, username, message, timestamp, truncated, seq, List.of());
    }

    public ChatMessage markTruncated() {
      return new ChatMessage(
          messageId, username, message, timestamp, true, seq, mentions, editedAt, deleted);
    }
  }

  /** A message's author replaced its text. */
  record MessageEdited(long messageId, String message, OffsetDateTime editedAt)
      implements ServerFrame {
    public MessageEdited {
      Objects.requireNonNull(message, "message");
      Objects.requireNonNull(editedAt, "editedAt");
    }
  }

  /** A message was deleted: its text is gone, its place stays. */
  record MessageDeleted(long messageId) implements ServerFrame {}

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

  /**
   * What a user has not read in one room ({@code "room"}: its name) or conversation ({@code
   * "user"}: the other member's name), as the user's own stream reports it.
   */
  record UnreadEntry(
      boolean conversation, String name, long unread, long mentions, long lastMessageId) {
    public UnreadEntry {
      Objects.requireNonNull(name, "name");
    }
  }

  /** The first frame of a user's stream: every room and every conversation with messages. */
  record UnreadSummary(List<UnreadEntry> rooms, List<UnreadEntry> dms) implements ServerFrame {
    public UnreadSummary {
      rooms = List.copyOf(rooms);
      dms = List.copyOf(dms);
    }
  }

  /**
   * A changed count on a user's stream; {@code from} and {@code preview} (either may be null, and
   * is then left out) name the author and start of the newest message.
   */
  record Unread(UnreadEntry entry, String from, String preview) implements ServerFrame {
    public Unread {
      Objects.requireNonNull(entry, "entry");
    }
  }

  /** The user became a member of this private room. */
  record RoomAdded(String room) implements ServerFrame {}

  /** The user is no longer a member of this private room. */
  record RoomRemoved(String room) implements ServerFrame {}
}
