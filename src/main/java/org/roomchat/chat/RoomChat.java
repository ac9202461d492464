package org.roomchat.chat;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.roomchat.config.ChatSettings;
import org.roomchat.config.LimitSettings;
import org.roomchat.group.GroupRegistry;
import org.roomchat.group.RoomEvent;
import org.roomchat.guard.Limit;
import org.roomchat.guard.MessagePolicy;
import org.roomchat.guard.RateLimiter;
import org.roomchat.protocol.ClientFrame;
import org.roomchat.protocol.CloseCode;
import org.roomchat.protocol.Rejection;
import org.roomchat.protocol.ServerFrame;
import org.roomchat.room.MessageStore;
import org.roomchat.room.OnlineUsers;
import org.roomchat.room.PendingMessage;
import org.roomchat.room.Presence;
import org.roomchat.room.RoomHistory;
import org.roomchat.room.SerialExecutor;
import org.roomchat.room.StoredMessage;
import org.roomchat.room.UserBlocks;

/**
 * What happens in a room: joining with the catch-up, talking, typing and leaving, and the server's
 * graceful stop. Everything goes through ports (the group registry, presence, the message store and
 * history, the rate limiter), so the same code serves one node or many, and runs in a unit test
 * with the in-process adapters. A conversation between two users is a room too; there alone, a user
 * the other one blocks is not heard.
 */
@ApplicationScoped
public class RoomChat {

  private static final Logger LOG = Logger.getLogger(RoomChat.class.getName());

  /** How long a stopping server waits for queued frames to reach their clients. */
  private static final long FLUSH_ON_STOP_MILLIS = 5_000;

  @Inject ChatSettings settings;
  @Inject LimitSettings limits;
  @Inject GroupRegistry groups;
  @Inject Presence presence;
  @Inject RoomHistory history;
  @Inject MessageStore store;
  @Inject OnlineUsers onlineUsers;
  @Inject MessagePolicy policy;
  @Inject ChatMeter meter;
  @Inject OpenConnections connections;
  @Inject UserBlocks blocks;
  @Inject ReadMarking reading;
  @Inject UserStreams userStreams;
  @Inject MessageChanges changes;
  @Inject Mutes mutes;

  @Inject
  @Limit(Limit.Of.MESSAGES)
  RateLimiter rateLimiter;

  @Resource(lookup = "java:comp/DefaultManagedExecutorService")
  Executor executor;

  /** Online-user rows are written off the socket threads, in the order users come and go. */
  private SerialExecutor onlineUserWrites;

  private TypingChanges typing;
  private final PendingAnnouncements announcements = new PendingAnnouncements();
  private volatile boolean stopping;

  @PostConstruct
  void init() {
    onlineUserWrites = new SerialExecutor(executor);
    typing = new TypingChanges(limits.typingPerSecond());
    presence.onDeparture(
        (room, user) -> publish(room.group(), RoomEvents.of(new ServerFrame.UserLeave(user))));
  }

  /** Created at start-up, so that a node with no users yet announces a dead node's leaves. */
  void start(@Observes @Initialized(ApplicationScoped.class) Object start) {
    // Observing is enough: the container creates the bean and runs init().
  }

  /** True once the server has begun to stop: new connections are turned away with 1001. */
  public boolean stopping() {
    return stopping;
  }

  /** What one new client may send. */
  public FrameBudget frameBudget() {
    return new FrameBudget(
        limits.framesPerWindow(),
        limits.framesWindow(),
        limits.faultsPerWindow(),
        limits.faultsWindow());
  }

