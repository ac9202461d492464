package org.roomchat.bench;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * One member of a room that behaves like the room page (static/room.js): on a close or an error
 * it reconnects with backoff (about 1 s, doubling up to 15 s, with jitter), asks for what it
 * missed with {@code ?after=} the last id it saw, replaces a socket that sends no presence within
 * 10 s, and drops messages it already has by id. A handshake refused with 401 (its login lived on
 * a node that is gone) makes it log in again through the proxy, as its user would.
 *
 * <p>It records every message it receives (when, its id and room sequence number), every message
 * it sends and how that send ended, for the scenario's figures. Now and then, instead of a new
 * message, it edits or deletes one of its own; like the page, it keeps each message's text as the
 * news of edits and deletions leaves it, so the run can compare what every member ends up showing
 * with what is stored.
 */
final class ChaosClient {

  private static final long JOIN_TIMEOUT_MS = 10_000;
  private static final int CLOSE_LOGGED_OUT = 4001;
  private static final int CLOSE_FORBIDDEN = 4003;

  /** The text a member shows for a deleted message (no stored text can be this). */
  static final String DELETED = "\u0000deleted";

  /** One message this member sent, and what became of it. */
  static final class Send {
    final String text;
    final long sentNanos;
    final int connection;
    /** For an edit or a deletion, the id of the message it changes; 0 for a new message. */
    final long changes;
    long ackNanos = -1;
    /** The code of an error frame that answered it. */
    String error;
    /** Its connection closed (or the send itself failed) before it was answered. */
    boolean closed;

    Send(String text, long sentNanos, int connection) {
      this(text, sentNanos, connection, 0);
    }

    Send(String text, long sentNanos, int connection, long changes) {
      this.text = text;
      this.sentNanos = sentNanos;
      this.connection = connection;
      this.changes = changes;
    }

    boolean isChange() {
      return changes != 0;
    }

    boolean acknowledged() {
      return ackNanos >= 0;
    }
  }

  /**
   * One new message received: when, its id and seq, and the highest seq up to which this member
   * then had every message of the room.
   */
  record Receipt(long nanos, long id, long seq, long contiguous) {}

  /**
   * A message received again: when, whether live (after the presence frame) or in a catch-up, and
   * whether on the socket that had brought it before.
   */
  record Duplicate(long nanos, long id, boolean live, boolean sameSocket) {}

  private final String name;
  private final String room;
  private final ScheduledExecutorService timers;
  private final ChaosLedger ledger;
  private final Backoff backoff = Backoff.roomPage();
  private final ReconnectingSockets sockets;

  // Everything below is guarded by this.
  private WebSocket socket;
  private Connection current;
  private int generation;
  private boolean connecting;
  private boolean stopped;
  private boolean sending;
  /** The final catch-up began: whatever closes now closes because of it. */
  private boolean finishing;
  private int sentCount;
  private long lastId;
  private long highestSeq;
  private final BitSet seqs = new BitSet();
  /** Ids received, with the socket (attempt number) that first brought each. */
  private final Map<Long, Integer> seen = new HashMap<>();
  private final List<Duplicate> duplicates = new ArrayList<>();
  private final List<Receipt> receipts = new ArrayList<>();
  private final Map<String, Send> sendsByText = new HashMap<>();
  private final List<Send> sends = new ArrayList<>();
  private final Map<String, Integer> refusals = new TreeMap<>();
  private final Map<String, Integer> errors = new TreeMap<>();
  /** Each message's text as this member shows it now ({@link #DELETED} once deleted). */
  private final Map<Long, String> shown = new HashMap<>();
  /** Its own messages, acknowledged and not deleted by it: what it may still change. */
  private final List<Long> own = new ArrayList<>();
  private double editShare;
  private double deleteShare;
  private int duplicated;
  private int outOfOrder;
  private int skipped;
  private int connects;

