package org.roomchat.room;

import java.util.Objects;

/** An account that may log in and chat, by its id and its stored name. */
public record Person(long id, String username) {
  public Person {
    Objects.requireNonNull(username, "username");
  }
}
