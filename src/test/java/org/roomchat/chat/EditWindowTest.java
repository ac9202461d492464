package org.roomchat.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.roomchat.protocol.Rejection;

/** The author alone edits, within the window; 0 closes it for every message, -1 never does. */
class EditWindowTest {

  private static final OffsetDateTime SENT =
      OffsetDateTime.of(2026, 12, 8, 3, 0, 0, 0, ZoneOffset.UTC);

  @Test
  void theAuthorEditsWithinTheWindowAndNotAfter() {
    EditWindow window = new EditWindow(900);
    assertNull(window.refusal(true, SENT, SENT));
    assertNull(window.refusal(true, SENT, SENT.plusSeconds(900)));
    assertEquals(Rejection.EDIT_WINDOW_CLOSED, window.refusal(true, SENT, SENT.plusSeconds(901)));
  }

  @Test
  void nobodyElseEditsEvenWithinTheWindow() {
    assertEquals(Rejection.NOT_AUTHOR, new EditWindow(900).refusal(false, SENT, SENT));
    assertEquals(
        Rejection.NOT_AUTHOR, new EditWindow(EditWindow.ALWAYS).refusal(false, SENT, SENT));
    assertEquals(Rejection.NOT_AUTHOR, new EditWindow(0).refusal(false, SENT, SENT));
  }

  @Test
  void aWindowOfZeroClosesEveryEdit() {
    EditWindow closed = new EditWindow(0);
    assertEquals(Rejection.EDIT_WINDOW_CLOSED, closed.refusal(true, SENT, SENT));
    assertEquals(Rejection.EDIT_WINDOW_CLOSED, closed.refusal(true, SENT, SENT.minusSeconds(1)));
  }

  @Test
  void aWindowOfMinusOneNeverCloses() {
    EditWindow always = new EditWindow(EditWindow.ALWAYS);
    assertNull(always.refusal(true, SENT, SENT.plusYears(10)));
  }

  @Test
  void aWindowBelowMinusOneIsNoSetting() {
    assertThrows(IllegalArgumentException.class, () -> new EditWindow(-2));
  }
}
