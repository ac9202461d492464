package org.roomchat.chat;

import java.time.Duration;
import java.time.OffsetDateTime;
import org.roomchat.protocol.Rejection;

/**
 * Who may edit a message, and until when: its author alone, within the window after sending it
 * ({@code CHAT_EDIT_WINDOW_SECONDS}: 0 closes it for every message, -1 keeps it open for good).
 */
public final class EditWindow {

  /** The window that never closes. */
  public static final long ALWAYS = -1;

  private final long seconds;

  public EditWindow(long seconds) {
    if (seconds < ALWAYS) {
      throw new IllegalArgumentException("an edit window of " + seconds + " s");
    }
    this.seconds = seconds;
  }

  /**
   * Why the actor may not edit a message the author sent at {@code sentAt}, asked at {@code now};
   * null when the edit may be made.
   */
  public Rejection refusal(boolean author, OffsetDateTime sentAt, OffsetDateTime now) {
    if (!author) {
      return Rejection.NOT_AUTHOR;
    }
    if (seconds == ALWAYS) {
      return null;
    }
    if (seconds == 0 || Duration.between(sentAt, now).compareTo(Duration.ofSeconds(seconds)) > 0) {
      return Rejection.EDIT_WINDOW_CLOSED;
    }
    return null;
  }
}
