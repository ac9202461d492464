package org.roomchat.room;

import java.util.Objects;

/** A room's member as lists show it: the stored name and the role there. */
public record Member(String username, MemberRole role) {
  public Member {
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(role, "role");
  }
}
