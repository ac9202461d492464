package org.roomchat.room;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * A stored message as readers see it: its id, its number in the room ({@code seq}: 1, 2, 3... in
 * commit order), author's name, text and time, and the readers of the room it mentions, in the
 * order its text names them. {@code editedAt} is when its author last replaced the text (null if
 * never); a {@code deleted} message keeps its place with an empty text.
 */
public record StoredMessage(
    long id,
    long seq,
    String username,
    String content,
    OffsetDateTime createdAt,
    List<Person> mentions,
    OffsetDateTime editedAt,
    boolean deleted) {

  public StoredMessage {
    mentions = List.copyOf(mentions);
    if (deleted) {
      content = "";
      mentions = List.of();
    }
  }

  /** A message as it was stored, never changed since. */
  public StoredMessage(
      long id,
      long seq,
      String username,
      String content,
      OffsetDateTime createdAt,
      List<Person> mentions) {
    this(id, seq, username, content, createdAt, mentions, null, false);
  }

  /** A message that mentions no one. */
  public StoredMessage(
      long id, long seq, String username, String content, OffsetDateTime createdAt) {
    this(id, seq, username, content, createdAt, List.of());
  }

  /** The same message with the readers it mentions. */
  StoredMessage withMentions(List<Person> mentioned) {
    return new StoredMessage(id, seq, username, content, createdAt, mentioned, editedAt, deleted);
  }

  /** The stored names of the readers it mentions. */
  public List<String> mentionedNames() {
    return mentions.stream().map(Person::username).toList();
  }

  /** Whether its author replaced its text after sending it. */
  public boolean edited() {
    return editedAt != null;
  }

  static StoredMessage of(Message m) {
    return new StoredMessage(
        m.getId(),
        m.getRoomSeq(),
        m.getAuthor().getUsername(),
        m.getContent(),
        m.getCreatedAt(),
        List.of(),
        m.getEditedAt(),
        m.isDeleted());
  }
}
