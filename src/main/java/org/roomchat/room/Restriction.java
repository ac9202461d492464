package org.roomchat.room;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A user muted or banned in a room, until a time or, without one, until lifted. Whether it holds is
 * asked with the time now, so it ends by itself.
 */
public record Restriction(
    long userId, String username, RestrictionKind kind, Optional<Instant> until) {

  public Restriction {
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(until, "until");
  }

  /** Whether it still holds at {@code now}. */
  public boolean holdsAt(Instant now) {
    return until.map(now::isBefore).orElse(true);
  }
}
