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
import org.roomchat.account.UserAccount;
import org.roomchat.guard.Rejection;
import org.roomchat.metrics.ChatMetrics;
import org.roomchat.room.RoomName;
import org.roomchat.room.RoomService;

/** {@code /ws/chat/{room}/}: one instance per connection, all shared state in injected beans. */
@ServerEndpoint(
    value = "/ws/chat/{room}/",
    decoders = ClientFrameDecoder.class,
    encoders = ServerFrameEncoder.class,
    configurator = HandshakeLogin.class)
public class ChatEndpoint {

  /** The contract's cap on one frame; larger ones close the connection with 1009. */
  static final int MAX_FRAME_BYTES = 64 * 1024;

  static final CloseReason.CloseCode NOT_LOGGED_IN = CloseReason.CloseCodes.getCloseCode(4001);
  static final CloseReason.CloseCode FORBIDDEN = CloseReason.CloseCodes.getCloseCode(4003);

  private static final Logger LOG = Logger.getLogger(ChatEndpoint.class.getName());

  @Inject ChatSessions chat;
  @Inject AccountService accounts;
  @Inject RoomService rooms;
  @Inject SocketCount sockets;
  @Inject ChatMetrics metrics;

  private Connection connection;
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
      ChatSessions.close(session, CloseReason.CloseCodes.TRY_AGAIN_LATER, "Please reconnect");
    }
  }

  private void join(Session session, String roomName) {
    if (chat.stopping()) {
      ChatSessions.close(session, CloseReason.CloseCodes.GOING_AWAY, "Server restarting");
      return;
    }
    Principal principal = session.getUserPrincipal();
    if (principal == null) {
      ChatSessions.close(session, NOT_LOGGED_IN, "Login required");
      return;
    }
    Optional<RoomName> room = RoomName.parse(roomName);
    if (room.isEmpty()) {
      ChatSessions.close(session, CloseReason.CloseCodes.VIOLATED_POLICY, "Invalid room name");
      return;
    }
    Optional<UserAccount> account = accounts.find(principal.getName());
    if (account.isEmpty() || !account.get().isEnabled()) {
      ChatSessions.close(session, FORBIDDEN, "You may not enter this room");
      return;
    }
    Optional<SocketCount.OpenSocket> open = sockets.tryOpen(principal.getName());
    if (open.isEmpty()) {
      metrics.socketRefused();
      ChatSessions.close(session, CloseReason.CloseCodes.VIOLATED_POLICY, "Too many open sockets");
      return;
    }
    counted = open.get();
    budget = chat.frameBudget();
    OptionalLong roomId = rooms.enter(room.get(), principal.getName());
    if (roomId.isEmpty()) {
      // A new room past the user's limit of new rooms: nothing is created, no room frame is sent.
      release();
      ChatSessions.close(
          session, CloseReason.CloseCodes.VIOLATED_POLICY, "Too many new rooms; try again later");
      return;
    }
    session.setMaxTextMessageBufferSize(MAX_FRAME_BYTES);
    Connection.Member member =
        new Connection.Member(
            principal.getName(), account.get().getId(), room.get(), roomId.getAsLong());
    String afterParameter = first(session.getRequestParameterMap().get("after"));
    Long after = parseAfter(afterParameter);
    connection = chat.join(session, member, after);
    if (afterParameter != null && after == null) {
      chat.warn(connection, Rejection.INVALID_AFTER);
    }
  }

  @OnMessage(maxMessageSize = MAX_FRAME_BYTES)
  public void receive(ClientFrame frame, Session session) {
    if (frame instanceof ClientFrame.TooLarge) {
      ChatSessions.close(session, CloseReason.CloseCodes.TOO_BIG, "Frame too large");
    } else if (connection != null) {
      chat.receive(connection, budget, frame);
    }
  }

  @OnMessage(maxMessageSize = MAX_FRAME_BYTES)
  public void receiveBinary(byte[] data, Session session) {
    ChatSessions.close(
        session, CloseReason.CloseCodes.CANNOT_ACCEPT, "Binary frames are not supported");
  }

  @OnClose
  public void close(CloseReason reason) {
    if (connection != null) {
      chat.leave(connection, reason);
      connection = null;
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

  static Long parseAfter(String value) {
    if (value == null) {
      return null;
    }
    try {
      long after = Long.parseLong(value);
      return after >= 0 ? after : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
