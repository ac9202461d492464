package org.roomchat.room;

import java.time.OffsetDateTime;

/**
 * A stored message as readers see it: its id, its number in the room ({@code seq}: 1, 2, 3... in
 * commit order), author's name, text and time.
 */
public record StoredMessage(
    long id, long seq, String username, String content, OffsetDateTime createdAt) {

  static StoredMessage of(Message m) {
    return new StoredMessage(
        m.getId(), m.getRoomSeq(), m.getAuthor().getUsername(), m.getContent(), m.getCreatedAt());
  }
}
