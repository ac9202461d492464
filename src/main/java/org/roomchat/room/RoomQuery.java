package org.roomchat.room;

import java.util.Optional;

/**
 * Which page of a room list to show: rooms whose name contains {@code nameContains} (without
 * regard to case), if given; the page just older than {@code before}, or else just newer than
 * {@code after}, or else the first page.
 */
public record RoomQuery(
    Optional<String> nameContains, Optional<RoomCursor> before, Optional<RoomCursor> after) {

  public static final RoomQuery FIRST_PAGE =
      new RoomQuery(Optional.empty(), Optional.empty(), Optional.empty());
}
