package org.roomchat.room;

import java.util.Optional;
import java.util.regex.Pattern;

/** A valid room name: 1 to 100 Unicode word characters or hyphens (Django's {@code \w+}). */
public record RoomName(String value) {

  private static final Pattern VALID =
      Pattern.compile("^[\\w-]{1,100}$", Pattern.UNICODE_CHARACTER_CLASS);

  public RoomName {
    if (!isValid(value)) {
      throw new IllegalArgumentException("Invalid room name");
    }
  }

  public static Optional<RoomName> parse(String value) {
    return isValid(value) ? Optional.of(new RoomName(value)) : Optional.empty();
  }

  private static boolean isValid(String value) {
    // 100 characters of any plane; the room table's column holds them (see V5).
    return value != null && VALID.matcher(value).matches();
  }

  private static final String GROUP_PREFIX = "chat_";

  /** The room's group in the group registry, named {@code chat_<room>} as in Django Channels. */
  public String group() {
    return GROUP_PREFIX + value;
  }

  /** The room whose group this is; empty for a group that is not a room's. */
  public static Optional<RoomName> ofGroup(String group) {
    return group != null && group.startsWith(GROUP_PREFIX)
        ? parse(group.substring(GROUP_PREFIX.length()))
        : Optional.empty();
  }

  @Override
  public String toString() {
    return value;
  }
}
