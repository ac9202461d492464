package org.roomchat.chat;

import java.time.Duration;
import org.roomchat.guard.SlidingWindow;

/**
 * What one connection's client may send: so many frames of any kind per window, and so many bad or
 * excess ones (each answered with an error frame) per a longer window; one more of those is a
 * flood, and the connection is closed. Created per connection.
 */
public final class FrameBudget {

  private final SlidingWindow frames;
  private final long framesWindowNanos;
  private final SlidingWindow faults;
  private final long faultsWindowNanos;
  private boolean flooded;

  FrameBudget(int frames, Duration framesWindow, int faults, Duration faultsWindow) {
    this.frames = new SlidingWindow(frames);
    this.framesWindowNanos = framesWindow.toNanos();
    this.faults = new SlidingWindow(faults);
    this.faultsWindowNanos = faultsWindow.toNanos();
  }

  /** Counts a frame received at {@code now} (nanoseconds); false when it is over the budget. */
  boolean admit(long now) {
    return frames.tryAcquire(now, framesWindowNanos);
  }

  /**
   * Counts a bad or excess frame; true when it is one too many, which it is once: the connection
   * is to be closed, and what the client sends meanwhile is ignored.
   */
  synchronized boolean fault(long now) {
    if (flooded || faults.tryAcquire(now, faultsWindowNanos)) {
      return false;
    }
    flooded = true;
    return true;
  }

  /** Whether the client flooded: its frames are ignored until the connection is closed. */
  synchronized boolean flooded() {
    return flooded;
  }
}
