package org.roomchat.chat;

/**
 * One open {@code /ws/user/}: a user's own stream of unread counts. The WebSocket adapter
 * implements it; tests use their own.
 */
public interface UserStream extends Connection {

  long userId();

  /**
   * Queues the frame for the client; never blocks. A stream whose client falls too far behind is
   * closed (it reconnects and gets a fresh summary).
   */
  void send(String json);
}
