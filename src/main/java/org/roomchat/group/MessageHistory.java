package org.roomchat.group;

import java.time.Instant;
import java.util.List;

/** A group's stored chat messages, as events, for putting live delivery in order. */
public interface MessageHistory {

  /** The sequence number of the group's newest stored message; 0 before the first. */
  long lastSeq(String group);

  /**
   * The group's stored messages numbered {@code fromSeq} to {@code toSeq}, both included, oldest
   * first: at most {@code limit}.
   */
  List<RoomEvent> between(String group, long fromSeq, long toSeq, int limit);

  /**
   * News of the group's messages edited or deleted since {@code since}, as they are now, the least
   * recently changed first: at most {@code limit}, the most recently changed ones.
   */
  default List<RoomEvent> changedSince(String group, Instant since, int limit) {
    return List.of();
  }
}
