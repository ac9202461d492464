package org.roomchat.room;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class RoomDirectoryTest {

  @Test
  void aSearchMatchesNamesContainingItWithoutRegardToCase() {
    assertEquals("%lobby%", RoomDirectory.containsPattern("Lobby"));
    assertEquals("%한국어%", RoomDirectory.containsPattern("한국어"));
  }

  @Test
  void likeWildcardsInASearchAreLiteral() {
    assertEquals("%a!_b%", RoomDirectory.containsPattern("a_b"));
    assertEquals("%!%!!%", RoomDirectory.containsPattern("%!"));
  }
}
