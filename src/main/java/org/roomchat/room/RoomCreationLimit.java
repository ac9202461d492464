package org.roomchat.room;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.roomchat.config.ChatSettings;
import org.roomchat.guard.RateLimiter;
import org.roomchat.guard.RateLimits;
import org.roomchat.metrics.ChatMetrics;

/**
 * How many new rooms one user may start: {@code chat.rooms.creations-per-hour} in any hour, on all
 * nodes together. Every visit creating a room would otherwise let one account fill the room list.
 */
@ApplicationScoped
public class RoomCreationLimit {

  static final Duration WINDOW = Duration.ofHours(1);

  @Inject ChatSettings settings;
  @Inject RateLimits limits;
  @Inject ChatMetrics metrics;

  private RateLimiter perUser;

  @PostConstruct
  void start() {
    perUser = limits.create("room-creations", settings.roomCreationsPerHour(), WINDOW);
  }

  /** Counts one new room of the user if within the limit; false (and nothing counted) if not. */
  public boolean tryCreate(String user) {
    if (perUser.tryAcquire(user)) {
      return true;
    }
    metrics.roomCreationRefused();
    return false;
  }

  /** How long until the user may start a new room again; zero if now. */
  public Duration retryAfter(String user) {
    return perUser.retryAfter(user);
  }
}
