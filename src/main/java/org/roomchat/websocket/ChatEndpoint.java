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
import java.security.Principal;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.roomchat.account.AccountService;
import org.roomchat.chat.FrameBudget;
import org.roomchat.chat.Participant;
import org.roomchat.chat.RoomAccess;
import org.roomchat.chat.RoomChat;
import org.roomchat.chat.SocketCount;
import org.roomchat.config.ChatSettings;
import org.roomchat.metrics.ChatMetrics;
import org.roomchat.protocol.CatchUpParameter;
import org.roomchat.protocol.ClientFrame;
import org.roomchat.protocol.ClientFrameDecoder;
import org.roomchat.protocol.CloseCode;
import org.roomchat.protocol.Rejection;
import org.roomchat.room.Person;
import org.roomchat.room.RoomName;

/** {@code /ws/chat/{room}/}: one instance per connection, all shared state in injected beans. */
@ServerEndpoint(
    value = "/ws/chat/{room}/",
    decoders = TextFrames.In.class,
    encoders = TextFrames.Out.class,
    configurator = HandshakeLogin.class)
public class ChatEndpoint {

  private static final Logger LOG = Logger.getLogger(ChatEndpoint.class.getName());

  @Inject RoomChat chat;
  @Inject AccountService accounts;
  @Inject RoomAccess access;
  @Inject SocketCount sockets;
  @Inject ChatSettings settings;
  @Inject SocketQueueWatch queueWatch;
  @Inject ChatMetrics metrics;

  private ClientSocket client;
  private SocketCount.OpenSocket counted;
  private FrameBudget budget;

  @OnOpen
  public void open(Session session, @PathParam("room") String roomName) {
    try {
      join(session, roomName);
    } catch (RuntimeException e) {
      // A half-joined socket would stay open and silent; close it so the client retries.
      LOG.log(Level.WARNING, "Joining room " + roomName + " failed", e);
      release();
      ClientSocket.close(session, CloseCode.TRY_AGAIN_LATER, "Please reconnect");
    }
  }

  private void join(Session session, String roomName) {
    if (chat.stopping()) {
      ClientSocket.close(session, CloseCode.GOING_AWAY, "Server restarting");
      return;
    }
    Principal principal = session.getUserPrincipal();
    if (principal == null) {
      ClientSocket.close(session, CloseCode.NOT_LOGGED_IN, "Login required");
      return;
    }
    Optional<RoomName> room = RoomName.parse(roomName);
    if (room.isEmpty()) {
      ClientSocket.close(session, CloseCode.VIOLATED_POLICY, "Invalid room name");
      return;
    }
    OptionalLong userId = accounts.enabledAccountId(principal.getName());
    if (userId.isEmpty()) {
      ClientSocket.close(session, CloseCode.FORBIDDEN, "You may not enter this room");
      return;
    }
    Optional<SocketCount.OpenSocket> open = sockets.tryOpen(principal.getName());
    if (open.isEmpty()) {
      metrics.socketRefused();
      ClientSocket.close(session, CloseCode.VIOLATED_POLICY, "Too many open sockets");
      return;
    }
    counted = open.get();
    budget = chat.frameBudget();
    RoomAccess.Entry entry =
        access.enter(room.get(), new Person(userId.getAsLong(), principal.getName()));
    if (entry instanceof RoomAccess.Hidden) {
      // A private room the user is not a member of: no room frame, and the room hears nothing.
      release();
      ClientSocket.close(session, CloseCode.FORBIDDEN, "You may not enter this room");
      return;
    }
    if (!(entry instanceof RoomAccess.Admitted admitted)) {
      // A new room past the user's limit of new rooms: nothing is created, no room frame is sent.
      release();
      ClientSocket.close(
          session, CloseCode.VIOLATED_POLICY, "Too many new rooms; try again later");
      return;
    }
    session.setMaxTextMessageBufferSize(ClientFrameDecoder.MAX_FRAME_BYTES);
    Participant participant =
        new Participant(
            principal.getName(), userId.getAsLong(), room.get(), admitted.room().id());
    String afterParameter = first(session.getRequestParameterMap().get("after"));
    Long after = CatchUpParameter.parse(afterParameter);
    ClientSocket joining =
        new ClientSocket(
            session,
            participant,
            settings.capacity(),
            settings.capacityBytes(),
            settings.expiry(),
            queueWatch);
    chat.join(joining, after);
    client = joining;
    if (afterParameter != null && after == null) {
      chat.reject(client, Rejection.INVALID_AFTER);
    }
  }

  @OnMessage(maxMessageSize = ClientFrameDecoder.MAX_FRAME_BYTES)
  public void receive(ClientFrame frame, Session session) {
    if (frame instanceof ClientFrame.TooLarge) {
      ClientSocket.close(session, CloseCode.TOO_BIG, "Frame too large");
    } else if (client != null) {
      chat.receive(client, budget, frame);
    }
  }

  @OnMessage(maxMessageSize = ClientFrameDecoder.MAX_FRAME_BYTES)
  public void receiveBinary(byte[] data, Session session) {
    ClientSocket.close(session, CloseCode.CANNOT_ACCEPT, "Binary frames are not supported");
  }

  @OnClose
  public void close(CloseReason reason) {
    if (client != null) {
      chat.leave(client, reason.getCloseCode().getCode());
      client = null;
    }
    release();
  }

  private void release() {
    if (counted != null) {
      counted.release();
      counted = null;
    }
  }

  @OnError
  public void error(Throwable cause) {
    LOG.log(Level.FINE, "WebSocket error", cause);
  }

  private static String first(List<String> values) {
    return values == null || values.isEmpty() ? null : values.get(0);
  }
}
