package org.roomchat.redis;

import java.util.Objects;
import org.roomchat.group.RoomEvent;

/**
 * A room event as it crosses Redis: the node that sent it, then the event. Five fields on lines of
 * their own, the JSON last (it may contain anything), so encoding is one string concatenation. The
 * sequence field of news about a message (an edit, a deletion) reads {@code 0/seq}, {@code seq}
 * being the message's: every other event crosses exactly as before news existed.
 *
 * @param origin the node id of the sender, which ignores its own events when they come back
 * @param event the event, intact
 */
record PublishedEvent(String origin, RoomEvent event) {

  PublishedEvent {
    Objects.requireNonNull(origin, "origin");
    Objects.requireNonNull(event, "event");
  }

  /**
   * A note that the group's messages up to {@code seq} are stored, so a node that missed some of
   * them reads them from the database: sent by a node whose link to Redis came back, as messages it
   * published meanwhile may have gone nowhere.
   */
  static PublishedEvent storedUpTo(String origin, long seq) {
    return new PublishedEvent(origin, new RoomEvent("", null, 0, seq));
  }

  /** Whether this is a {@link #storedUpTo} note rather than an event for members. */
  boolean isStoredUpTo() {
    return event.messageId() == 0 && event.seq() > 0 && event.json().isEmpty();
  }

  String encode() {
    String excluded = event.excludedUser() == null ? "" : event.excludedUser();
    return origin
        + '\n'
        + excluded
        + '\n'
        + event.messageId()
        + '\n'
        + (event.isFollower() ? "0/" + event.follows() : String.valueOf(event.seq()))
        + '\n'
        + event.json();
  }

  static PublishedEvent decode(String wire) {
    int afterOrigin = wire.indexOf('\n');
    int afterExcluded = wire.indexOf('\n', afterOrigin + 1);
    int afterId = wire.indexOf('\n', afterExcluded + 1);
    int afterSeq = wire.indexOf('\n', afterId + 1);
    if (afterOrigin < 0 || afterExcluded < 0 || afterId < 0 || afterSeq < 0) {
      throw new IllegalArgumentException("not a room event");
    }
    String excluded = wire.substring(afterOrigin + 1, afterExcluded);
    String seq = wire.substring(afterId + 1, afterSeq);
    boolean follower = seq.startsWith("0/");
    return new PublishedEvent(
        wire.substring(0, afterOrigin),
        new RoomEvent(
            wire.substring(afterSeq + 1),
            excluded.isEmpty() ? null : excluded,
            Long.parseLong(wire.substring(afterExcluded + 1, afterId)),
            follower ? 0 : Long.parseLong(seq),
            follower ? Long.parseLong(seq.substring(2)) : 0));
  }

  /** Whether the wire text came from the given node, without decoding the rest. */
  static boolean isFrom(String wire, String node) {
    return wire.length() > node.length()
        && wire.charAt(node.length()) == '\n'
        && wire.startsWith(node);
  }
}
