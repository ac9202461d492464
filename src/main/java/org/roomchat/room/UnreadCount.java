package org.roomchat.room;

import java.util.Objects;

/**
 * What one member has not read in one room or conversation.
 *
 * @param label the room's name, or for a conversation the other member's name (the member's own for
 *     a notepad)
 * @param readSeq the member's read marker: the place of the last message read
 * @param lastSeq the place of the room's newest message; unread are those after the marker
 * @param lastMessageId the id of the newest message, 0 before the first
 * @param mentions the member's mentions after the marker, counted up to {@code lastSeq}
 */
public record UnreadCount(
    long roomId,
    String label,
    Place place,
    long readSeq,
    long lastSeq,
    long lastMessageId,
    long mentions) {

  /** Where the member reads. */
  public enum Place {
    PUBLIC_ROOM,
    PRIVATE_ROOM,
    CONVERSATION
  }

  public UnreadCount {
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(place, "place");
  }

  /** Messages after the marker. */
  public long unread() {
    return Math.max(0, lastSeq - readSeq);
  }
}
