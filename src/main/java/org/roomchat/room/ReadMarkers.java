package org.roomchat.room;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Members' read markers and what they have not read: rooms and conversations alike. */
public interface ReadMarkers {

  /** How moving a marker ended. */
  sealed interface Marking {}

  /** The id is not a message of the room: nothing changed. */
  record NotInRoom() implements Marking {}

  /** The marker was there or further already (or the user is no member): nothing changed. */
  record Unchanged() implements Marking {}

  /**
   * The marker moved to {@code readSeq}; {@code lastSeq}, {@code lastMessageId} and {@code
   * mentions} as read in the same transaction, after the move.
   */
  record Moved(long readSeq, long lastSeq, long lastMessageId, long mentions) implements Marking {}

  /** Moves the user's marker in the room to the message, if it is one of the room's and further. */
  Marking markRead(long roomId, long userId, long messageId);

  /** What the user has not read in every room and conversation the user is a member of. */
  List<UnreadCount> unread(Person member);

  /** What the user has not read in each conversation that has messages. */
  List<UnreadCount> conversations(Person member);

  /** The same for one room or conversation; empty when the user is not a member. */
  Optional<UnreadCount> unread(Person member, long roomId);

  /** The user's markers in those of the rooms the user is a member of, by room id. */
  Map<Long, Long> markers(long userId, Collection<Long> roomIds);

  /**
   * The two members of a conversation, as user ids (the same id twice for a notepad); empty for a
   * room that is not a conversation, or no room at all.
   */
  Optional<List<Long>> conversationMembers(long roomId);
}