  /**
   * A member of the room, signed up in this browser (through the proxy); what it receives and
   * sees acknowledged goes into the run's ledger too.
   */
  ChaosClient(
      BenchBrowser browser,
      String room,
      ChaosLedger ledger,
      ScheduledExecutorService timers,
      ExecutorService blocking) {
    this.name = browser.username();
    this.sockets = new ReconnectingSockets(browser, backoff, this::connect, timers, blocking);
    this.room = room;
    this.ledger = ledger;
    this.timers = timers;
  }

  String name() {
    return name;
  }

  String room() {
    return room;
  }

  // --- connection ----------------------------------------------------------------------------

  /** Opens a socket to the room unless one is open or opening. */
  void connect() {
    int attempt;
    long after;
    synchronized (this) {
      if (stopped || socket != null || connecting) {
        return;
      }
      connecting = true;
      attempt = ++generation;
      after = lastId;
    }
    sockets.open(room, after, new Connection(attempt), refusal -> refused(attempt, refusal));
  }

  /** Counts a refused handshake; true unless a later connection has begun since. */
  private synchronized boolean refused(int attempt, String refusal) {
    if (attempt != generation) {
      return false;
    }
    connecting = false;
    refusals.merge(refusal, 1, Integer::sum);
    return true;
  }

  private void opened(Connection connection, WebSocket ws) {
    synchronized (this) {
      if (connection.attempt != generation || stopped) {
        ws.abort();
        return;
      }
      connecting = false;
      socket = ws;
      current = connection;
      connects++;
    }
    // A socket that stays silent was never joined: it is replaced, as the page does.
    timers.schedule(
        () -> {
          if (!connection.joined) {
            ws.sendClose(4000, "No presence").exceptionally(e -> null);
            timers.schedule(ws::abort, 2, TimeUnit.SECONDS);
          }
        },
        JOIN_TIMEOUT_MS,
        TimeUnit.MILLISECONDS);
  }

  private void closed(Connection connection, int code) {
    synchronized (this) {
      for (Send send : sends) {
        if (!finishing
            && send.connection == connection.attempt
            && !send.acknowledged()
            && send.error == null) {
          send.closed = true;
        }
      }
      if (connection != current) {
        return;
      }
      socket = null;
      current = null;
      if (stopped) {
        return;
      }
      if (code == CLOSE_FORBIDDEN) {
        stopped = true; // the user may not enter the room: the page gives up too
        return;
      }
    }
    sockets.failed(code == CLOSE_LOGGED_OUT);
  }

  // --- frames ----------------------------------------------------------------------------------

  private void frame(Connection connection, String text) {
    JsonObject frame;
    try (JsonReader reader = Json.createReader(new StringReader(text))) {
      frame = reader.readObject();
    }
    long now = System.nanoTime();
    switch (frame.getString("type", "message")) {
      case "presence" -> {
        boolean live;
        synchronized (this) {
          connection.joined = true;
          live = connection == current;
        }
        if (live) {
          backoff.succeeded();
        }
      }
      case "message" -> message(connection, frame, now);
      case "message_edited" ->
          changed(frame.getJsonNumber("message_id").longValue(), frame.getString("message"), now);
      case "message_deleted" ->
          changed(frame.getJsonNumber("message_id").longValue(), DELETED, now);
      case "error" -> error(connection, frame.getString("code", "unknown"));
      default -> {
        // joins, leaves and typing: not what this scenario measures
      }
    }
  }

