package org.roomchat.guard;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * At most {@code limit} messages per user in any window of the given length, counted in this
 * process. Each user keeps a ring of their last {@code limit} send times.
 */
public final class SlidingWindowRateLimiter implements RateLimiter {

  private static final int SWEEP_THRESHOLD = 10_000;

  private final int limit;
  private final long windowNanos;
  private final LongSupplier clock;
  private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();

  public SlidingWindowRateLimiter(int limit, Duration window) {
    this(limit, window, System::nanoTime);
  }

  SlidingWindowRateLimiter(int limit, Duration window, LongSupplier clock) {
    this.limit = limit;
    this.windowNanos = window.toNanos();
    this.clock = clock;
  }

  @Override
  public boolean tryAcquire(String user) {
    long now = clock.getAsLong();
    if (windows.size() > SWEEP_THRESHOLD) {
      // Per-key atomic removal: a window in use by a concurrent send is never dropped mid-count.
      for (String idle : windows.keySet()) {
        windows.computeIfPresent(idle, (u, w) -> w.idleSince(now, windowNanos) ? null : w);
      }
    }
    boolean[] allowed = new boolean[1];
    windows.compute(
        user,
        (u, w) -> {
          Window window = w != null ? w : new Window(limit);
          allowed[0] = window.tryAcquire(now, windowNanos);
          return window;
        });
    return allowed[0];
  }

  private static final class Window {
    private final long[] sendTimes;
    private int next;
    private int used;

    Window(int limit) {
      this.sendTimes = new long[limit];
    }

    synchronized boolean tryAcquire(long now, long windowNanos) {
      // sendTimes[next] is the oldest of the last `limit` sends once the ring is full.
      if (used == sendTimes.length && now - sendTimes[next] < windowNanos) {
        return false;
      }
      sendTimes[next] = now;
      next = (next + 1) % sendTimes.length;
      used = Math.min(used + 1, sendTimes.length);
      return true;
    }

    synchronized boolean idleSince(long now, long windowNanos) {
      int newest = (next + sendTimes.length - 1) % sendTimes.length;
      return used == 0 || now - sendTimes[newest] >= windowNanos;
    }
  }
}
