package org.roomchat.room;

import java.util.Optional;
import java.util.regex.Pattern;

/** A valid room name: 1 to 100 Unicode word characters or hyphens (the guide's {@code \w+}). */
public record RoomName(String value) {

  private static final Pattern VALID =
      Pattern.compile("^[\\w-]{1,100}$", Pattern.UNICODE_CHARACTER_CLASS);

  /**
   * The room table's name column holds 100 characters, which the embedded database counts in
   * UTF-16 units: a name of 100 letters beyond the BMP (such as 𝐀) takes 200.
   */
  private static final int MAX_UTF16_LENGTH = 100;

  public RoomName {
    if (!isValid(value)) {
      throw new IllegalArgumentException("Invalid room name");
    }
  }

  public static Optional<RoomName> parse(String value) {
    return isValid(value) ? Optional.of(new RoomName(value)) : Optional.empty();
  }

  private static boolean isValid(String value) {
    return value != null && value.length() <= MAX_UTF16_LENGTH && VALID.matcher(value).matches();
  }

  private static final String GROUP_PREFIX = "chat_";

  /** The room's group in the group registry, named as the guide names it. */
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
