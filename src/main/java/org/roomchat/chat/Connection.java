package org.roomchat.chat;

import java.time.Instant;
import java.util.Optional;
import org.roomchat.protocol.CloseCode;

/**
 * One open socket of a logged-in user, whatever it carries (a room, or the user's own stream): what
 * a graceful stop drains and closes, and what an ended login or a disabled account closes.
 */
public interface Connection {

  /** The user's stored name. */
  String username();

  /** The login (session or cookie) the client connected with, when known. */
  Optional<String> login();

  Instant openedAt();

  /**
   * Waits until every queued frame has been written, the client failed, or the deadline (a {@link
   * System#nanoTime()} value) passed; answers whether the queue was drained.
   */
  boolean awaitDrained(long deadline) throws InterruptedException;

  /** Frames waiting to be written. */
  int queued();

  /**
   * Ends the connection with the code and reason. It may wait on the network: call it off the
   * receiving and fan-out threads.
   */
  void disconnect(CloseCode code, String reason);
}
