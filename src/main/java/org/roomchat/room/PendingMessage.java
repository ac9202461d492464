package org.roomchat.room;

import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A message accepted from a client and waiting to be stored.
 *
 * @param mentions the {@code @name}s of its text, in order; those naming readers of the room are
 *     stored with it
 * @param onStored runs once it is stored, in the order messages were submitted
 * @param onFailed runs if it could not be stored; nothing was sent anywhere
 */
public record PendingMessage(
    long roomId,
    long authorId,
    String username,
    String content,
    List<MentionToken> mentions,
    Consumer<StoredMessage> onStored,
    Runnable onFailed) {

  public PendingMessage {
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(content, "content");
    mentions = List.copyOf(mentions);
    Objects.requireNonNull(onStored, "onStored");
    Objects.requireNonNull(onFailed, "onFailed");
  }

  /** A message that mentions no one. */
  public PendingMessage(
      long roomId,
      long authorId,
      String username,
      String content,
      Consumer<StoredMessage> onStored,
      Runnable onFailed) {
    this(roomId, authorId, username, content, List.of(), onStored, onFailed);
  }
}
