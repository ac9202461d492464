package org.roomchat.websocket;

import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.roomchat.chat.UserStream;
import org.roomchat.protocol.CloseCode;

/**
 * One open {@code /ws/user/}, and its only writer: frames are queued (at most {@code capacity}
 * frames and {@code capacityBytes} bytes) and written one at a time with asynchronous sends, so the
 * streams' flush never waits on a client. The frames come a few a second at most (the counts are
 * gathered before they are sent), so a full queue means a client that stopped reading: it is closed
 * with 1013, and reconnecting brings it a fresh summary.
 */
public final class UserStreamSocket implements UserStream {

  private static final Logger LOG = Logger.getLogger(UserStreamSocket.class.getName());

  /** What the stream reports to its owner. */
  public interface Listener {
    /** The queue was full; the stream must be closed with 1013. */
    void overflowed(UserStreamSocket stream);

    /** One frame was written to the client. */
    void delivered(UserStreamSocket stream);
  }

  private final Session session;
  private final long userId;
  private final String username;
  private final int capacity;
  private final long capacityBytes;
  private final Listener listener;
  private final Instant openedAt = Instant.now();

  private final ArrayDeque<String> queue = new ArrayDeque<>();
  private long queuedBytes;
  private boolean sending;
  private boolean closed;
  private Thread sendingThread;
  private boolean completedInline;

  public UserStreamSocket(
      Session session,
      long userId,
      String username,
      int capacity,
      long capacityBytes,
      Listener listener) {
    this.session = session;
    this.userId = userId;
    this.username = username;
    this.capacity = capacity;
    this.capacityBytes = capacityBytes;
    this.listener = listener;
  }

  @Override
  public long userId() {
    return userId;
  }

  @Override
  public String username() {
    return username;
  }

  @Override
  public Optional<String> login() {
    return HandshakeLogin.of(session);
  }

  @Override
  public Instant openedAt() {
    return openedAt;
  }

  @Override
  public void send(String json) {
    int bytes = ClientSocket.utf8Length(json);
    boolean overflow = false;
    synchronized (this) {
      if (closed) {
        return;
      }
      if (queue.size() >= capacity || queuedBytes + bytes > capacityBytes) {
        overflow = true;
        closed = true;
        queue.clear();
        queuedBytes = 0;
      } else {
        queue.addLast(json);
        queuedBytes += bytes;
        if (sending) {
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

  /** Writes queued frames until the queue is empty or a write is still in flight. */
  private void pump() {
    while (true) {
      String next;
      synchronized (this) {
        next = closed ? null : queue.pollFirst();
        if (next == null) {
          sending = false;
          notifyAll();
          return;
        }
        queuedBytes -= ClientSocket.utf8Length(next);
        sendingThread = Thread.currentThread();
        completedInline = false;
      }
      try {
        ClientSocket.sendAsync(session, next, this::sent);
      } catch (RuntimeException e) {
        failed(e);
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
      queue.clear();
      queuedBytes = 0;
      notifyAll();
    }
    LOG.log(Level.FINE, cause, () -> "Write failed on the stream of " + username);
  }

  /** Stops writing; what is queued is dropped. */
  void stop() {
    synchronized (this) {
      closed = true;
      queue.clear();
      queuedBytes = 0;
      notifyAll();
    }
  }

  @Override
  public synchronized boolean awaitDrained(long deadline) throws InterruptedException {
    while (!closed && (sending || !queue.isEmpty())) {
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
    ClientSocket.close(session, code, reason);
  }

  @Override
  public String toString() {
    return "UserStreamSocket[" + username + "]";
  }
}
