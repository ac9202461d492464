package org.roomchat.websocket;

import jakarta.websocket.CloseReason;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import java.io.IOException;
import java.io.Writer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.roomchat.chat.ChatClient;
import org.roomchat.chat.Participant;
import org.roomchat.group.RoomEvent;
import org.roomchat.protocol.CloseCode;

/**
 * One open WebSocket in a room, and its only writer. Events are queued (at most {@code capacity}
 * frames and {@code capacityBytes} bytes) and written one at a time with asynchronous sends, so a
 * fan-out never waits on a slow receiver.
 * Events older than the expiry are dropped when their turn comes; a full queue closes the
 * connection so its client reconnects and catches up instead of silently missing messages.
 *
 * <p>On a runtime whose send writer only queues (see {@link WriteMode}), most frames are handed
 * over through it unconfirmed, and every {@link #UNCONFIRMED_WRITES}th is sent with a completion
 * handler: until that one completes nothing more is written, so a client that stops reading holds
 * at most that many frames in the runtime and the rest wait, bounded, in this queue.
 */
public final class ClientSocket implements ChatClient {

  private static final Logger LOG = Logger.getLogger(ClientSocket.class.getName());

  /** What the connection reports to its owner. */
  public interface Listener {
    /** Queued events were dropped because they waited longer than the expiry. */
    void expired(ClientSocket socket, int dropped);

    /** The queue was full; the connection must be closed with 1013. */
    void overflowed(ClientSocket socket);

    /** One frame was written to the client. */
    void delivered(ClientSocket socket);
  }

  private record Outbound(RoomEvent event, long queuedAt, int bytes) {
    Outbound(RoomEvent event, long queuedAt) {
      this(event, queuedAt, utf8Length(event.json()));
    }
  }

  /**
   * The context class loader while a frame is handed to the WebSocket runtime. Each send restarts
   * the session's idle timer on the server's managed scheduler, which captures thread context by
   * scanning the context class loader's jars for service providers: with the application's
   * loader that scan costs far more than the send. This loader sees only the JDK, so the scan is
   * nearly free; nothing in the send itself loads classes through the context loader.
   */
  private static final ClassLoader NO_SERVICES = new ClassLoader(null) {};

  /** Frames handed over unconfirmed before the next one is sent with a completion handler. */
  static final int UNCONFIRMED_WRITES = 128;

  /** How frames are handed to the WebSocket runtime. */
  enum WriteMode {
    /** Every frame through the asynchronous remote, one completion at a time. */
    CONFIRMED,
    /**
     * Most frames through the send writer, which on Tyrus queues the frame and returns at once,
     * skipping the idle-timer restart (a task on the managed scheduler, with its thread-context
     * capture) that Tyrus runs for every other kind of send.
     */
    UNCONFIRMED_BETWEEN_CONFIRMED;

    static WriteMode of(Session session) {
      return session.getClass().getName().startsWith("org.glassfish.tyrus.")
          ? UNCONFIRMED_BETWEEN_CONFIRMED
          : CONFIRMED;
    }
  }

  private final Session session;
  private final Participant participant;
  private final int capacity;
  private final long capacityBytes;
  private final long expiryNanos;
  private final Listener listener;
  private final WriteMode writeMode;
  private final Instant openedAt = Instant.now();

  private final ArrayDeque<Outbound> queue = new ArrayDeque<>();
  private long queuedBytes;
  private boolean started;
  /** Chat messages up to this id were in the catch-up: a late live copy is not sent again. */
  private long replayedUpTo;
  private boolean sending;
  private boolean closed;
  private Thread sendingThread;
  private boolean completedInline;
  private int unconfirmed;
  private final AtomicBoolean left = new AtomicBoolean();

  public ClientSocket(
      Session session,
      Participant participant,
      int capacity,
      long capacityBytes,
      Duration expiry,
      Listener listener) {
    this(session, participant, capacity, capacityBytes, expiry, listener, WriteMode.of(session));
  }

  ClientSocket(
      Session session,
      Participant participant,
      int capacity,
      Duration expiry,
      Listener listener,
      WriteMode writeMode) {
    this(session, participant, capacity, Long.MAX_VALUE, expiry, listener, writeMode);
  }

  ClientSocket(
      Session session,
      Participant participant,
      int capacity,
      long capacityBytes,
      Duration expiry,
      Listener listener,
      WriteMode writeMode) {
    this.session = session;
    this.participant = participant;
    this.capacity = capacity;
    this.capacityBytes = capacityBytes;
    this.expiryNanos = expiry.toNanos();
    this.listener = listener;
    this.writeMode = writeMode;
  }

  @Override
  public Participant participant() {
    return participant;
  }

  @Override
  public Optional<String> login() {
    return HandshakeLogin.of(session);
  }

  public Session session() {
    return session;
  }

  @Override
  public Instant openedAt() {
    return openedAt;
  }

  @Override
  public void deliver(RoomEvent event) {
    if (!event.isFor(participant.username())) {
      return;
    }
    Outbound outbound = new Outbound(event, System.nanoTime());
    boolean overflow = false;
    synchronized (this) {
      if (closed) {
        return;
      }
      if (started && event.messageId() != 0 && event.messageId() <= replayedUpTo) {
        // Committed before the catch-up was read, but reaching this node only now (through
        // Redis, or held for an earlier message of the room): the client has it already.
        return;
      }
      if (queue.size() >= capacity || queuedBytes + outbound.bytes() > capacityBytes) {
        overflow = true;
        closed = true;
        clearQueue();
      } else {
        add(outbound);
        if (!started || sending) {
          return;
        }
        sending = true;
      }
    }
    if (overflow) {
      listener.overflowed(this);
    } else {
      pump();
    }
  }

