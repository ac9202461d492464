package org.roomchat.protocol;

import org.roomchat.protocol.Rejection;

/** A frame a browser sends, as the decoder understood it. */
public sealed interface ClientFrame {

  /** {@code {"type": "message", "message": "..."}}; the type may be left out. */
  record SendMessage(String message) implements ClientFrame {}

  /** {@code {"type": "typing", "is_typing": true}}. */
  record Typing(boolean isTyping) implements ClientFrame {}

  /** {@code {"type": "read", "message_id": 42}}: the reader has read the room up to there. */
  record Read(long messageId) implements ClientFrame {}

  /** {@code {"type": "edit", "message_id": 42, "message": "..."}}: the author's new text. */
  record Edit(long messageId, String message) implements ClientFrame {}

  /** {@code {"type": "delete", "message_id": 42}}. */
  record Delete(long messageId) implements ClientFrame {}

  /**
   * A frame over the contract's size cap. Not every runtime enforces {@code maxMessageSize} on a
   * text frame (Undertow counts only its first read), so the decoder measures it too.
   */
  record TooLarge() implements ClientFrame {}

  /** A frame that breaks the contract; the client gets an error frame for it. */
  record Malformed(Rejection rejection) implements ClientFrame {}
}
