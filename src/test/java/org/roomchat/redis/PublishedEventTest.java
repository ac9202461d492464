package org.roomchat.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.roomchat.group.RoomEvent;

class PublishedEventTest {

  @Test
  void aMessageCrossesIntact() {
    RoomEvent event = new RoomEvent("{\"type\":\"message\",\"message\":\"a\\nb\"}", null, 42, 7);
    PublishedEvent decoded = PublishedEvent.decode(new PublishedEvent("node-1", event).encode());
    assertEquals("node-1", decoded.origin());
    assertEquals(event, decoded.event());
  }

  @Test
  void theExcludedUserCrossesIntact() {
    RoomEvent typing = new RoomEvent("{\"type\":\"typing\"}", "bob", 0);
    assertEquals(typing, PublishedEvent.decode(new PublishedEvent("n", typing).encode()).event());
  }

  @Test
  void jsonWithLineBreaksStaysWhole() {
    RoomEvent event = RoomEvent.of("{\n\"type\": \"user_join\"\n}");
    assertEquals(event, PublishedEvent.decode(new PublishedEvent("n", event).encode()).event());
  }

  @Test
  void theOriginIsReadWithoutDecoding() {
    String wire = new PublishedEvent("node-1", RoomEvent.of("{}")).encode();
    assertTrue(PublishedEvent.isFrom(wire, "node-1"));
    assertFalse(PublishedEvent.isFrom(wire, "node-"));
    assertFalse(PublishedEvent.isFrom(wire, "node-10"));
  }

  @Test
  void aStoredUpToNoteIsNoEvent() {
    PublishedEvent note = PublishedEvent.decode(PublishedEvent.storedUpTo("node-1", 17).encode());
    assertTrue(note.isStoredUpTo());
    assertEquals(17, note.event().seq());
    RoomEvent message = new RoomEvent("{}", null, 5, 17);
    assertFalse(PublishedEvent.decode(new PublishedEvent("n", message).encode()).isStoredUpTo());
    PublishedEvent empty = new PublishedEvent("n", RoomEvent.of(""));
    assertFalse(PublishedEvent.decode(empty.encode()).isStoredUpTo());
  }

  @Test
  void garbageIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> PublishedEvent.decode("no lines"));
  }

  @Test
  void newsAboutAMessageCrossesWithTheMessagesNumber() {
    RoomEvent edited = RoomEvent.following(7, "{\"type\":\"message_edited\"}");
    PublishedEvent decoded = PublishedEvent.decode(new PublishedEvent("n", edited).encode());
    assertEquals(edited, decoded.event());
    assertEquals(7, decoded.event().follows());
    assertFalse(decoded.isStoredUpTo());
  }
}
