package org.roomchat.web;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Times and durations as pages print them. Pages print UTC; their scripts rewrite the times into
 * the reader's own zone from the ISO value in the {@code datetime} attribute.
 */
final class DisplayTimes {

  private static final DateTimeFormatter DATE_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT);
  private static final DateTimeFormatter CLOCK =
      DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT);

  private DisplayTimes() {}

  static String dateTime(OffsetDateTime time) {
    return time == null ? "" : DATE_TIME.format(time.withOffsetSameInstant(ZoneOffset.UTC));
  }

  /** The time of day, as Django's {@code date} filter prints a message's time ({@code H:i:s}). */
  static String clock(OffsetDateTime time) {
    return time == null ? "" : CLOCK.format(time.withOffsetSameInstant(ZoneOffset.UTC));
  }

  /** The ISO-8601 form, for {@code datetime} attributes and JSON. */
  static String iso(OffsetDateTime time) {
    return time == null ? "" : time.withOffsetSameInstant(ZoneOffset.UTC).toString();
  }

  static double seconds(Duration duration) {
    return duration.toMillis() / 1000.0;
  }
}
