package org.roomchat.room;

import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The name of a room or of a conversation. A room's is 1 to 100 Unicode word characters or hyphens
 * (Django's {@code \w+}); a conversation's is {@code @{low}-{high}}, its two users' account ids in
 * ascending order ({@code @7-7} for a user's notepad), which no room name can be, since {@code @}
 * is not a word character. Only room names come from what people type ({@link #parse});
 * conversation names are made by the server ({@link #conversation}).
 */
public record RoomName(String value) {

  private static final Pattern VALID =
      Pattern.compile("^[\\w-]{1,100}$", Pattern.UNICODE_CHARACTER_CLASS);

  /** Two account ids without leading zeros; {@link #conversationIds} checks their order. */
  private static final Pattern CONVERSATION =
      Pattern.compile("^@([1-9][0-9]{0,18})-([1-9][0-9]{0,18})$");

  public RoomName {
    if (!isValid(value) && conversationIds(value).isEmpty()) {
      throw new IllegalArgumentException("Invalid room name");
    }
  }

  /** A room's name as typed or as a room path names it; never a conversation's. */
  public static Optional<RoomName> parse(String value) {
    return isValid(value) ? Optional.of(new RoomName(value)) : Optional.empty();
  }

  /**
   * A name the server itself keeps (a stored room, a presence key): a room's or a conversation's.
   */
  public static Optional<RoomName> named(String value) {
    return isValid(value) || conversationIds(value).isPresent()
        ? Optional.of(new RoomName(value))
        : Optional.empty();
  }

  /** The conversation between these two users (the same user twice: that user's notepad). */
  public static RoomName conversation(long oneUser, long otherUser) {
    if (oneUser <= 0 || otherUser <= 0) {
      throw new IllegalArgumentException("account ids are positive");
    }
    return new RoomName("@" + Math.min(oneUser, otherUser) + "-" + Math.max(oneUser, otherUser));
  }

  private static boolean isValid(String value) {
    // 100 characters of any plane; the room table's column holds them (see V5).
    return value != null && VALID.matcher(value).matches();
  }

  /** The two ids of a conversation's name, lower first; empty for anything else. */
  private static Optional<long[]> conversationIds(String value) {
    if (value == null) {
      return Optional.empty();
    }
    Matcher ids = CONVERSATION.matcher(value);
    if (!ids.matches()) {
      return Optional.empty();
    }
    try {
      long low = Long.parseLong(ids.group(1));
      long high = Long.parseLong(ids.group(2));
      return low <= high ? Optional.of(new long[] {low, high}) : Optional.empty();
    } catch (NumberFormatException beyondLong) {
      return Optional.empty();
    }
  }

  /** Whether this names a conversation between two users rather than a room. */
  public boolean isConversation() {
    return value.startsWith("@");
  }

  /**
   * In a conversation of this user, the other user's id (the user's own in a notepad); empty for a
   * room, or for a conversation the user is not one of.
   */
  public OptionalLong peerOf(long userId) {
    if (!isConversation()) {
      return OptionalLong.empty(); // a room: asked at every message, so without a regex
    }
    Optional<long[]> ids = conversationIds(value);
    if (ids.isEmpty()) {
      return OptionalLong.empty();
    }
    long low = ids.get()[0];
    long high = ids.get()[1];
    if (userId == low) {
      return OptionalLong.of(high);
    }
    return userId == high ? OptionalLong.of(low) : OptionalLong.empty();
  }

  private static final String GROUP_PREFIX = "chat_";

  /** The room's group in the group registry, named {@code chat_<room>} as in Django Channels. */
  public String group() {
    return GROUP_PREFIX + value;
  }

  /** The room or conversation whose group this is; empty for a group that is neither's. */
  public static Optional<RoomName> ofGroup(String group) {
    return group != null && group.startsWith(GROUP_PREFIX)
        ? named(group.substring(GROUP_PREFIX.length()))
        : Optional.empty();
  }

  @Override
  public String toString() {
    return value;
  }
}
