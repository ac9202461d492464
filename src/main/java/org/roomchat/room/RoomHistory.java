package org.roomchat.room;

import java.util.List;

/** A room's stored messages, read back for clients that were away. */
public interface RoomHistory {

  /** What a reconnecting client missed: oldest first, and whether older ones were left out. */
  record CatchUp(List<StoredMessage> messages, boolean truncated) {}

  /**
   * The messages stored after the given id, oldest first: at most {@code limit}, the newest ones
   * when more were missed.
   */
  CatchUp after(long roomId, long afterId, int limit);

  /**
   * The messages up to the given id that were edited or deleted after it was stored (and perhaps a
   * few before: a client may hear of a change twice), as they are now, the least recently changed
   * first: at most {@code limit}, the most recently changed ones.
   */
  default List<StoredMessage> changedUpTo(long roomId, long afterId, int limit) {
    return List.of();
  }
}
