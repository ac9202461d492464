package org.roomchat.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.roomchat.room.UnreadCount;

/** The counting rules of one user's unread counts, as notices come in any order and twice. */
class UnreadBookTest {

  private static final long ROOM = 7;
  private final UnreadBook book = new UnreadBook(1);

  /** The room as read from the database: marker, newest message, mentions after the marker. */
  private UnreadBook.Page load(long readSeq, long lastSeq, long mentions) {
    return book.load(
        new UnreadCount(
            ROOM, "lobby", UnreadCount.Place.PUBLIC_ROOM, readSeq, lastSeq, 0, mentions));
  }

  private UnreadBook.Page page() {
    return book.page(ROOM).orElseThrow();
  }

  @Test
  void unreadIsTheRoomsNewestPlaceMinusTheMarker() {
    load(3, 10, 0);
    assertEquals(7, page().unread(10));
    assertEquals(9, page().unread(12));
    assertEquals(0, page().unread(2)); // never below zero
  }

  @Test
  void ownMessageReadsTheRoomAndItsMentions() {
    load(3, 10, 2);
    assertTrue(book.stored(ROOM, 11, false, true));
    assertEquals(3, page().mentions());

    assertTrue(book.stored(ROOM, 12, true, false));

    assertEquals(0, page().unread(12));
    assertEquals(0, page().mentions());
    assertFalse(book.stored(ROOM, 12, true, false)); // the same notice again
  }

  @Test
  void aMentionCountsOnceAndOnlyAfterTheMarkerAndWhatTheDatabaseCounted() {
    load(3, 10, 1);

    assertFalse(book.stored(ROOM, 9, false, true)); // counted by the database already
    assertFalse(book.stored(ROOM, 11, false, false)); // no mention: only the unread count moves
    assertTrue(book.stored(ROOM, 12, false, true));
    assertFalse(book.stored(ROOM, 12, false, true)); // heard twice (this node, then Redis)

    assertEquals(2, page().mentions());
  }

  @Test
  void messagesArrivingOutOfOrderAreAllCounted() {
    load(0, 0, 0);
    assertTrue(book.stored(ROOM, 3, false, true));
    assertTrue(book.stored(ROOM, 2, false, true));
    assertTrue(book.stored(ROOM, 1, false, true));
    assertEquals(3, page().mentions());
  }

  @Test
  void aReadMovesTheMarkerForwardOnlyAndTakesTheDatabasesCount() {
    load(3, 10, 4);
    book.stored(ROOM, 11, false, true);
    book.stored(ROOM, 12, false, true);

    // The reader read up to 11; the database counted one mention after it, up to 12.
    assertTrue(book.read(ROOM, 11, 1, 12));
    assertEquals(1, page().mentions());
    assertEquals(1, page().unread(12));

    assertFalse(book.read(ROOM, 5, 4, 12)); // an older read: the marker never goes back
    assertEquals(11, page().readSeq());
    assertEquals(1, page().mentions());

    // A mention stored after the read's count is added to it; one before it is not.
    assertTrue(book.stored(ROOM, 13, false, true));
    assertFalse(book.stored(ROOM, 12, false, true));
    assertEquals(2, page().mentions());
  }

  @Test
  void anOwnMessageOlderThanTheMarkerChangesNothing() {
    load(3, 10, 0);
    book.read(ROOM, 10, 0, 10);
    assertFalse(book.stored(ROOM, 8, true, false));
    assertEquals(10, page().readSeq());
  }

  @Test
  void unreadMentionPlacesAreCappedButStillCounted() {
    load(0, 0, 0);
    for (long seq = 1; seq <= UnreadBook.MAX_MENTION_PLACES + 5; seq++) {
      book.stored(ROOM, seq, false, true);
    }
    assertEquals(UnreadBook.MAX_MENTION_PLACES + 5, page().mentions());

    book.stored(ROOM, UnreadBook.MAX_MENTION_PLACES + 6, true, false); // posting reads them all
    assertEquals(0, page().mentions());
  }

  @Test
  void aRoomLeftIsForgotten() {
    load(3, 10, 0);
    assertTrue(book.remove(ROOM).isPresent());
    assertFalse(book.stored(ROOM, 11, false, true));
    assertTrue(book.page(ROOM).isEmpty());
  }
}
