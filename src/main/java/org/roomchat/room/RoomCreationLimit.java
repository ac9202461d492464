package org.roomchat.room;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.roomchat.guard.Limit;
import org.roomchat.guard.RateLimiter;

/**
 * How many new rooms one user may start: {@code chat.rooms.creations-per-hour} in any hour, on all
 * nodes together. Every visit creating a room would otherwise let one account fill the room list.
 */
@ApplicationScoped
public class RoomCreationLimit {

  @Inject
  @Limit(Limit.Of.ROOM_CREATIONS)
  RateLimiter perUser;

  @Inject RoomMeter meter;

  /** Counts one new room of the user if within the limit; false (and nothing counted) if not. */
  public boolean tryCreate(String user) {
    if (perUser.tryAcquire(user)) {
      return true;
    }
    meter.roomCreationRefused();
    return false;
  }

  /** How long until the user may start a new room again; zero if now. */
  public Duration retryAfter(String user) {
    return perUser.retryAfter(user);
  }
}
