package org.roomchat.room;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A place in a room list, newest activity first: a room's last activity and id, which orders rooms
 * active at the same instant. A page starts just past it, so a page costs the same however far down
 * it is, unlike an offset that the database must count up to. In links it is {@link #token()}.
 */
public record RoomCursor(OffsetDateTime activity, long id) {

  private static final Pattern TOKEN = Pattern.compile("^(\\d{1,18})_(\\d{1,18})$");

  /** Microseconds since the epoch, then the id: activity times are stored to the microsecond. */
  public String token() {
    return ChronoUnit.MICROS.between(Instant.EPOCH, activity.toInstant()) + "_" + id;
  }

  /** The cursor a token names; empty for anything else, which lists then ignore. */
  public static Optional<RoomCursor> parse(String token) {
    if (token == null) {
      return Optional.empty();
    }
    Matcher m = TOKEN.matcher(token);
    if (!m.matches()) {
      return Optional.empty();
    }
    OffsetDateTime activity =
        Instant.EPOCH.plus(Long.parseLong(m.group(1)), ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
    return Optional.of(new RoomCursor(activity, Long.parseLong(m.group(2))));
  }
}
