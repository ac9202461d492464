package org.roomchat.room;

import java.util.Optional;

/**
 * The rooms by name: finding one, and starting one, within the starter's limit of new rooms; and
 * the conversations between two users, which are rooms of their own kind.
 */
public interface RoomCatalog {

  /** How a request to start a room ended. */
  enum Creation {
    CREATED,
    /** A room of that name exists, public or private; nothing was created. */
    TAKEN,
    /** The user may not start another room yet ({@link RoomCreationLimit}); nothing was created. */
    TOO_MANY
  }

  /** The room of this name, if there is one. */
  Optional<RoomFacts> find(RoomName name);

  /**
   * The room of this name; when there is none, a new public room started by the person, who owns
   * it. Empty, with nothing created, when the room is new and the person may not start one now.
   */
  Optional<RoomFacts> enter(RoomName name, Person person);

  /** Starts a room owned by the person, unless the name is taken or the limit reached. */
  Creation create(RoomName name, RoomVisibility visibility, Person owner);

  /**
   * The conversation between the two people, both its members; started now when there is none (the
   * same person twice: that person's notepad). Two starts at once, on any nodes, make one.
   */
  RoomFacts startConversation(Person one, Person other);

  /**
   * Deletes the room (never a conversation) with everything of it: its messages, members, read
   * markers, mentions and restrictions. True when it was there.
   */
  boolean delete(RoomFacts room);

  /** Forgets what this node knows of the room of this name, which was deleted. */
  void forget(RoomName name);
}
