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
import java.util.Optional;
import org.roomchat.chat.RoomAccess;
import org.roomchat.protocol.ClientFrame;
import org.roomchat.protocol.ClientFrameDecoder;
import org.roomchat.protocol.CloseCode;
import org.roomchat.room.RoomName;

/** {@code /ws/chat/{room}/}: one instance per connection, all shared state in injected beans. */
@ServerEndpoint(
    value = "/ws/chat/{room}/",
    decoders = TextFrames.In.class,
    encoders = TextFrames.Out.class,
    configurator = HandshakeLogin.class)
public class ChatEndpoint {

  @Inject ChatSocketHandler handler;
  @Inject RoomAccess access;

  private ChatSocketHandler.Connection connection;

  @OnOpen
  public void open(Session session, @PathParam("room") String roomName) {
    Optional<RoomName> room = RoomName.parse(roomName);
    if (room.isEmpty()) {
      ClientSocket.close(session, CloseCode.VIOLATED_POLICY, "Invalid room name");
      return;
    }
    connection =
        handler.open(session, "room " + roomName, person -> access.enter(room.get(), person));
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
