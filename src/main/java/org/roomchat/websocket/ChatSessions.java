package org.roomchat.websocket;

import io.prometheus.metrics.core.datapoints.Timer;
import io.prometheus.metrics.core.metrics.Counter;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.roomchat.config.ChatSettings;
import org.roomchat.group.GroupRegistry;
import org.roomchat.group.RoomEvent;
import org.roomchat.guard.MessagePolicy;
import org.roomchat.guard.RateLimiter;
import org.roomchat.guard.Rejection;
import org.roomchat.metrics.ChatMetrics;
import org.roomchat.room.MessageStore;
import org.roomchat.room.OnlineUserRecords;
import org.roomchat.room.PendingMessage;
import org.roomchat.room.Presence;
import org.roomchat.room.RoomName;
import org.roomchat.room.RoomService;
import org.roomchat.room.SerialExecutor;
import org.roomchat.room.StoredMessage;

/**
 * What happens in a room: joining, talking, typing and leaving, as the guide's consumer does it,
 * over the group registry so the same code serves one node or many.
 */
@ApplicationScoped
public class ChatSessions implements Connection.Listener {

  private static final Logger LOG = Logger.getLogger(ChatSessions.class.getName());

  @Inject ChatSettings settings;
  @Inject GroupRegistry groups;
  @Inject Presence presence;
  @Inject RoomService rooms;
  @Inject MessageStore store;
  @Inject OnlineUserRecords onlineUsers;
  @Inject MessagePolicy policy;
  @Inject RateLimiter rateLimiter;
  @Inject ChatMetrics metrics;

  @Resource ManagedExecutorService executor;

  /** How long a stopping server waits for queued frames to reach their clients. */
  private static final long FLUSH_ON_STOP_MILLIS = 5_000;

  /** Online-user rows are written off the socket threads, in the order users come and go. */
  private SerialExecutor onlineUserWrites;

  private final Set<Connection> connections = ConcurrentHashMap.newKeySet();
  private volatile boolean stopping;

  /** Counted once per frame written: held here, not reached through the metrics bean's proxy. */
  private Counter framesDelivered;

  private Counter typingDropped;
  private TypingChanges typing;

  @PostConstruct
  void init() {
    onlineUserWrites = new SerialExecutor(executor);
    framesDelivered = metrics.framesDelivered();
    typingDropped = metrics.typingDropped();
    typing = new TypingChanges(settings.typingPerSecond());
    metrics.gauge(
        "chat_outbound_queued",
        "Frames waiting in this node's outbound queues",
        () -> connections.stream().mapToLong(Connection::queued).sum());
  }

  /** Created at start-up, so its gauges are registered before the first connection. */
  void start(@Observes @Initialized(ApplicationScoped.class) Object start) {
    // Observing is enough: the container creates the bean and runs init().
  }

  /** True once the server has begun to stop: new connections are turned away with 1001. */
  public boolean stopping() {
    return stopping;
  }

  /** The guide's group name for a room. */
  static String group(RoomName room) {
    return room.group();
  }

  /**
   * Joins the connection to its room: the room's live events are held back while the messages it
   * missed are read, so none is skipped or sent twice; then the replay, the presence list and the
   * join notice go out.
   */
  public Connection join(Session session, Connection.Member member, Long after) {
    Connection connection =
        new Connection(
            session,
            member,
            settings.capacity(),
            settings.capacityBytes(),
            settings.expiry(),
            this);
    metrics.connectionOpened();
    connections.add(connection);
    String group = group(member.room());
    try {
      groups.add(group, connection);
    } catch (RuntimeException e) {
      // The registry left the connection out (it could not place it in the room's sequence).
      abandon(connection);
      throw e;
    }
    boolean firstConnection = presence.enter(member.room(), member.username());

    try {
      List<RoomEvent> first = new ArrayList<>();
      long replayedUpTo = 0;
      if (after != null) {
        RoomService.CatchUp missed = rooms.after(member.roomId(), after, settings.catchUpLimit());
        for (int i = 0; i < missed.messages().size(); i++) {
          StoredMessage message = missed.messages().get(i);
          first.add(messageEvent(message, i == 0 && missed.truncated()));
        }
        replayedUpTo = after;
        if (!missed.messages().isEmpty()) {
          replayedUpTo = Math.max(after, missed.messages().get(missed.messages().size() - 1).id());
        }
      }
      first.add(event(new ServerFrame.Presence(presence.online(member.room()))));
      connection.start(first, replayedUpTo);
    } catch (RuntimeException e) {
      // Undo the join: the connection is not in the room, and the room never heard of it.
      groups.discard(group, connection);
      presence.leave(member.room(), member.username());
      abandon(connection);
      throw e;
    }
    typing.joined(member.room(), member.username());

    RoomEvent joined = event(new ServerFrame.UserJoin(member.username()));
    if (firstConnection) {
      publish(group, joined);
      onlineUserWrites.execute(
          () -> onlineUsers.online(member.userId(), member.roomId(), settings.node()));
    } else {
      connection.deliver(joined); // the room already counts this user
    }
    LOG.info(
        () ->
            "connect user="
                + member.username()
                + " room="
                + member.room()
                + " node="
                + settings.node()
                + " after="
                + (after == null ? "-" : after));
    return connection;
  }