  /**
   * Joins the client to its room: the room's live events are held back while the messages it
   * missed since {@code after} (a message id, or null for none) are read, so none is skipped or
   * sent twice; then the replay, the presence list and the join notice go out. Throws, leaving
   * the client out of the room, when the room cannot be joined now.
   */
  public void join(ChatClient client, Long after) {
    Participant participant = client.participant();
    meter.connectionOpened();
    connections.add(client);
    String group = participant.room().group();
    try {
      groups.add(group, client);
    } catch (RuntimeException e) {
      // The registry left the client out (it could not place it in the room's sequence).
      abandon(client);
      throw e;
    }
    boolean firstConnection = presence.enter(participant.room(), participant.username());

    try {
      List<RoomEvent> first = new ArrayList<>();
      long replayedUpTo = 0;
      if (after != null) {
        RoomHistory.CatchUp missed =
            history.after(participant.roomId(), after, settings.catchUpLimit());
        List<StoredMessage> messages = missed.messages();
        for (int i = 0; i < messages.size(); i++) {
          first.add(RoomEvents.message(messages.get(i), i == 0 && missed.truncated()));
        }
        replayedUpTo =
            messages.isEmpty() ? after : Math.max(after, messages.get(messages.size() - 1).id());
        // What became of messages the client had: it may have missed an edit or a deletion.
        for (StoredMessage changed :
            history.changedUpTo(participant.roomId(), after, settings.catchUpLimit())) {
          first.add(RoomEvents.change(changed));
        }
      }
      first.add(RoomEvents.of(new ServerFrame.Presence(presence.online(participant.room()))));
      client.start(first, replayedUpTo);
    } catch (RuntimeException e) {
      // Undo the join: the client is not in the room, and the room never heard of it.
      groups.discard(group, client);
      presence.leave(participant.room(), participant.username());
      abandon(client);
      throw e;
    }
    typing.joined(participant.room(), participant.username());
    // Asked at every message and typing frame: known from here on, read again beside them.
    mutes.warm(participant.roomId());

    RoomEvent joined = RoomEvents.of(new ServerFrame.UserJoin(participant.username()));
    if (firstConnection) {
      publish(group, joined);
      onlineUserWrites.execute(
          () -> onlineUsers.online(participant.userId(), participant.roomId(), settings.node()));
    } else {
      client.deliver(joined); // the room already counts this user
    }
    LOG.info(
        () ->
            "connect "
                + where(participant)
                + " after="
                + (after == null ? "-" : after));
  }

  /** A client whose join failed: it gets nothing more and is no longer counted. */
  private void abandon(ChatClient client) {
    client.stopDelivery();
    connections.remove(client);
    meter.connectionClosed(Duration.ZERO, CloseCode.TRY_AGAIN_LATER.number());
  }

  /** Handles one frame from the client, within its budget. */
  public void receive(ChatClient client, FrameBudget budget, ClientFrame frame) {
    if (budget.flooded()) {
      return; // closing already
    }
    long now = System.nanoTime();
    if (!budget.admit(now)) {
      fault(client, budget, Rejection.TOO_MANY_FRAMES);
    } else if (frame instanceof ClientFrame.SendMessage message) {
      say(client, budget, message.message());
    } else if (frame instanceof ClientFrame.Typing typingFrame) {
      type(client, typingFrame.isTyping(), now);
    } else if (frame instanceof ClientFrame.Read read) {
      read(client, budget, read.messageId());
    } else if (frame instanceof ClientFrame.Edit edit) {
      edit(client, budget, edit);
    } else if (frame instanceof ClientFrame.Delete delete) {
      delete(client, budget, delete.messageId());
    } else if (frame instanceof ClientFrame.Malformed malformed) {
      fault(client, budget, malformed.rejection());
    }
  }

  private void type(ChatClient client, boolean isTyping, long now) {
    Participant participant = client.participant();
    if (!typing.forward(participant.room(), participant.username(), isTyping, now)
        || typingMayBeBlocked(participant)
        || mutes.muted(participant.roomId(), participant.userId())) {
      // No change, or changing too often, or to someone who blocks the typer, or muted: silently.
      meter.typingDropped();
      return;
    }
    publish(
        participant.room().group(),
        RoomEvents.forOthersThan(
            participant.username(), new ServerFrame.Typing(participant.username(), isTyping)));
  }

  private void say(ChatClient client, FrameBudget budget, String text) {
    meter.messageReceived();
    MessagePolicy.Accepted accepted = admit(client, budget, text);
    if (accepted == null) {
      return;
    }
    Participant participant = client.participant();
    String group = participant.room().group();
    PendingMessage pending =
        new PendingMessage(
            participant.roomId(),
            participant.userId(),
            participant.username(),
            accepted.text(),
            Mentions.in(accepted.text()),
            stored -> {
              meter.messageStored();
              publish(group, RoomEvents.message(stored, false));
              userStreams.messageStored(participant.roomId(), participant.userId(), stored);
              announcements.settled(participant.roomId());
            },
            () -> {
              announcements.settled(participant.roomId());
              reject(client, Rejection.NOT_STORED);
            });
    announcements.submitted(participant.roomId());
    if (!store.submit(pending)) {
      announcements.settled(participant.roomId());
      reject(client, Rejection.NOT_STORED);
    }
  }

