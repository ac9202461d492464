package org.roomchat.bench;

import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One user of a soak run. A churning user keeps one socket open at a time (now and then two, as
 * when a page is opened in a new tab before the old one closes), each in a random room for a
 * random 5 to 60 s, then closes it (now and then vanishing without a close frame) and opens the
 * next, half the time asking for what it missed there with {@code ?after=}. A steady user stays
 * in its room all along. While joined, each socket chats at the given rate, now and then typing
 * first. Sockets the server closes, and handshakes it refuses, are opened again after a second; a
 * refusal with 401 logs the user in again first (see {@link ReconnectingSockets}).
 */
final class SoakClient {

  static final Duration SHORTEST_LIFE = Duration.ofSeconds(5);
  static final Duration LONGEST_LIFE = Duration.ofSeconds(60);
  /** Share of sockets that end without a close frame (the TCP connection just goes). */
  static final double ABORTED = 0.1;
  /** Share of new sockets opened before the one they replace closes. */
  static final double OVERLAPPING = 0.2;
  /** Share of new sockets that ask for what their user missed in the room. */
  static final double CATCHING_UP = 0.5;
  /** Share of messages preceded by a typing frame. */
  static final double TYPING_FIRST = 0.3;

  private static final Duration JOIN_LIMIT = Duration.ofSeconds(10);
  /** How long after a refusal or a close by the server the next socket opens. */
  private static final Duration REOPEN_AFTER = Duration.ofSeconds(1);
  private static final Pattern TYPE = Pattern.compile("\"type\"\\s*:\\s*\"(\\w+)\"");
  private static final Pattern MESSAGE_ID = Pattern.compile("\"message_id\"\\s*:\\s*(\\d+)");
  private static final Pattern ERROR_CODE = Pattern.compile("\"code\"\\s*:\\s*\"([\\w-]+)\"");

  /** What all users of a run did, counted together. */
  static final class Tally {
    final AtomicLong opened = new AtomicLong();
    final AtomicLong joined = new AtomicLong();
    final AtomicLong catchUps = new AtomicLong();
    final AtomicLong closedNormally = new AtomicLong();
    final AtomicLong aborted = new AtomicLong();
    final AtomicLong joinTimeouts = new AtomicLong();
    final AtomicLong sent = new AtomicLong();
    final AtomicLong received = new AtomicLong();
    /** Sockets whose handshake completed and that are not closed yet. */
    final AtomicLong open = new AtomicLong();
    /** Users who have been in a room at least once. */
    private final Set<String> usersJoined = ConcurrentHashMap.newKeySet();

    int joinedUsers() {
      return usersJoined.size();
    }

    final Map<String, Integer> errors = new TreeMap<>();
    final Map<String, Integer> refusals = new TreeMap<>();
    final Map<String, Integer> serverCloses = new TreeMap<>();

    synchronized void count(Map<String, Integer> counts, String key) {
      counts.merge(key, 1, Integer::sum);
    }

    synchronized String format(Map<String, Integer> counts) {
      if (counts.isEmpty()) {
        return "none";
      }
      StringBuilder text = new StringBuilder();
      counts.forEach((key, value) -> text.append(text.isEmpty() ? "" : " ").append(key).append(':').append(value));
      return text.toString();
    }
  }

  private final String name;
  private final List<String> rooms;
  private final String home;
  private final boolean steady;
  private final double rate;
  private final ScheduledExecutorService timers;
  private final Tally tally;
  private final ReconnectingSockets sockets;
  /** The last message id this user saw in each room. */
  private final Map<String, Long> lastSeen = new ConcurrentHashMap<>();
  private final Set<Tab> tabs = ConcurrentHashMap.newKeySet();
  private volatile boolean stopped;
  private final AtomicLong messages = new AtomicLong();

  /** The user signed up in this browser, at home in one of the rooms. */
  SoakClient(
      BenchBrowser browser,
      List<String> rooms,
      String home,
      boolean steady,
      double rate,
      ScheduledExecutorService timers,
      ExecutorService blocking,
      Tally tally) {
    this.name = browser.username();
    this.rooms = rooms;
    this.home = home;
    this.steady = steady;
    this.rate = rate;
    this.timers = timers;
    this.tally = tally;
    this.sockets =
        new ReconnectingSockets(browser, Backoff.fixed(REOPEN_AFTER), this::open, timers, blocking);
  }

  /** Opens the first socket: a steady user's in its room, a churning user's in any. */
  void start() {
    open();
  }

  /** Closes every socket with a close frame and opens no more. */
  void stop() {
    stopped = true;
    sockets.stop();
    for (Tab tab : tabs) {
      tab.finish(false);
    }
  }

  private void open() {
    if (stopped) {
      return;
    }
    ThreadLocalRandom random = ThreadLocalRandom.current();
    String room = steady ? home : rooms.get(random.nextInt(rooms.size()));
    Long after = lastSeen.get(room);
    boolean catchUp = after != null && random.nextDouble() < CATCHING_UP;
    if (catchUp) {
      tally.catchUps.incrementAndGet();
    }
    Tab tab = new Tab(room);
    tabs.add(tab);
    sockets.open(
        room,
        catchUp ? after : 0,
        tab,
        refusal -> {
          tabs.remove(tab);
          tally.count(tally.refusals, refusal);
          return true;
        });
  }

  int relogins() {
    return sockets.relogins();
  }