  /** A connection whose join failed: it is closed and no longer counted. */
  private void abandon(Connection connection) {
    connection.close();
    connections.remove(connection);
    metrics.connectionClosed(Duration.ZERO, CloseReason.CloseCodes.TRY_AGAIN_LATER.getCode());
  }

  /** What one new connection's client may send. */
  FrameBudget frameBudget() {
    return new FrameBudget(
        settings.framesPerWindow(),
        settings.framesWindow(),
        settings.faultsPerWindow(),
        settings.faultsWindow());
  }

  /** Handles one frame from the connection's client, within its budget. */
  void receive(Connection connection, FrameBudget budget, ClientFrame frame) {
    if (budget.flooded()) {
      return; // closing already
    }
    long now = System.nanoTime();
    if (!budget.admit(now)) {
      fault(connection, budget, Rejection.TOO_MANY_FRAMES);
    } else if (frame instanceof ClientFrame.SendMessage message) {
      say(connection, budget, message.message());
    } else if (frame instanceof ClientFrame.Typing typingFrame) {
      type(connection, typingFrame.isTyping(), now);
    } else if (frame instanceof ClientFrame.Malformed malformed) {
      fault(connection, budget, malformed.rejection());
    }
  }

  private void type(Connection connection, boolean isTyping, long now) {
    Connection.Member member = connection.member();
    if (!typing.forward(member.room(), member.username(), isTyping, now)) {
      typingDropped.inc(); // no change, or changing too often: silently, it is no error
      return;
    }
    publish(
        group(member.room()),
        new RoomEvent(
            ServerFrameEncoder.toJson(new ServerFrame.Typing(member.username(), isTyping)),
            member.username(),
            0));
  }

  private void say(Connection connection, FrameBudget budget, String text) {
    metrics.messageReceived();
    MessagePolicy.Verdict verdict = policy.check(text);
    if (verdict instanceof MessagePolicy.Refused refused) {
      fault(connection, budget, refused.rejection());
      return;
    }
    if (!(verdict instanceof MessagePolicy.Accepted accepted)) {
      return; // blank: ignored, as the guide does
    }
    Connection.Member member = connection.member();
    if (!rateLimiter.tryAcquire(member.username())) {
      fault(connection, budget, Rejection.RATE_LIMITED);
      return;
    }
    String group = group(member.room());
    PendingMessage pending =
        new PendingMessage(
            member.roomId(),
            member.userId(),
            member.username(),
            accepted.text(),
            stored -> {
              metrics.messageStored();
              publish(group, messageEvent(stored, false));
            },
            () -> reject(connection, Rejection.NOT_STORED));
    if (!store.submit(pending)) {
      reject(connection, Rejection.NOT_STORED);
    }
  }

  /**
   * A bad or excess frame from the client: answered with an error frame, unless it is one too
   * many; then the connection is closed with 1008, and that is logged, once.
   */
  private void fault(Connection connection, FrameBudget budget, Rejection rejection) {
    if (!budget.fault(System.nanoTime())) {
      reject(connection, rejection);
      return;
    }
    metrics.floodClosed();
    LOG.warning(
        () ->
            "flood user="
                + connection.username()
                + " room="
                + connection.member().room()
                + " node="
                + settings.node()
                + " reason="
                + rejection.code()
                + " faults_over="
                + settings.faultsPerWindow()
                + "/"
                + settings.faultsWindow().toMillis()
                + "ms; closing with 1008");
    // As for a slow client: closing writes a frame, which the receiving thread must not wait on.
    executor.execute(
        () ->
            close(
                connection.session(),
                CloseReason.CloseCodes.VIOLATED_POLICY,
                "Too many bad or excess frames"));
  }

  /** Sends the client an error frame; logged at FINE only, since a client can send many. */
  private void reject(Connection connection, Rejection rejection) {
    metrics.frameRejected(rejection.code());
    LOG.fine(
        () ->
            "reject user="
                + connection.username()
                + " room="
                + connection.member().room()
                + " node="
                + settings.node()
                + " reason="
                + rejection.code());
    connection.deliver(event(new ServerFrame.Error(rejection.code(), rejection.reason())));
  }

  /** Hands an event to the group registry, timing how long that takes. */
  private void publish(String group, RoomEvent event) {
    Timer timing = metrics.publishLatency().startTimer();
    try {
      groups.send(group, event);
    } finally {
      timing.observeDuration();
    }
  }

  /** Sends the connection an error frame for a problem found before it joined. */
  public void warn(Connection connection, Rejection rejection) {
    reject(connection, rejection);
  }

