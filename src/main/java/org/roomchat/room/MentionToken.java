package org.roomchat.room;

import java.util.List;

/**
 * One {@code @name} in a message's text, as the keys of the usernames it may stand for (compared as
 * usernames are), longest first: {@code @bob.} may mean {@code bob.} or {@code bob}. The longest
 * that names a reader of the room is the one mentioned.
 */
public record MentionToken(List<String> keys) {
  public MentionToken {
    keys = List.copyOf(keys);
  }
}