  @Override
  public void start(List<RoomEvent> first, long replayedUpTo) {
    synchronized (this) {
      if (closed || started) {
        return;
      }
      started = true;
      this.replayedUpTo = replayedUpTo;
      ArrayDeque<Outbound> live = new ArrayDeque<>(queue);
      clearQueue();
      long now = System.nanoTime();
      for (RoomEvent event : first) {
        add(new Outbound(event, now));
      }
      for (Outbound outbound : live) {
        long id = outbound.event().messageId();
        if (id == 0 || id > replayedUpTo) {
          add(outbound);
        }
      }
      if (queue.isEmpty()) {
        return;
      }
      sending = true;
    }
    pump();
  }

  @Override
  public void stopDelivery() {
    synchronized (this) {
      closed = true;
      clearQueue();
      notifyAll();
    }
  }

  @Override
  public boolean markLeft() {
    return left.compareAndSet(false, true);
  }

  @Override
  public synchronized boolean awaitDrained(long deadline) throws InterruptedException {
    while (!closed && started && (sending || !queue.isEmpty())) {
      long remaining = deadline - System.nanoTime();
      if (remaining <= 0) {
        return false;
      }
      TimeUnit.NANOSECONDS.timedWait(this, remaining);
    }
    return true;
  }

  @Override
  public synchronized int queued() {
    return queue.size();
  }

  @Override
  public void disconnect(CloseCode code, String reason) {
    close(session, code, reason);
  }

  /** Closes a WebSocket with one of the contract's codes; a socket already gone is no error. */
  static void close(Session session, CloseCode code, String reason) {
    try {
      session.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(code.number()), reason));
    } catch (IOException | IllegalStateException e) {
      LOG.log(Level.FINE, "Closing a WebSocket failed", e);
    }
  }

  /** Bytes (UTF-8) of the events waiting to be written. */
  public synchronized long queuedBytes() {
    return queuedBytes;
  }

  private void add(Outbound outbound) {
    queue.addLast(outbound);
    queuedBytes += outbound.bytes();
  }

  private Outbound poll() {
    Outbound next = queue.pollFirst();
    if (next != null) {
      queuedBytes -= next.bytes();
    }
    return next;
  }

  private void clearQueue() {
    queue.clear();
    queuedBytes = 0;
  }

  /** The frame's size on the wire, as UTF-8; each half of a surrogate pair counts 2 of its 4. */
  static int utf8Length(String text) {
    int bytes = text.length();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c >= 0x80) {
        bytes += c < 0x800 || Character.isSurrogate(c) ? 1 : 2;
      }
    }
    return bytes;
  }

  /** Writes queued events until the queue is empty or a confirmed write is still in flight. */
  private void pump() {
    while (true) {
      Outbound next;
      boolean confirmed = false;
      int expired = 0;
      synchronized (this) {
        next = poll();
        long now = System.nanoTime();
        while (next != null && now - next.queuedAt() > expiryNanos) {
          expired++;
          next = poll();
        }
        if (next == null || closed) {
          sending = false;
          next = null;
          notifyAll();
        } else if (writeMode == WriteMode.CONFIRMED || unconfirmed == UNCONFIRMED_WRITES) {
          confirmed = true;
          unconfirmed = 0;
          sendingThread = Thread.currentThread();
          completedInline = false;
        } else {
          unconfirmed++;
        }
      }
      if (expired > 0) {
        listener.expired(this, expired);
      }
      if (next == null) {
        return;
      }
      if (!confirmed) {
        if (!handOver(next.event().json())) {
          return;
        }
        listener.delivered(this);
        continue;
      }
      if (!sendConfirmed(next.event().json())) {
        return;
      }
      synchronized (this) {
        sendingThread = null;
        if (!completedInline) {
          return; // the completion handler carries on when the write finishes
        }
      }
    }
  }

  /** Hands the frame to the runtime's send writer, which queues it; false when that failed. */
  private boolean handOver(String json) {
    try (Writer writer = session.getBasicRemote().getSendWriter()) {
      // The whole array in one call: a String goes through Writer's 1,024-char buffer, which
      // Tyrus copies whole into a String before cutting it to length.
      writer.write(json.toCharArray());
    } catch (IOException | RuntimeException e) {
      failed(e);
      return false;
    }
    return true;
  }

  /** Starts an asynchronous send whose completion handler reports back; false when it threw. */
  private boolean sendConfirmed(String json) {
    try {
      sendAsync(session, json, this::sent);
      return true;
    } catch (RuntimeException e) {
      failed(e);
      return false;
    }
  }

  /**
   * Starts an asynchronous send on the session, with {@link #NO_SERVICES} as the context class
   * loader for the idle-timer restart that comes with it: every socket's sends go through here.
   */
  static void sendAsync(Session session, String json, SendHandler handler) {
    Thread thread = Thread.currentThread();
    ClassLoader contextLoader = thread.getContextClassLoader();
    thread.setContextClassLoader(NO_SERVICES);
    try {
      session.getAsyncRemote().sendText(json, handler);
    } finally {
      thread.setContextClassLoader(contextLoader);
    }
  }

  private void sent(SendResult result) {
    if (!result.isOK()) {
      failed(result.getException());
      return;
    }
    listener.delivered(this);
    synchronized (this) {
      if (sendingThread != null) {
        completedInline = true; // the sending loop is still running and takes the next one
        return;
      }
    }
    pump();
  }

  private void failed(Throwable cause) {
    synchronized (this) {
      closed = true;
      sending = false;
      clearQueue();
      notifyAll();
    }
    LOG.log(Level.FINE, cause, () -> "Write failed on connection of " + participant.username());
  }

  @Override
  public String toString() {
    return "ClientSocket[" + participant.username() + " in " + participant.room() + "]";
  }
}
