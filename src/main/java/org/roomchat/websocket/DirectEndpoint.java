package org.roomchat.websocket;

import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.PathParam;
import jakarta.websocket.server.ServerEndpoint;
import org.roomchat.chat.RoomAccess;
import org.roomchat.protocol.ClientFrame;
import org.roomchat.protocol.ClientFrameDecoder;

/**
 * {@code /ws/dm/{username}/}: the logged-in user's conversation with that user, with a room's
 * frames, limits and catch-up. An unknown or disabled user is closed with 4003 before any frame;
 * opening a conversation that does not exist yet starts it, within the user's limit of new ones
 * (past it, 1008).
 */
@ServerEndpoint(
    value = "/ws/dm/{username}/",
    decoders = TextFrames.In.class,
    encoders = TextFrames.Out.class,
    configurator = HandshakeLogin.class)
public class DirectEndpoint {

  @Inject ChatSocketHandler handler;
  @Inject RoomAccess access;

  private ChatSocketHandler.Connection connection;

  @OnOpen
  public void open(Session session, @PathParam("username") String username) {
    // The name is the client's: the log names the conversation by its users' ids once joined.
    connection =
        handler.open(session, "a conversation", person -> access.converse(person, username));
  }

  @OnMessage(maxMessageSize = ClientFrameDecoder.MAX_FRAME_BYTES)
  public void receive(ClientFrame frame, Session session) {
    handler.receive(connection, frame, session);
  }

  @OnMessage(maxMessageSize = ClientFrameDecoder.MAX_FRAME_BYTES)
  public void receiveBinary(byte[] data, Session session) {
    handler.refuseBinary(session);
  }

  @OnClose
  public void close(Session session, CloseReason reason) {
    handler.close(session, reason);
    connection = null;
  }

  @OnError
  public void error(Throwable cause) {
    handler.error(cause);
  }
}
