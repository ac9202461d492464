package org.roomchat.room;

import java.time.OffsetDateTime;
import java.util.Optional;

/** Edits and deletions of stored messages, and what deciding on them needs. */
public interface MessageRevisions {

  /** A message that may still change: not deleted; its author and when it was sent. */
  record Target(long id, long seq, long authorId, String author, OffsetDateTime createdAt) {}

  /** The message of this room with this id, unless it is deleted or in another room. */
  Optional<Target> find(long roomId, long messageId);

  /**
   * Replaces the message's text, stamping it edited at {@code now}; false when it was deleted
   * meanwhile (nothing changed then).
   */
  boolean edit(long roomId, long messageId, String text, OffsetDateTime now);

  /** Empties the message's text for good, keeping its place; false when it was deleted already. */
  boolean delete(long roomId, long messageId, OffsetDateTime now);

  /** Whether the user is a site admin, as the database says now. */
  boolean isAdmin(long userId);
}
