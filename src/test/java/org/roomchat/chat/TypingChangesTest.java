package org.roomchat.chat;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.roomchat.room.RoomName;

class TypingChangesTest {

  private static final long MS = Duration.ofMillis(1).toNanos();
  private static final RoomName LOBBY = new RoomName("lobby");

  private final TypingChanges typing = new TypingChanges(2);

  @Test
  void onlyChangesAreForwardedAndRepeatsAreDropped() {
    typing.joined(LOBBY, "alice");
    assertFalse(typing.forward(LOBBY, "alice", false, 0), "not typing is no change at first");
    assertTrue(typing.forward(LOBBY, "alice", true, 10 * MS));
    assertFalse(typing.forward(LOBBY, "alice", true, 20 * MS));
    assertFalse(typing.forward(LOBBY, "alice", true, 30 * MS));
    assertTrue(typing.forward(LOBBY, "alice", false, 40 * MS));
    assertFalse(typing.forward(LOBBY, "alice", false, 50 * MS));
  }

  @Test
  void startsAreLimitedPerSecondButAStopIsNeverHeldBack() {
    typing.joined(LOBBY, "alice");
    assertTrue(typing.forward(LOBBY, "alice", true, 0));
    assertTrue(typing.forward(LOBBY, "alice", false, 100 * MS));
    assertFalse(typing.forward(LOBBY, "alice", true, 200 * MS), "a third change within a second");
    assertFalse(typing.forward(LOBBY, "alice", false, 300 * MS), "no change: the room saw the stop");
    assertTrue(typing.forward(LOBBY, "alice", true, 1_000 * MS), "the first change left the window");
    assertTrue(typing.forward(LOBBY, "alice", false, 1_050 * MS), "a stop after a start");
  }

  @Test
  void aUsersConnectionsToARoomShareOneState() {
    typing.joined(LOBBY, "alice");
    typing.joined(LOBBY, "alice");
    assertTrue(typing.forward(LOBBY, "alice", true, 0));
    typing.left(LOBBY, "alice");
    assertFalse(typing.forward(LOBBY, "alice", true, 10 * MS), "the other tab is still typing");
    typing.left(LOBBY, "alice");
    assertFalse(typing.forward(LOBBY, "alice", true, 20 * MS), "no connection left in the room");
  }

  @Test
  void usersAndRoomsAreApart() {
    RoomName other = new RoomName("other");
    typing.joined(LOBBY, "alice");
    typing.joined(LOBBY, "bob");
    typing.joined(other, "alice");
    assertTrue(typing.forward(LOBBY, "alice", true, 0));
    assertTrue(typing.forward(LOBBY, "bob", true, 0));
    assertTrue(typing.forward(other, "alice", true, 0));
  }
}
