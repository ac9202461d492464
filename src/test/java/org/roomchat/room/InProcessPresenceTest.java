package org.roomchat.room;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InProcessPresenceTest {

  @Test
  void onlineCountsCountUsersNotConnectionsAndAnswerEveryRoomAsked() {
    InProcessPresence presence = new InProcessPresence();
    RoomName lobby = new RoomName("lobby");
    RoomName quiet = new RoomName("quiet");
    RoomName other = new RoomName("other");
    presence.enter(lobby, "alice");
    presence.enter(lobby, "alice"); // a second tab
    presence.enter(lobby, "bob");
    presence.enter(other, "carol");
    assertEquals(Map.of(lobby, 2, quiet, 0), presence.onlineCounts(List.of(lobby, quiet)));
    presence.leave(lobby, "bob");
    assertEquals(Map.of(lobby, 1), presence.onlineCounts(List.of(lobby)));
    assertEquals(Map.of(), presence.onlineCounts(List.of()));
  }
}
