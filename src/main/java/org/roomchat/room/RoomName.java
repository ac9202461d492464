package org.roomchat.room;

import java.util.Optional;
import java.util.regex.Pattern;

/** A valid room name: 1 to 100 Unicode word characters or hyphens (the guide's {@code \w+}). */
public record RoomName(String value) {

  private static final Pattern VALID =
      Pattern.compile("^[\\w-]{1,100}$", Pattern.UNICODE_CHARACTER_CLASS);

  public RoomName {
    if (value == null || !VALID.matcher(value).matches()) {
      throw new IllegalArgumentException("Invalid room name");
    }
  }

  public static Optional<RoomName> parse(String value) {
    return value != null && VALID.matcher(value).matches()
        ? Optional.of(new RoomName(value))
        : Optional.empty();
  }

  /** The room's group in the group registry, named as the guide names it. */
  public String group() {
    return "chat_" + value;
  }

  @Override
  public String toString() {
    return value;
  }
}
