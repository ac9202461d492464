package org.roomchat.guard;

/**
 * The last {@code limit} event times of one key, in a ring: an event is within the limit when the
 * oldest of them has left the window. Memory is fixed by the limit, whatever the event rate.
 */
public final class SlidingWindow {

  private final long[] eventTimes;
  private int next;
  private int used;

  public SlidingWindow(int limit) {
    this.eventTimes = new long[limit];
  }

  /** Counts an event at {@code now} (nanoseconds) if the window allows it. */
  public synchronized boolean tryAcquire(long now, long windowNanos) {
    if (waitNanos(now, windowNanos) > 0) {
      return false;
    }
    record(now);
    return true;
  }

  /** Nanoseconds until an event would be allowed; zero if now. */
  public synchronized long waitNanos(long now, long windowNanos) {
    if (used < eventTimes.length) {
      return 0;
    }
    // eventTimes[next] is the oldest of the last `limit` events once the ring is full.
    return Math.max(0, eventTimes[next] + windowNanos - now);
  }

  /** Counts an event at {@code now}, pushing out the oldest once the ring is full. */
  public synchronized void record(long now) {
    eventTimes[next] = now;
    next = (next + 1) % eventTimes.length;
    used = Math.min(used + 1, eventTimes.length);
  }

  synchronized boolean idleSince(long now, long windowNanos) {
    int newest = (next + eventTimes.length - 1) % eventTimes.length;
    return used == 0 || now - eventTimes[newest] >= windowNanos;
  }
}
