package org.roomchat.room;

import java.time.OffsetDateTime;

/** A stored message as readers see it: its id, author's name, text and time. */
public record StoredMessage(long id, String username, String content, OffsetDateTime createdAt) {

  static StoredMessage of(Message m) {
    return new StoredMessage(
        m.getId(), m.getAuthor().getUsername(), m.getContent(), m.getCreatedAt());
  }
}
