package org.roomchat.room;

/**
 * A member's place in a room, from the most rights to the fewest: {@code owner}, {@code
 * moderator}, {@code member}.
 */
public enum MemberRole implements LowerCaseName {
  /** Started the room; cannot be removed or demoted. */
  OWNER,
  /** Adds and removes members. */
  MODERATOR,
  /** Reads and writes. */
  MEMBER
}
