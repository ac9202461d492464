package org.roomchat.websocket;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
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
import org.roomchat.room.RoomFacts;

/**
 * What a chat socket does from its open to its close, whichever endpoint took it: a room's ({@link
 * ChatEndpoint}) or a conversation's ({@link DirectEndpoint}). The endpoint says only how its path
 * admits a user; the login, the socket cap, the join with its catch-up, the frames and the close
 * are the same for both. Shared by every socket: each one's own state is its {@link Connection}.
 */
@ApplicationScoped
public class ChatSocketHandler {

  private static final Logger LOG = Logger.getLogger(ChatSocketHandler.class.getName());

  @Inject RoomChat chat;
  @Inject AccountService accounts;
  @Inject SocketCount sockets;
  @Inject ChatSettings settings;
  @Inject SocketQueueWatch queueWatch;
  @Inject ChatMetrics metrics;

  /** How an endpoint's path lets a user in: the room's, or the conversation's, answer. */
  @FunctionalInterface
  public interface Admission {
    RoomAccess.Entry enter(Person person);
  }

  /** One socket's state: its place in the room once joined, its count and its frame budget. */
  public static final class Connection {
    private ClientSocket client; // guarded by this
    private SocketCount.OpenSocket counted; // guarded by this
    private FrameBudget budget;
    /** The socket's close code once it closed (perhaps while it was still joining); else 0. */
    private int closedWith; // guarded by this

    private synchronized void release() {
      if (counted != null) {
        counted.release();
        counted = null;
      }
    }
  }

  /** Where a socket's connection is kept, so that a close during its opening finds it. */
  private static final String CONNECTION = Connection.class.getName();

  /**
   * Opens the socket: joined to what the admission lets the user into, or closed with the code that
   * says why not, before any room frame. {@code what} names it in the log.
   */
  public Connection open(Session session, String what, Admission admission) {
    Connection connection = new Connection();
    session.getUserProperties().put(CONNECTION, connection);
    try {
      join(session, connection, admission);
    } catch (RuntimeException e) {
      // A half-joined socket would stay open and silent; close it so the client retries.
      LOG.log(Level.WARNING, "Joining " + what + " failed", e);
      connection.release();
      ClientSocket.close(session, CloseCode.TRY_AGAIN_LATER, "Please reconnect");
    }
    return connection;
  }

  private void join(Session session, Connection connection, Admission admission) {
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
      ClientSocket.close(session, CloseCode.FORBIDDEN, "You may not enter this room");
      return;
    }
    Optional<SocketCount.OpenSocket> open = sockets.tryOpen(principal.getName());
    if (open.isEmpty()) {
      metrics.socketRefused();
      ClientSocket.close(session, CloseCode.VIOLATED_POLICY, "Too many open sockets");
      return;
    }
    synchronized (connection) {
      connection.counted = open.get();
    }
    connection.budget = chat.frameBudget();
    RoomAccess.Entry entry = admission.enter(new Person(userId.getAsLong(), principal.getName()));
    Optional<RoomFacts> room = admitted(entry);
    if (room.isEmpty()) {
      // Nothing of the room is sent, and the room hears nothing of the user.
      connection.release();
      refuse(session, entry);
      return;
    }
    session.setMaxTextMessageBufferSize(ClientFrameDecoder.MAX_FRAME_BYTES);
    Participant participant =
        new Participant(
            principal.getName(), userId.getAsLong(), room.get().name(), room.get().id());
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
    int closedWith;
    synchronized (connection) {
      closedWith = connection.closedWith;
      if (closedWith == 0) {
        connection.client = joining;
      }
    }
    if (closedWith != 0) {
      // The socket closed while it joined (its login ended, say): it leaves now, as it would have.
      chat.leave(joining, closedWith);
      connection.release();
      return;
    }
    if (afterParameter != null && after == null) {
      chat.reject(joining, Rejection.INVALID_AFTER);
    }
  }

  /** The room or conversation the user may read; empty when the entry refuses the user. */
  private static Optional<RoomFacts> admitted(RoomAccess.Entry entry) {
    if (entry instanceof RoomAccess.Admitted admitted) {
      return Optional.of(admitted.room());
    }
    if (entry instanceof RoomAccess.Conversing conversing) {
      return Optional.of(conversing.room());
    }
    return Optional.empty();
  }

  /** Closes a socket the entry refuses, with the code that tells the client why. */
  private static void refuse(Session session, RoomAccess.Entry entry) {
    if (entry instanceof RoomAccess.TooManyNewRooms) {
      // Nothing is created, no room frame is sent.
      ClientSocket.close(session, CloseCode.VIOLATED_POLICY, "Too many new rooms; try again later");
    } else if (entry instanceof RoomAccess.TooManyNewConversations) {
      ClientSocket.close(
          session, CloseCode.VIOLATED_POLICY, "Too many new conversations; try again later");
    } else {
      // A private room the user is not a member of, or no such user to talk to.
      ClientSocket.close(session, CloseCode.FORBIDDEN, "You may not enter this room");
    }
  }

  /** One text frame: too large closes the socket, anything else goes to the room. */
  public void receive(Connection connection, ClientFrame frame, Session session) {
    if (frame instanceof ClientFrame.TooLarge) {
      ClientSocket.close(session, CloseCode.TOO_BIG, "Frame too large");
    } else if (connection != null) {
      ClientSocket client;
      synchronized (connection) {
        client = connection.client;
      }
      if (client != null) {
        chat.receive(client, connection.budget, frame);
      }
    }
  }

  /** Binary frames are not spoken. */
  public void refuseBinary(Session session) {
    ClientSocket.close(session, CloseCode.CANNOT_ACCEPT, "Binary frames are not supported");
  }

  /**
   * The socket closed: it leaves its room and stops counting against the user's cap. A socket that
   * closes while it is still joining leaves once the join is done.
   */
  public void close(Session session, CloseReason reason) {
    if (!(session.getUserProperties().get(CONNECTION) instanceof Connection connection)) {
      return;
    }
    ClientSocket client;
    synchronized (connection) {
      connection.closedWith = Math.max(1, reason.getCloseCode().getCode());
      client = connection.client;
      connection.client = null;
    }
    if (client != null) {
      chat.leave(client, reason.getCloseCode().getCode());
    }
    connection.release();
  }

  public void error(Throwable cause) {
    LOG.log(Level.FINE, "WebSocket error", cause);
  }

  private static String first(List<String> values) {
    return values == null || values.isEmpty() ? null : values.get(0);
  }
}
