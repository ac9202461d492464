package org.roomchat.chat;

import org.roomchat.room.LowerCaseName;

/**
 * A change to a room's members that a request may ask for, named in forms {@code add}, {@code
 * remove}, {@code promote} and {@code demote}.
 */
public enum MemberAction implements LowerCaseName {
  /** Makes a user a member. */
  ADD,
  /** Ends a user's membership; a member's own is leaving. */
  REMOVE,
  /** Makes a member a moderator. */
  PROMOTE,
  /** Makes a moderator a plain member again. */
  DEMOTE
}
