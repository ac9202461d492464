package org.roomchat.websocket;

import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.security.Principal;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.roomchat.account.AccountService;
import org.roomchat.chat.RoomChat;
import org.roomchat.chat.SocketCount;
import org.roomchat.chat.UserStreams;
import org.roomchat.config.ChatSettings;
import org.roomchat.metrics.ChatMetrics;
import org.roomchat.protocol.CloseCode;

/**
 * {@code /ws/user/}: the logged-in user's own stream of unread counts, on whichever node it opens.
 * The handshake passes the same gate as a room's ({@link HandshakeGate}); the socket counts against
 * the user's cap of open sockets. The client has nothing to say on it: its frames are ignored.
 */
@ServerEndpoint(value = "/ws/user/", configurator = HandshakeLogin.class)
public class UserStreamEndpoint {

  /** Clients send nothing here; a frame larger than this closes the socket with 1009. */
  private static final int MAX_CLIENT_FRAME_BYTES = 4096;

  private static final Logger LOG = Logger.getLogger(UserStreamEndpoint.class.getName());

  @Inject UserStreams streams;
  @Inject RoomChat chat;
  @Inject AccountService accounts;
  @Inject SocketCount sockets;
  @Inject ChatSettings settings;
  @Inject SocketQueueWatch queueWatch;
  @Inject ChatMetrics metrics;

  private UserStreamSocket stream;
  private SocketCount.OpenSocket counted;

  @OnOpen
  public void open(Session session) {
    try {
      start(session);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Opening a user stream failed", e);
      end();
      ClientSocket.close(session, CloseCode.TRY_AGAIN_LATER, "Please reconnect");
    }
  }

  private void start(Session session) {
    if (chat.stopping()) {
      ClientSocket.close(session, CloseCode.GOING_AWAY, "Server restarting");
      return;
    }
    Principal principal = session.getUserPrincipal();
    if (principal == null) {
      ClientSocket.close(session, CloseCode.NOT_LOGGED_IN, "Login required");
      return;
    }
    OptionalLong userId = accounts.enabledAccountId(principal.getName());
    if (userId.isEmpty()) {
      ClientSocket.close(session, CloseCode.FORBIDDEN, "Account disabled");
      return;
    }
    Optional<SocketCount.OpenSocket> open = sockets.tryOpen(principal.getName());
    if (open.isEmpty()) {
      metrics.socketRefused();
      ClientSocket.close(session, CloseCode.VIOLATED_POLICY, "Too many open sockets");
      return;
    }
    counted = open.get();
    session.setMaxTextMessageBufferSize(MAX_CLIENT_FRAME_BYTES);
    UserStreamSocket opening =
        new UserStreamSocket(
            session,
            userId.getAsLong(),
            principal.getName(),
            settings.capacity(),
            settings.capacityBytes(),
            queueWatch);
    streams.open(opening);
    stream = opening;
  }

  /** Nothing is asked on this stream (reads go on the room's own socket): frames are ignored. */
  @OnMessage(maxMessageSize = MAX_CLIENT_FRAME_BYTES)
  public void receive(String text, Session session) {
    // Not every runtime enforces the size on a text frame (see ClientFrame.TooLarge).
    if (text.length() > MAX_CLIENT_FRAME_BYTES) {
      ClientSocket.close(session, CloseCode.TOO_BIG, "Frame too large");
    }
  }

  @OnMessage(maxMessageSize = MAX_CLIENT_FRAME_BYTES)
  public void receiveBinary(byte[] data, Session session) {
    ClientSocket.close(session, CloseCode.CANNOT_ACCEPT, "Binary frames are not supported");
  }

  @OnClose
  public void close(CloseReason reason) {
    end();
  }

  private void end() {
    if (stream != null) {
      stream.stop();
      streams.close(stream);
      stream = null;
    }
    if (counted != null) {
      counted.release();
      counted = null;
    }
  }

  @OnError
  public void error(Throwable cause) {
    LOG.log(Level.FINE, "WebSocket error on a user stream", cause);
  }
}
