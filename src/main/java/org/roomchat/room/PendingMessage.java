package org.roomchat.room;

import java.util.Objects;
import java.util.function.Consumer;

/**
 * A message accepted from a client and waiting to be stored.
 *
 * @param onStored runs once it is stored, in the order messages were submitted
 * @param onFailed runs if it could not be stored; nothing was sent anywhere
 */
public record PendingMessage(
    long roomId,
    long authorId,
    String username,
    String content,
    Consumer<StoredMessage> onStored,
    Runnable onFailed) {

  public PendingMessage {
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(content, "content");
    Objects.requireNonNull(onStored, "onStored");
    Objects.requireNonNull(onFailed, "onFailed");
  }
}