  private void message(Connection connection, JsonObject frame, long now) {
    long id = frame.getJsonNumber("message_id").longValue();
    long seq = frame.containsKey("seq") ? frame.getJsonNumber("seq").longValue() : 0;
    String text = frame.getString("message", "");
    ledger.received(id, text, now);
    synchronized (this) {
      Integer before = seen.putIfAbsent(id, connection.attempt);
      if (before == null) {
        // As the page: a message already shown changes only by news of an edit or a deletion.
        shown.put(id, frame.getBoolean("deleted", false) ? DELETED : text);
      }
      if (before != null) {
        duplicated++;
        duplicates.add(new Duplicate(now, id, connection.joined, before == connection.attempt));
        return;
      }
      lastId = Math.max(lastId, id);
      if (seq > 0) {
        if (seq < highestSeq) {
          outOfOrder++;
        } else if (seq > highestSeq + 1) {
          skipped++; // what is skipped now, ?after= with a later id never brings
        }
        highestSeq = Math.max(highestSeq, seq);
        seqs.set((int) seq);
      }
      receipts.add(new Receipt(now, id, seq, seqs.nextClearBit(1) - 1));
      if (name.equals(frame.getString("username", ""))) {
        Send send = sendsByText.get(text);
        if (send != null && !send.acknowledged()) {
          send.ackNanos = now;
          ledger.acknowledged(id, room);
          own.add(id);
        }
      }
    }
  }

  /**
   * News of an edit or a deletion: the message shows its new text (a deleted one stays deleted),
   * and this member's own change of it is answered.
   */
  private synchronized void changed(long id, String text, long now) {
    String before = shown.get(id);
    if (before != null && !before.equals(DELETED)) {
      shown.put(id, text);
    }
    for (Send send : sends) {
      if (send.changes == id && !send.acknowledged() && send.error == null) {
        send.ackNanos = now;
        return;
      }
    }
  }

  /** An error frame answers the oldest send of that connection still unanswered. */
  private synchronized void error(Connection connection, String code) {
    errors.merge(code, 1, Integer::sum);
    for (Send send : sends) {
      if (send.connection == connection.attempt
          && !send.acknowledged()
          && send.error == null
          && !send.closed) {
        send.error = code;
        return;
      }
    }
  }

  // --- sending ---------------------------------------------------------------------------------

  /**
   * Sends at the rate; of the sends, the shares given edit and delete one of this member's own
   * messages (once it has any) instead of saying something new.
   */
  void startSending(double perSecond, double editShare, double deleteShare) {
    synchronized (this) {
      sending = true;
      this.editShare = editShare;
      this.deleteShare = deleteShare;
    }
    long period = Math.round(1000 / perSecond);
    timers.scheduleWithFixedDelay(
        this::sendOne,
        ThreadLocalRandom.current().nextLong(period),
        period,
        TimeUnit.MILLISECONDS);
  }

  synchronized void stopSending() {
    sending = false;
  }