  /**
   * The checks every text a user puts in the room passes, a new message's and an edit's alike: the
   * room's mutes, the message policy, the user's message rate, a block. Answers the accepted text;
   * null when the client was refused (and told) or the text is blank (ignored, without an error).
   * Every frame that carries text for the room asks here, so none bypasses a mute.
   */
  private MessagePolicy.Accepted admit(ChatClient client, FrameBudget budget, String text) {
    Participant participant = client.participant();
    if (mutes.muted(participant.roomId(), participant.userId())) {
      // Not the client's fault as a bad frame is: refused, but not counted towards a flood.
      reject(client, Rejection.MUTED);
      return null;
    }
    MessagePolicy.Verdict verdict = policy.check(text);
    if (verdict instanceof MessagePolicy.Refused refused) {
      fault(client, budget, refused.rejection());
      return null;
    }
    if (!(verdict instanceof MessagePolicy.Accepted accepted)) {
      return null; // blank: ignored, without an error
    }
    if (!rateLimiter.tryAcquire(participant.username())) {
      fault(client, budget, Rejection.RATE_LIMITED);
      return null;
    }
    boolean blocked;
    try {
      blocked = blockedByPeer(participant);
    } catch (RuntimeException unreadable) {
      LOG.log(Level.FINE, "Could not read the blocks of " + participant.username(), unreadable);
      reject(client, Rejection.NOT_STORED);
      return null;
    }
    if (blocked) {
      fault(client, budget, Rejection.BLOCKED);
      return null;
    }
    return accepted;
  }

  /** The author's new text for one of its messages, checked as a new message is. */
  private void edit(ChatClient client, FrameBudget budget, ClientFrame.Edit edit) {
    MessagePolicy.Accepted accepted = admit(client, budget, edit.message());
    if (accepted != null) {
      change(
          client,
          budget,
          () -> changes.edit(client.participant(), edit.messageId(), accepted.text()));
    }
  }

  /**
   * Deletes a message. Not counted against the message rate limit (it adds nothing to read), and
   * the frame budget bounds it.
   */
  private void delete(ChatClient client, FrameBudget budget, long messageId) {
    change(client, budget, () -> changes.delete(client.participant(), messageId));
  }

  /**
   * Makes an edit or a deletion; once stored, the room hears of it on every node, each member
   * after the message itself.
   */
  private void change(
      ChatClient client, FrameBudget budget, Supplier<MessageChanges.Outcome> making) {
    MessageChanges.Outcome outcome;
    try {
      outcome = making.get();
    } catch (RuntimeException e) {
      LOG.log(Level.FINE, "Changing a message failed", e);
      reject(client, Rejection.NOT_STORED); // the database's fault, not the client's
      return;
    }
    if (outcome instanceof MessageChanges.Refused refused) {
      fault(client, budget, refused.rejection());
    } else if (outcome instanceof MessageChanges.Changed changed) {
      Participant participant = client.participant();
      announcements.afterPending(
          participant.roomId(),
          () -> {
            publish(participant.room().group(), RoomEvents.change(changed));
            userStreams.messageChanged(participant.roomId(), changed.messageId(), changed.text());
          });
    }
  }

  /**
   * Whether the participant is in a conversation whose other user blocks it: read from the store at
   * each message, so a block holds on every node at once. Never in a room, nor in a notepad.
   */
  private boolean blockedByPeer(Participant participant) {
    OptionalLong peer = participant.room().peerOf(participant.userId());
    return peer.isPresent()
        && peer.getAsLong() != participant.userId()
        && blocks.blocks(peer.getAsLong(), participant.userId());
  }

  /** Whether the typer is blocked, or might be: typing is dropped when the store cannot tell. */
  private boolean typingMayBeBlocked(Participant participant) {
    try {
      return blockedByPeer(participant);
    } catch (RuntimeException unreadable) {
      return true;
    }
  }

