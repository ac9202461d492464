package org.roomchat.chat;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.roomchat.group.NodeBroadcast;
import org.roomchat.room.Restriction;
import org.roomchat.room.RestrictionKind;
import org.roomchat.room.RoomRestrictions;

/**
 * Who is muted where, asked at every message and typing frame, so read from the database once per
 * room and kept for {@link #FRESH} at most. A change to a room's restrictions tells every node to
 * read them again at once; a node that misses that notice reads them again when they are no longer
 * fresh. A mute ends by itself: the time it ends is kept, and compared with the time now at each
 * question.
 */
@ApplicationScoped
public class Mutes {

  static final String TOPIC = "moderation-changed";

  /** How long a room's mutes are trusted without reading them again. */
  static final Duration FRESH = Duration.ofSeconds(5);

  private static final Logger LOG = Logger.getLogger(Mutes.class.getName());

  @Inject RoomRestrictions restrictions;
  @Inject NodeBroadcast broadcast;

  @Resource(lookup = "java:comp/DefaultManagedExecutorService")
  Executor executor;

  Clock clock = Clock.systemUTC();
  LongSupplier nanoClock = System::nanoTime;

  /** One room's mutes as read at {@code readAt} (nanoseconds): who, and until when. */
  private record Snapshot(long readAt, Map<Long, Restriction> muted) {}

  private final Map<Long, Snapshot> rooms = new ConcurrentHashMap<>();

  /** Rooms whose mutes are being read again in the background. */
  private final Set<Long> refreshing = ConcurrentHashMap.newKeySet();

  /** Counts the notices heard, so a read that overlapped one is not kept. */
  private final AtomicLong changes = new AtomicLong();

  void listen(@Observes @Initialized(ApplicationScoped.class) Object start) {
    broadcast.listen(TOPIC, this::received);
  }

  /** Whether the user is muted in the room now. */
  public boolean muted(long roomId, long userId) {
    Restriction mute = snapshot(roomId).muted().get(userId);
    return mute != null && mute.holdsAt(clock.instant());
  }

  /** Tells every node, this one at once, that the room's restrictions changed. */
  void changed(long roomId) {
    broadcast.publish(TOPIC, Long.toString(roomId));
  }

  /** Reads the room's mutes now, for the questions to come (when a member joins it here). */
  void warm(long roomId) {
    snapshot(roomId);
  }

  private Snapshot snapshot(long roomId) {
    long now = nanoClock.getAsLong();
    Snapshot known = rooms.get(roomId);
    if (known == null) {
      return read(roomId, null);
    }
    if (now - known.readAt() >= FRESH.toNanos() && refreshing.add(roomId)) {
      // Read again beside the frame, not in its way: while the database is away, the frame must
      // not wait on it (its message is refused as not stored), and the known mutes stand.
      refresher().execute(
          () -> {
            try {
              read(roomId, known);
            } finally {
              refreshing.remove(roomId);
            }
          });
      return rooms.getOrDefault(roomId, known);
    }
    return known;
  }

  private Executor refresher() {
    return executor != null ? executor : Runnable::run;
  }

  private Snapshot read(long roomId, Snapshot known) {
    long now = nanoClock.getAsLong();
    long heard = changes.get();
    Snapshot read;
    try {
      read =
          new Snapshot(
              now,
              restrictions.of(roomId).stream()
                  .filter(r -> r.kind() == RestrictionKind.MUTE)
                  .collect(Collectors.toMap(Restriction::userId, r -> r)));
    } catch (RuntimeException unreadable) {
      // The message cannot be stored either; the last known mutes stand meanwhile.
      LOG.log(Level.FINE, "Could not read the mutes of room " + roomId, unreadable);
      return known != null ? known : new Snapshot(now, Map.of());
    }
    if (changes.get() == heard) {
      rooms.put(roomId, read);
    }
    return read;
  }

  private void received(String notice) {
    try {
      long roomId = Long.parseLong(notice);
      changes.incrementAndGet();
      rooms.remove(roomId);
    } catch (NumberFormatException ignored) {
      LOG.fine(() -> "Ignoring a malformed " + TOPIC + " notice");
    }
  }
}
