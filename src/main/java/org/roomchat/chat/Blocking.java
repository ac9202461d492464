package org.roomchat.chat;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.roomchat.room.Person;
import org.roomchat.room.UserBlocks;

/**
 * One user blocking another, and lifting it: while it lasts, the blocked user's messages and typing
 * in their conversation reach nobody ({@link RoomChat} asks at each one), and the blocker's still
 * reach the blocked user. Nobody blocks themselves.
 */
@ApplicationScoped
public class Blocking {

  @Inject UserBlocks blocks;

  /** How a request to block or unblock ended. */
  public enum Outcome {
    /** Made, or nothing to make (already so). */
    DONE,
    /** The user named itself. */
    SELF
  }

  /** The blocker blocks the other user from now on. */
  public Outcome block(Person blocker, Person blocked) {
    if (blocker.id() == blocked.id()) {
      return Outcome.SELF;
    }
    blocks.block(blocker.id(), blocked.id());
    return Outcome.DONE;
  }

  /** The blocker no longer blocks the other user. */
  public Outcome unblock(Person blocker, Person blocked) {
    if (blocker.id() == blocked.id()) {
      return Outcome.SELF;
    }
    blocks.unblock(blocker.id(), blocked.id());
    return Outcome.DONE;
  }

  /** Whether the blocker blocks the other user now. */
  public boolean blocks(Person blocker, Person blocked) {
    return blocker.id() != blocked.id() && blocks.blocks(blocker.id(), blocked.id());
  }
}
