package org.roomchat.websocket;

import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServlet;
import org.roomchat.chat.RoomChat;

/**
 * Runs the graceful stop of {@link RoomChat} when the application stops. It is a servlet with no
 * mapping because a container destroys servlets before filters and listeners, and the WebSocket
 * runtime closes every socket when its own filter goes: this is the last moment at which queued
 * frames can still be flushed and sockets closed with 1001.
 */
public class GracefulStop extends HttpServlet {

  @Inject RoomChat chat;

  @Override
  public void destroy() {
    chat.stop();
  }
}
