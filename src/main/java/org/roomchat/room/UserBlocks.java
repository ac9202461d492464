package org.roomchat.room;

/**
 * Who blocks whom. Read where a message is sent, from the store itself, so a block holds on every
 * node from the moment it is written.
 */
public interface UserBlocks {

  /** Whether {@code blockerId} blocks {@code blockedId}. */
  boolean blocks(long blockerId, long blockedId);

  /** The blocker blocks the other user from now on; false when it already did. */
  boolean block(long blockerId, long blockedId);

  /** The blocker no longer blocks the other user; false when it did not. */
  boolean unblock(long blockerId, long blockedId);
}
