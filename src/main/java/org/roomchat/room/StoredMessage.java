package org.roomchat.room;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * A stored message as readers see it: its id, its number in the room ({@code seq}: 1, 2, 3... in
 * commit order), author's name, text and time, and the readers of the room it mentions, in the
 * order its text names them.
 */
public record StoredMessage(
    long id,
    long seq,
    String username,
    String content,
    OffsetDateTime createdAt,
    List<Person> mentions) {

  public StoredMessage {
    mentions = List.copyOf(mentions);
  }

  /** A message that mentions no one. */
  public StoredMessage(
      long id, long seq, String username, String content, OffsetDateTime createdAt) {
    this(id, seq, username, content, createdAt, List.of());
  }

  /** The same message with the readers it mentions. */
  StoredMessage withMentions(List<Person> mentioned) {
    return new StoredMessage(id, seq, username, content, createdAt, mentioned);
  }

  /** The stored names of the readers it mentions. */
  public List<String> mentionedNames() {
    return mentions.stream().map(Person::username).toList();
  }

  static StoredMessage of(Message m) {
    return new StoredMessage(
        m.getId(), m.getRoomSeq(), m.getAuthor().getUsername(), m.getContent(), m.getCreatedAt());
  }
}