  /**
   * Moves the reader's marker in the room. Not counted against the message rate limit: reading is
   * not talking, and the frame budget bounds it.
   */
  private void read(ChatClient client, FrameBudget budget, long messageId) {
    Rejection refused;
    try {
      refused = reading.read(client, messageId);
    } catch (RuntimeException e) {
      LOG.log(Level.FINE, "Moving a read marker failed", e);
      reject(client, Rejection.NOT_STORED); // the database's fault, not the client's
      return;
    }
    if (refused != null) {
      fault(client, budget, refused);
    }
  }

  /**
   * A bad or excess frame from the client: answered with an error frame, unless it is one too
   * many; then the connection is closed with 1008, and that is logged, once.
   */
  private void fault(ChatClient client, FrameBudget budget, Rejection rejection) {
    if (!budget.fault(System.nanoTime())) {
      reject(client, rejection);
      return;
    }
    meter.floodClosed();
    LOG.warning(
        () ->
            "flood "
                + where(client.participant())
                + " reason="
                + rejection.code()
                + " faults_over="
                + limits.faultsPerWindow()
                + "/"
                + limits.faultsWindow().toMillis()
                + "ms; closing with 1008");
    connections.closeLater(client, CloseCode.VIOLATED_POLICY, "Too many bad or excess frames");
  }

  /** Sends the client an error frame; logged at FINE only, since a client can send many. */
  public void reject(ChatClient client, Rejection rejection) {
    meter.frameRejected(rejection.code());
    LOG.fine(
        () ->
            "reject "
                + where(client.participant())
                + " reason="
                + rejection.code());
    client.deliver(RoomEvents.of(new ServerFrame.Error(rejection.code(), rejection.reason())));
  }

  /** Hands an event to the group registry, timing how long that takes. */
  private void publish(String group, RoomEvent event) {
    long startedAt = System.nanoTime();
    try {
      groups.send(group, event);
    } finally {
      meter.published(System.nanoTime() - startedAt);
    }
  }

  /** Takes the client out of its room; the room hears of it when it was the user's last. */
  public void leave(ChatClient client, int closeCode) {
    if (!client.markLeft()) {
      return;
    }
    Participant participant = client.participant();
    client.stopDelivery();
    connections.remove(client);
    groups.discard(participant.room().group(), client);
    typing.left(participant.room(), participant.username());
    Duration lasted = Duration.between(client.openedAt(), Instant.now());
    meter.connectionClosed(lasted, closeCode);
    if (presence.leave(participant.room(), participant.username())) {
      publish(
          participant.room().group(),
          RoomEvents.of(new ServerFrame.UserLeave(participant.username())));
      if (!stopping) {
        onlineUserWrites.execute(
            () -> onlineUsers.offline(participant.userId(), participant.roomId(), settings.node()));
      }
    }
    LOG.info(
        () ->
            "disconnect "
                + where(participant)
                + " duration_ms="
                + lasted.toMillis()
                + " code="
                + closeCode);
  }

  /**
   * Stops gracefully: new connections are turned away, stored messages are announced, queued
   * frames get a bounded time to reach their clients, then every socket is closed with 1001 (going
   * away) so clients reconnect, and this node's presence and online-user rows are cleared.
   */
  public void stop() {
    if (stopping) {
      return;
    }
    stopping = true;
    store.flush();
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(FLUSH_ON_STOP_MILLIS);
    List<Connection> open = connections.all();
    for (Connection client : open) {
      try {
        client.awaitDrained(deadline);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    for (Connection client : open) {
      client.disconnect(CloseCode.GOING_AWAY, "Server restarting");
      if (client instanceof ChatClient inRoom) {
        leave(inRoom, CloseCode.GOING_AWAY.number());
      }
    }
    try {
      onlineUsers.clearNode(settings.node());
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Could not clear this node's online users", e);
    }
    LOG.info(() -> "Stopped: closed " + open.size() + " connections with 1001");
  }

  /** Who and where, as every log line of a room event names them. */
  private String where(Participant participant) {
    return "user="
        + participant.username()
        + " room="
        + participant.room()
        + " node="
        + settings.node();
  }
}