  /** Sends one message while joined; as the page does, nothing while offline. */
  private void sendOne() {
    WebSocket ws;
    Send send;
    synchronized (this) {
      if (!sending || socket == null || current == null || !current.joined) {
        return;
      }
      String text = "chaos " + name + " " + ++sentCount;
      double dice = ThreadLocalRandom.current().nextDouble();
      long target = own.isEmpty() ? 0 : own.get(ThreadLocalRandom.current().nextInt(own.size()));
      if (target != 0 && dice < deleteShare) {
        own.remove(Long.valueOf(target));
        send = new Send("", System.nanoTime(), current.attempt, target);
      } else if (target != 0 && dice < deleteShare + editShare) {
        send = new Send(text + " (edit)", System.nanoTime(), current.attempt, target);
      } else {
        send = new Send(text, System.nanoTime(), current.attempt);
        sendsByText.put(text, send);
      }
      sends.add(send);
      ws = socket;
    }
    String json = frame(send);
    try {
      ws.sendText(json, true).get(5, TimeUnit.SECONDS);
    } catch (Exception e) {
      synchronized (this) {
        if (!send.acknowledged() && send.error == null) {
          send.closed = true;
        }
      }
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static String frame(Send send) {
    if (!send.isChange()) {
      return Json.createObjectBuilder().add("message", send.text).build().toString();
    }
    if (send.text.isEmpty()) {
      return Json.createObjectBuilder()
          .add("type", "delete")
          .add("message_id", send.changes)
          .build()
          .toString();
    }
    return Json.createObjectBuilder()
        .add("type", "edit")
        .add("message_id", send.changes)
        .add("message", send.text)
        .build()
        .toString();
  }

  // --- the end ---------------------------------------------------------------------------------

  /**
   * Closes the socket and connects again with {@code ?after=} the last id seen, as after any
   * drop; true once the new socket has joined (its catch-up came before its presence).
   */
  boolean finalCatchUp(Duration timeout) throws InterruptedException {
    WebSocket old;
    synchronized (this) {
      sending = false;
      finishing = true;
      old = socket;
      socket = null;
      current = null;
      connecting = false;
      generation++; // whatever was under way is not the final connection
    }
    backoff.succeeded();
    if (old != null) {
      old.abort();
    }
    connect();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      synchronized (this) {
        if (current != null && current.joined) {
          return true;
        }
      }
      TimeUnit.MILLISECONDS.sleep(100);
    }
    return false;
  }

  synchronized boolean joined() {
    return current != null && current.joined;
  }

  void stop() {
    sockets.stop();
    WebSocket ws;
    synchronized (this) {
      stopped = true;
      ws = socket;
      socket = null;
    }
    if (ws != null) {
      ws.abort();
    }
  }

  /**
   * When this member was first back in the room after the moment: connected, and receiving a
   * message first seen after it with every earlier one of the room in hand. -1 if never.
   */
  synchronized long recoveredAt(long sinceNanos) {
    for (Receipt receipt : receipts) {
      if (receipt.nanos() >= sinceNanos
          && ledger.firstSeen(receipt.id()) >= sinceNanos
          && (receipt.seq() == 0 || receipt.contiguous() >= receipt.seq())) {
        return receipt.nanos();
      }
    }
    return -1;
  }

  synchronized List<Receipt> receipts() {
    return List.copyOf(receipts);
  }

  synchronized boolean has(long id) {
    return seen.containsKey(id);
  }

  /**
   * The messages this member shows otherwise than they are stored (a stale text, or the text of a
   * deleted one), against every stored message's text by id.
   */
  synchronized List<Long> staleAgainst(Map<Long, String> stored) {
    List<Long> stale = new ArrayList<>();
    shown.forEach(
        (id, text) -> {
          if (stored.containsKey(id) && !stored.get(id).equals(text)) {
            stale.add(id);
          }
        });
    return stale;
  }

  /** Of {@link #staleAgainst}, those deleted but still shown with their text. */
  synchronized int deletedShownAgainst(Map<Long, String> stored) {
    int count = 0;
    for (Map.Entry<Long, String> message : shown.entrySet()) {
      if (DELETED.equals(stored.get(message.getKey())) && !DELETED.equals(message.getValue())) {
        count++;
      }
    }
    return count;
  }

  synchronized List<Duplicate> duplicates() {
    return List.copyOf(duplicates);
  }

  synchronized List<Send> sends() {
    return List.copyOf(sends);
  }

  synchronized Map<String, Integer> refusals() {
    return Map.copyOf(refusals);
  }

  synchronized Map<String, Integer> errors() {
    return Map.copyOf(errors);
  }

  synchronized int duplicated() {
    return duplicated;
  }

  synchronized int outOfOrder() {
    return outOfOrder;
  }

  synchronized int skipped() {
    return skipped;
  }

  int relogins() {
    return sockets.relogins();
  }

  synchronized int connects() {
    return connects;
  }

  /** One socket: its frames, whole, in order, and its end. */
  private final class Connection extends WholeTextFrames {

    final int attempt;
    /** The presence frame came: what follows is live, what came before was the catch-up. */
    volatile boolean joined;

    Connection(int attempt) {
      this.attempt = attempt;
    }

    @Override
    void opened(WebSocket socket) {
      ChaosClient.this.opened(this, socket);
    }

    @Override
    void text(String message) {
      frame(this, message);
    }

    @Override
    void closed(int statusCode) {
      ChaosClient.this.closed(this, statusCode);
    }
  }
}
