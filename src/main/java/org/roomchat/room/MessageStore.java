package org.roomchat.room;

/** Where chat messages are stored, in the order they are submitted. */
public interface MessageStore {

  /**
   * Takes the message for storing; its {@code onStored} runs once it is stored (callbacks in
   * submission order), its {@code onFailed} if it cannot be. False, and neither runs, when the
   * store is stopping or too far behind to take it.
   */
  boolean submit(PendingMessage message);

  /**
   * Stops taking messages and returns once those already taken are stored and announced (or after
   * a bounded wait); safe to call more than once.
   */
  void flush();
}
