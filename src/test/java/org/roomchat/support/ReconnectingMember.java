package org.roomchat.support;

import jakarta.json.JsonObject;
import jakarta.websocket.DeploymentException;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;

/**
 * A member of a room that behaves as the room page does: when its socket closes it reconnects,
 * with a growing pause, asking for what it missed with {@code ?after=} the last message id it saw,
 * and it never logs in again by itself. It counts what a user would notice: a message shown twice,
 * one shown out of order, and a handshake refused for want of a login.
 */
public final class ReconnectingMember implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(ReconnectingMember.class.getName());
  private static final Duration FIRST_PAUSE = Duration.ofMillis(100);
  private static final Duration LONGEST_PAUSE = Duration.ofSeconds(2);

  private final ChatHttp browser;
  private final String room;
  private final Thread thread;
  private final Set<Long> seenIds = new HashSet<>();
  private final List<Long> ids = new ArrayList<>();
  private final List<String> texts = new ArrayList<>();
  private final AtomicInteger connections = new AtomicInteger();
  private final AtomicInteger loginsAsked = new AtomicInteger();
  private final CountDownLatch joined = new CountDownLatch(1);
  private int duplicates;
  private int outOfOrder;
  private volatile ChatSocket socket;
  private volatile boolean stopping;

  private ReconnectingMember(ChatHttp browser, String room) {
    this.browser = browser;
    this.room = room;
    this.thread = new Thread(this::run, "member-" + room);
    this.thread.setDaemon(true);
  }

  /** Joins the room (path such as {@code lobby/}) and stays in it until closed. */
  public static ReconnectingMember join(ChatHttp browser, String room) {
    ReconnectingMember member = new ReconnectingMember(browser, room);
    member.thread.start();
    return member;
  }

  private void run() {
    Duration pause = FIRST_PAUSE;
    while (!stopping) {
      ChatSocket open = connect();
      if (open == null) {
        sleep(pause);
        pause = pause.multipliedBy(2).compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : pause.multipliedBy(2);
        continue;
      }
      pause = FIRST_PAUSE;
      socket = open;
      connections.incrementAndGet();
      try {
        while (!stopping && (open.isOpen() || open.hasQueued())) {
          JsonObject frame = open.poll(Duration.ofMillis(100));
          if (frame != null && "message".equals(frame.getString("type", null))) {
            record(frame);
          } else if (frame != null && "presence".equals(frame.getString("type", null))) {
            joined.countDown();
          }
        }
      } catch (InterruptedException e) {
        return;
      } finally {
        open.close();
      }
    }
  }

  private ChatSocket connect() {
    long after = lastId();
    String path = after == 0 ? room : room + "?after=" + after;
    try {
      return ChatSocket.open(browser, path);
    } catch (DeploymentException e) {
      if (refusedForLogin(e)) {
        loginsAsked.incrementAndGet();
        LOG.warning(room + ": the handshake asked for a login");
      }
      return null;
    } catch (IOException | RuntimeException e) {
      return null; // no node answered: the page tries again
    }
  }

  private static boolean refusedForLogin(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof org.glassfish.tyrus.core.HandshakeException handshake) {
        return handshake.getHttpStatusCode() == 401;
      }
      if (t instanceof org.glassfish.tyrus.client.auth.AuthenticationException) {
        return true;
      }
    }
    return false;
  }

  private synchronized void record(JsonObject frame) {
    long id = frame.getJsonNumber("message_id").longValueExact();
    if (!seenIds.add(id)) {
      duplicates++;
      return;
    }
    if (!ids.isEmpty() && id < ids.get(ids.size() - 1)) {
      outOfOrder++;
    }
    ids.add(id);
    texts.add(frame.getString("message"));
  }

  private synchronized long lastId() {
    return ids.isEmpty() ? 0 : ids.get(ids.size() - 1);
  }

  /**
   * Waits until its first socket is in the room: what is sent before then, a page shows from its
   * own list of the last messages, which this member does not read.
   */
  public void awaitJoined(Duration timeout) throws InterruptedException {
    if (!joined.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new AssertionError(room + ": no presence within " + timeout);
    }
  }

  /** The socket open now, to talk through; null between connections. */
  public ChatSocket socket() {
    ChatSocket current = socket;
    return current != null && current.isOpen() ? current : null;
  }

  /** The ids of the messages shown, in the order shown. */
  public synchronized List<Long> ids() {
    return List.copyOf(ids);
  }

  /** The texts of the messages shown, in the order shown. */
  public synchronized List<String> texts() {
    return List.copyOf(texts);
  }

  public synchronized int duplicates() {
    return duplicates;
  }

  public synchronized int outOfOrder() {
    return outOfOrder;
  }

  /** How many times a handshake was refused with 401: the page would have asked for a login. */
  public int loginsAsked() {
    return loginsAsked.get();
  }

  /** How many sockets it has had. */
  public int connections() {
    return connections.get();
  }

  private static void sleep(Duration pause) {
    try {
      Thread.sleep(pause.toMillis()); // the page's pause between reconnects
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() throws InterruptedException {
    stopping = true;
    thread.interrupt();
    thread.join(10_000);
    ChatSocket current = socket;
    if (current != null) {
      current.close();
    }
  }
}