  private void later(Runnable action, Duration delay) {
    if (!stopped) {
      timers.schedule(action, delay.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  private static long between(Duration shortest, Duration longest) {
    return ThreadLocalRandom.current().nextLong(shortest.toMillis(), longest.toMillis() + 1);
  }

  /** One socket of the user, as one browser tab holds one. */
  private final class Tab extends WholeTextFrames {

    private final String room;
    private volatile WebSocket socket;
    private volatile boolean joined;
    private boolean closed;
    private CompletableFuture<?> sending = CompletableFuture.completedFuture(null);
    private ScheduledFuture<?> nextMessage;
    private ScheduledFuture<?> joinLimit;

    Tab(String room) {
      this.room = room;
    }

    @Override
    void opened(WebSocket webSocket) {
      synchronized (this) {
        if (closed) {
          webSocket.abort(); // finished (the run ended) while the handshake was under way
          return;
        }
        socket = webSocket;
        joinLimit =
            timers.schedule(this::notJoined, JOIN_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
      }
      tally.opened.incrementAndGet();
      tally.open.incrementAndGet();
    }

    @Override
    void closed(int statusCode) {
      ended(Integer.toString(statusCode));
    }

    @Override
    void failed(Throwable error) {
      ended("error " + error.getClass().getSimpleName());
    }

    @Override
    void text(String text) {
      Matcher type = TYPE.matcher(text);
      String kind = type.find() ? type.group(1) : "message";
      switch (kind) {
        case "presence" -> joinedRoom();
        case "message" -> {
          tally.received.incrementAndGet();
          Matcher id = MESSAGE_ID.matcher(text);
          if (id.find()) {
            lastSeen.merge(room, Long.parseLong(id.group(1)), Math::max);
          }
        }
        case "error" -> {
          Matcher code = ERROR_CODE.matcher(text);
          tally.count(tally.errors, code.find() ? code.group(1) : "error");
        }
        default -> {
          // user_join, user_leave, typing: nothing to count
        }
      }
    }

    private void joinedRoom() {
      synchronized (this) {
        if (joined || closed) {
          return;
        }
        joined = true;
        if (joinLimit != null) {
          joinLimit.cancel(false);
        }
      }
      tally.joined.incrementAndGet();
      tally.usersJoined.add(name);
      scheduleMessage();
      if (!steady) {
        later(this::endOfLife, Duration.ofMillis(between(SHORTEST_LIFE, LONGEST_LIFE)));
      }
    }

    private void notJoined() {
      synchronized (this) {
        if (joined || closed) {
          return;
        }
      }
      tally.joinTimeouts.incrementAndGet();
      finish(false);
      open();
    }

    /** The socket's time is up: the next one opens, before or after this one closes. */
    private void endOfLife() {
      ThreadLocalRandom random = ThreadLocalRandom.current();
      boolean abort = random.nextDouble() < ABORTED;
      if (random.nextDouble() < OVERLAPPING) {
        open();
        later(() -> finish(abort), Duration.ofMillis(between(Duration.ofSeconds(1), Duration.ofSeconds(3))));
      } else {
        finish(abort);
        later(SoakClient.this::open, Duration.ofMillis(between(Duration.ofMillis(200), Duration.ofSeconds(2))));
      }
    }

    private void scheduleMessage() {
      if (rate <= 0) {
        return;
      }
      // Exponential gaps: messages arrive as a Poisson stream at the rate.
      double gap = -Math.log(1 - ThreadLocalRandom.current().nextDouble()) / rate;
      synchronized (this) {
        if (!closed && !stopped) {
          nextMessage = timers.schedule(this::say, (long) (gap * 1000), TimeUnit.MILLISECONDS);
        }
      }
    }

    private void say() {
      if (ThreadLocalRandom.current().nextDouble() < TYPING_FIRST) {
        send("{\"type\":\"typing\",\"is_typing\":true}");
      }
      send("{\"type\":\"message\",\"message\":\"soak " + name + " " + messages.incrementAndGet() + "\"}");
      tally.sent.incrementAndGet();
      scheduleMessage();
    }

    /** Sends one frame after the previous one went: the JDK's socket takes one at a time. */
    private synchronized void send(String text) {
      if (closed) {
        return;
      }
      WebSocket ws = socket;
      sending = sending.handle((ok, error) -> null).thenCompose(ignored -> ws.sendText(text, true));
    }

    /** Closes the socket, with a close frame or by dropping the connection. */
    void finish(boolean abort) {
      WebSocket ws;
      synchronized (this) {
        if (closed) {
          return;
        }
        closed = true;
        cancelTimers();
        ws = socket;
      }
      tabs.remove(this);
      if (ws == null) {
        return; // handshake still under way: it is closed when it completes
      }
      tally.open.decrementAndGet();
      if (abort) {
        tally.aborted.incrementAndGet();
        ws.abort();
      } else {
        tally.closedNormally.incrementAndGet();
        CompletableFuture<?> last;
        synchronized (this) {
          last = sending;
        }
        // The server answers the close frame and closes the connection; should it not, the
        // connection is dropped after 10 s (a no-op on one already closed).
        last.handle((ok, error) -> null)
            .thenCompose(ignored -> ws.sendClose(WebSocket.NORMAL_CLOSURE, ""))
            .whenComplete(
                (ok, error) -> {
                  if (error != null) {
                    ws.abort();
                  } else {
                    timers.schedule(ws::abort, 10, TimeUnit.SECONDS);
                  }
                });
      }
    }

    /** The server closed the socket or it failed: counted, and another one opens. */
    private void ended(String how) {
      synchronized (this) {
        if (closed) {
          return;
        }
        closed = true;
        cancelTimers();
      }
      tabs.remove(this);
      tally.open.decrementAndGet();
      tally.count(tally.serverCloses, how);
      sockets.failed(false);
    }

    private void cancelTimers() {
      if (nextMessage != null) {
        nextMessage.cancel(false);
      }
      if (joinLimit != null) {
        joinLimit.cancel(false);
      }
    }
  }
}
