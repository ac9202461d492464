package org.roomchat.group;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Hands each room's chat messages to this node's members in the room's sequence (1, 2, 3...),
 * with none missing and none twice, whichever way they reach the node: from its own writer, from
 * other nodes through Redis, or from the database.
 *
 * <p>A message whose turn has come is delivered at once. One that arrives early is held; if the
 * messages before it have not arrived within {@link #GAP_WAIT_MILLIS}, they are read from the
 * database (they are committed: a room's later message commits only after its earlier ones) and
 * delivered in order. A room's position is taken from the database ({@link #sync}) when this node
 * starts listening to it, and checked again whenever its listening resumes after a Redis outage
 * ({@link #resync}), so messages stored meanwhile are delivered then.
 *
 * <p>News about a stored message (its edit or deletion) waits until that message has been handed
 * over here, so no member hears of a change to a message before the message itself. Events outside
 * the sequence (joins, leaves, typing, presence) pass straight through. No lock
 * is held while delivering or reading the database: one thread at a time delivers a room's
 * messages, and others queue theirs for it.
 */
public final class MessageOrder {

  /** How long a message waits for those before it before they are read from the database. */
  public static final long GAP_WAIT_MILLIS = 150;

  /** How long to wait before reading the database again after it failed. */
  public static final long RETRY_MILLIS = 1_000;

  /** The most messages one database read brings. */
  public static final int PAGE = 500;

  private static final Logger LOG = Logger.getLogger(MessageOrder.class.getName());

  /** Runs a task later, on another thread. */
  public interface DelayedRunner {
    void schedule(Runnable task, long delayMillis);
  }

  private final BiConsumer<String, RoomEvent> delivery;
  private final MessageHistory history;
  private final DelayedRunner later;
  private final LongSupplier nanoClock;
  private final ConcurrentHashMap<String, Room> rooms = new ConcurrentHashMap<>();

  /**
   * @param delivery hands an event to this node's members of a group
   * @param history the stored messages
   * @param later runs gap fills and re-syncs
   */
  public MessageOrder(
      BiConsumer<String, RoomEvent> delivery, MessageHistory history, DelayedRunner later) {
    this(delivery, history, later, System::nanoTime);
  }

  MessageOrder(
      BiConsumer<String, RoomEvent> delivery,
      MessageHistory history,
      DelayedRunner later,
      LongSupplier nanoClock) {
    this.delivery = delivery;
    this.history = history;
    this.later = later;
    this.nanoClock = nanoClock;
  }

  /** Starts ordering the group's messages; they are held until its first {@link #sync}. */
  public void open(String group) {
    rooms.computeIfAbsent(group, Room::new);
  }

  /** Stops ordering the group's messages (it has no members here any more). */
  public void close(String group) {
    Room room = rooms.remove(group);
    if (room != null) {
      room.close();
    }
  }

  /** Whether the group is open and its position in the sequence is known. */
  public boolean isSynced(String group) {
    Room room = rooms.get(group);
    return room != null && room.isSynced();
  }

  /** Delivers the event now, or once its turn comes. */
  public void offer(String group, RoomEvent event) {
    Room room = event.isSequenced() || event.isFollower() ? rooms.get(group) : null;
    if (room == null) {
      deliver(group, event); // not a chat message, or no member here to order it for
    } else {
      room.offer(event);
    }
  }

  /**
   * Reads the room's newest sequence number from the database, on the calling thread. The first
   * time, messages after it are the ones to deliver; later, any up to it that this node has not
   * delivered are read and delivered. Throws when the database cannot be read.
   */
  public void sync(String group) {
    syncNow(group);
  }

  /** Answers the position read, or -1 when the group is not open. */
  private long syncNow(String group) {
    Room room = rooms.get(group);
    if (room == null) {
      return -1;
    }
    long last = history.lastSeq(group);
    room.synced(last);
    return last;
  }

  /**
   * As {@link #sync}, on the timer's thread, retrying while the database cannot be read; then
   * hands the position read to {@code synced}.
   */
  public void resync(String group, LongConsumer synced) {
    later.schedule(() -> resyncNow(group, synced), 0);
  }

  private void resyncNow(String group, LongConsumer synced) {
    long last;
    try {
      last = syncNow(group);
    } catch (RuntimeException e) {
      LOG.log(Level.FINE, e, () -> "Reading the position of " + group + " failed; retrying");
      later.schedule(() -> resyncNow(group, synced), RETRY_MILLIS);
      return;
    }
    if (last >= 0) {
      synced.accept(last);
    }
  }

  /**
   * Reads news of the group's messages edited or deleted since {@code since} from the database and
   * hands it to this node's members, on the timer's thread, retrying while the database cannot be
   * read: what other nodes published while the link to them was down (a member may hear of a
   * change twice, which changes nothing).
   */
  public void replayChanges(String group, Instant since) {
    later.schedule(() -> replayChangesNow(group, since), 0);
  }

  private void replayChangesNow(String group, Instant since) {
    if (!rooms.containsKey(group)) {
      return;
    }
    List<RoomEvent> changes;
    try {
      changes = history.changedSince(group, since, PAGE);
    } catch (RuntimeException e) {
      LOG.log(Level.FINE, e, () -> "Reading the changes of " + group + " failed; retrying");
      later.schedule(() -> replayChangesNow(group, since), RETRY_MILLIS);
      return;
    }
    for (RoomEvent change : changes) {
      offer(group, change);
    }
  }

  /**
   * Tells the order that the group's messages up to {@code seq} are stored: those not delivered
   * here by then are read from the database after {@link #GAP_WAIT_MILLIS}.
   */
  public void storedUpTo(String group, long seq) {
    Room room = rooms.get(group);
    if (room != null) {
      room.storedUpTo(seq);
    }
  }

  /** The next sequence number the group expects, 0 when unknown (for tests and diagnostics). */
  long expected(String group) {
    Room room = rooms.get(group);
    if (room == null) {
      return 0;
    }
    synchronized (room) {
      return room.next;
    }
  }

  private void deliver(String group, RoomEvent event) {
    try {
      delivery.accept(group, event);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Delivering an event to " + group + " failed", e);
    }
  }

  /** One room's place in its sequence, guarded by its own monitor. */
  private final class Room {
    private final String group;

    /** The sequence number to deliver next; 0 until synced. */
    private long next;

    /** The highest sequence number known to be stored: it and those before it must come. */
    private long stored;

    /** Whether {@link #stored} was learned from the database (no need to wait for Redis). */
    private boolean storedFromDatabase;

    /** Messages that came before their turn, by sequence number. */
    private final TreeMap<Long, RoomEvent> held = new TreeMap<>();

    /** News about messages not handed over yet, by the number of the message each is about. */
    private final TreeMap<Long, List<RoomEvent>> followers = new TreeMap<>();

    /** Messages whose turn has come, for the delivering thread. */
    private final ArrayDeque<RoomEvent> ready = new ArrayDeque<>();

    private boolean delivering;
    private boolean fillScheduled;
    private boolean closed;

    /** When the oldest unfilled gap was seen (nanoClock), or -1 when there is none. */
    private long gapSince = -1;

    Room(String group) {
      this.group = group;
    }

    synchronized boolean isSynced() {
      return next > 0;
    }

    void offer(RoomEvent event) {
      if (event.isFollower()) {
        follow(event);
        return;
      }
      long fillDelay = -1;
      RoomEvent now = null;
      boolean deliverNow = false;
      synchronized (this) {
        if (closed) {
          return;
        }
        long seq = event.seq();
        if (seq == next && !delivering && held.isEmpty()) {
          next++; // its turn, and nothing queued: the common case
          gapSince = -1;
          delivering = true;
          deliverNow = true;
          now = event;
          releaseFollowers(); // behind it, in ready
        } else {
          if (next == 0 || seq >= next) {
            held.putIfAbsent(seq, event);
          } // else: delivered already
          fillDelay = advance();
          deliverNow = takeDelivery();
        }
      }
      proceed(fillDelay, deliverNow, now);
    }

    /** News about a message: after the message once it is handed over, held until then. */
    private void follow(RoomEvent event) {
      boolean deliverNow;
      synchronized (this) {
        if (closed) {
          return;
        }
        if (next > 0 && event.follows() < next) {
          ready.addLast(event); // the message is handed over, or in ready ahead of this
        } else {
          followers.computeIfAbsent(event.follows(), seq -> new ArrayList<>()).add(event);
          return;
        }
        deliverNow = takeDelivery();
      }
      proceed(-1, deliverNow, null);
    }

    /** Called holding the monitor: news about messages now handed over goes behind them. */
    private void releaseFollowers() {
      while (!followers.isEmpty() && followers.firstKey() < next) {
        ready.addAll(followers.pollFirstEntry().getValue());
      }
    }

    void synced(long last) {
      long fillDelay;
      boolean deliverNow;
      synchronized (this) {
        if (closed) {
          return;
        }
        if (next == 0) {
          next = last + 1; // what is held up to here was stored before this node listened
        } else if (last >= next) {
          stored = Math.max(stored, last);
          storedFromDatabase = true;
        }
        fillDelay = advance();
        deliverNow = takeDelivery();
      }
      proceed(fillDelay, deliverNow, null);
    }

    void storedUpTo(long seq) {
      long fillDelay;
      synchronized (this) {
        if (closed || next == 0 || seq < next) {
          return;
        }
        stored = Math.max(stored, seq);
        fillDelay = advance();
      }
      scheduleFill(fillDelay);
    }

    synchronized void close() {
      closed = true;
      held.clear();
      followers.clear();
      ready.clear();
    }

    /**
     * Moves held messages whose turn has come to {@link #ready}, drops those delivered already, and
     * decides on a gap fill. Called holding the monitor; answers the fill's delay in milliseconds,
     * or -1 for none to schedule.
     */
    private long advance() {
      if (next == 0) {
        return -1;
      }
      while (!held.isEmpty() && held.firstKey() <= next) {
        Map.Entry<Long, RoomEvent> first = held.pollFirstEntry();
        if (first.getKey() == next) {
          ready.addLast(first.getValue());
          next++;
          releaseFollowers();
        }
      }
      releaseFollowers(); // news about messages this node started after (see synced)
      boolean gap = !held.isEmpty() || stored >= next;
      if (!gap) {
        gapSince = -1;
        return -1;
      }
      long now = nanoClock.getAsLong();
      if (gapSince < 0) {
        gapSince = now;
      }
      if (fillScheduled) {
        return -1;
      }
      fillScheduled = true;
      if (storedFromDatabase && stored >= next) {
        return 0;
      }
      // A gap that has had its wait (the rest of a long one) is read at once.
      return Math.max(0, GAP_WAIT_MILLIS - TimeUnit.NANOSECONDS.toMillis(now - gapSince));
    }

    /** Called holding the monitor: whether this thread is to deliver what is ready. */
    private boolean takeDelivery() {
      if (delivering || ready.isEmpty()) {
        return false;
      }
      delivering = true;
      return true;
    }

    /** Outside the monitor: starts the fill and delivers, as decided under it. */
    private void proceed(long fillDelay, boolean deliverNow, RoomEvent first) {
      scheduleFill(fillDelay);
      if (deliverNow) {
        deliverReady(first);
      }
    }

    private void scheduleFill(long delayMillis) {
      if (delayMillis >= 0) {
        later.schedule(this::fill, delayMillis);
      }
    }

    /** Reads the missing messages from the database and delivers what can be delivered. */
    private void fill() {
      long from;
      long to;
      synchronized (this) {
        fillScheduled = false;
        if (closed || next == 0) {
          return;
        }
        boolean knownStored = storedFromDatabase && stored >= next;
        if (held.isEmpty() && stored < next) {
          gapSince = -1;
          return; // filled by arrivals meanwhile
        }
        long waited = TimeUnit.NANOSECONDS.toMillis(nanoClock.getAsLong() - gapSince);
        if (!knownStored && waited < GAP_WAIT_MILLIS) {
          fillScheduled = true; // a newer gap: give it its own time to fill from Redis
          long rest = GAP_WAIT_MILLIS - waited;
          later.schedule(this::fill, rest);
          return;
        }
        from = next;
        to = Math.max(held.isEmpty() ? 0 : held.lastKey() - 1, stored); // every gap at once
        to = Math.min(to, from + PAGE - 1);
        fillScheduled = true; // this fill is under way; arrivals do not start another
      }
      List<RoomEvent> found;
      try {
        found = history.between(group, from, to, PAGE);
      } catch (RuntimeException e) {
        LOG.log(Level.FINE, e, () -> "Reading messages of " + group + " failed; retrying");
        synchronized (this) {
          if (closed) {
            return;
          }
        }
        later.schedule(this::fill, RETRY_MILLIS);
        return;
      }
      long fillDelay;
      boolean deliverNow;
      synchronized (this) {
        fillScheduled = false;
        if (closed) {
          return;
        }
        for (RoomEvent event : found) {
          if (event.seq() >= next && event.seq() <= to) {
            held.putIfAbsent(event.seq(), event);
          }
        }
        // Numbers in the range the database no longer has are gone for good (their room's
        // messages were deleted): skip them rather than wait forever.
        while (next <= to) {
          RoomEvent event = held.remove(next);
          if (event != null) {
            ready.addLast(event);
          } else {
            long skipped = next;
            LOG.fine(() -> "Message " + skipped + " of " + group + " is not stored; skipped");
          }
          next++;
          releaseFollowers();
        }
        if (stored < next) {
          storedFromDatabase = false;
        }
        fillDelay = advance();
        deliverNow = takeDelivery();
      }
      proceed(fillDelay, deliverNow, null);
    }

    /** Delivers {@code first} (if any) and then every ready message; the caller set delivering. */
    private void deliverReady(RoomEvent first) {
      RoomEvent event = first;
      while (true) {
        if (event != null) {
          deliver(group, event);
        }
        synchronized (this) {
          event = closed ? null : ready.pollFirst();
          if (event == null) {
            delivering = false;
            return;
          }
        }
      }
    }
  }
}