  /** Takes the connection out of its room; the room hears of it when it was the user's last. */
  public void leave(Connection connection, CloseReason reason) {
    if (!connection.markLeft()) {
      return;
    }
    Connection.Member member = connection.member();
    connection.close();
    connections.remove(connection);
    groups.discard(group(member.room()), connection);
    typing.left(member.room(), member.username());
    Duration lasted = Duration.between(connection.openedAt(), Instant.now());
    int code = reason.getCloseCode().getCode();
    metrics.connectionClosed(lasted, code);
    if (presence.leave(member.room(), member.username())) {
      publish(group(member.room()), event(new ServerFrame.UserLeave(member.username())));
      if (!stopping) {
        onlineUserWrites.execute(
            () -> onlineUsers.offline(member.userId(), member.roomId(), settings.node()));
      }
    }
    LOG.info(
        () ->
            "disconnect user="
                + member.username()
                + " room="
                + member.room()
                + " node="
                + settings.node()
                + " duration_ms="
                + lasted.toMillis()
                + " code="
                + code);
  }

  /**
   * Stops gracefully: new connections are turned away, stored messages are announced, queued
   * frames get a bounded time to reach their clients, then every socket is closed with 1001 (going
   * away) so browsers reconnect, and this node's presence and online-user rows are cleared.
   */
  void stop() {
    if (stopping) {
      return;
    }
    stopping = true;
    store.flush();
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(FLUSH_ON_STOP_MILLIS);
    List<Connection> open = new ArrayList<>(connections);
    for (Connection connection : open) {
      try {
        connection.awaitDrained(deadline);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    CloseReason goingAway =
        new CloseReason(CloseReason.CloseCodes.GOING_AWAY, "Server restarting");
    for (Connection connection : open) {
      close(connection.session(), goingAway.getCloseCode(), goingAway.getReasonPhrase());
      leave(connection, goingAway);
    }
    try {
      onlineUsers.clearNode(settings.node());
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Could not clear this node's online users", e);
    }
    LOG.info(() -> "Stopped: closed " + open.size() + " connections with 1001");
  }

  /** Closes every connection of the user on this node with 4003: they may no longer enter. */
  public void expel(String username) {
    closeWhere(
        connection -> connection.username().equals(username),
        ChatEndpoint.FORBIDDEN,
        "Account disabled");
  }

  /**
   * A login of the user ended ({@code login}), or all of them (empty): the sockets it opened on
   * this node close with 1008 (policy violation). Those of the user's other logins stay open.
   */
  public void loggedOut(String username, Optional<String> login) {
    closeWhere(
        connection ->
            connection.username().equals(username)
                && (login.isEmpty() || openedBy(connection, login.get())),
        CloseReason.CloseCodes.VIOLATED_POLICY,
        "Logged out");
  }

  /** Whether this login opened the socket; a socket whose login is unknown counts as any. */
  private static boolean openedBy(Connection connection, String login) {
    return HandshakeLogin.of(connection.session()).map(login::equals).orElse(true);
  }

  private void closeWhere(
      Predicate<Connection> which, CloseReason.CloseCode code, String reason) {
    for (Connection connection : connections) {
      if (which.test(connection)) {
        executor.execute(() -> close(connection.session(), code, reason));
      }
    }
  }

  @Override
  public void expired(Connection connection, int dropped) {
    metrics.framesExpired(dropped);
    LOG.fine(() -> dropped + " frames expired unsent on " + connection);
  }

  @Override
  public void delivered(Connection connection) {
    framesDelivered.inc();
  }

  @Override
  public void overflowed(Connection connection) {
    metrics.queueOverflowed();
    LOG.warning(
        () ->
            connection
                + " fell "
                + settings.capacity()
                + " frames or "
                + settings.capacityBytes()
                + " bytes behind; closing it");
    // Closing writes a frame; do it off the fan-out thread, which must never wait on a client.
    executor.execute(
        () -> close(connection.session(), CloseReason.CloseCodes.TRY_AGAIN_LATER, "Too slow"));
  }

  static void close(Session session, CloseReason.CloseCode code, String reason) {
    try {
      session.close(new CloseReason(code, reason));
    } catch (IOException | IllegalStateException e) {
      LOG.log(Level.FINE, "Closing a WebSocket failed", e);
    }
  }

  static RoomEvent event(ServerFrame frame) {
    return RoomEvent.of(ServerFrameEncoder.toJson(frame));
  }

  static RoomEvent messageEvent(StoredMessage message, boolean truncated) {
    ServerFrame.ChatMessage frame =
        new ServerFrame.ChatMessage(
            message.id(),
            message.username(),
            message.content(),
            message.createdAt(),
            truncated,
            message.seq());
    return new RoomEvent(ServerFrameEncoder.toJson(frame), null, message.id(), message.seq());
  }
}
