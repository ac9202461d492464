package org.roomchat.guard;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/** A {@link RateLimiter} counted in this process: one {@link SlidingWindow} per key. */
public final class SlidingWindowRateLimiter implements RateLimiter {

  private static final int SWEEP_THRESHOLD = 10_000;

  private final int limit;
  private final long windowNanos;
  private final LongSupplier clock;
  private final ConcurrentHashMap<String, SlidingWindow> windows = new ConcurrentHashMap<>();
  private volatile long nextSweep;

  public SlidingWindowRateLimiter(int limit, Duration window) {
    this(limit, window, System::nanoTime);
  }

  SlidingWindowRateLimiter(int limit, Duration window, LongSupplier clock) {
    this.limit = limit;
    this.windowNanos = window.toNanos();
    this.clock = clock;
    this.nextSweep = clock.getAsLong();
  }

  @Override
  public boolean tryAcquire(String key) {
    long now = sweepIfDue();
    boolean[] allowed = new boolean[1];
    windows.compute(
        key,
        (k, w) -> {
          SlidingWindow window = w != null ? w : new SlidingWindow(limit);
          allowed[0] = window.tryAcquire(now, windowNanos);
          return window;
        });
    return allowed[0];
  }

  @Override
  public Duration retryAfter(String key) {
    SlidingWindow window = windows.get(key);
    return window == null
        ? Duration.ZERO
        : Duration.ofNanos(window.waitNanos(clock.getAsLong(), windowNanos));
  }

  @Override
  public void record(String key) {
    long now = sweepIfDue();
    windows.compute(
        key,
        (k, w) -> {
          SlidingWindow window = w != null ? w : new SlidingWindow(limit);
          window.record(now);
          return window;
        });
  }

  /**
   * Drops idle keys once there are many, at most a few times per window: a flood of new keys
   * (addresses, names) costs one scan per quarter window, not one per event.
   */
  private long sweepIfDue() {
    long now = clock.getAsLong();
    if (windows.size() > SWEEP_THRESHOLD && now - nextSweep >= 0) {
      nextSweep = now + Math.max(windowNanos / 4, 1_000_000_000L);
      // Per-key atomic removal: a window in use by a concurrent event is never dropped mid-count.
      for (String idle : windows.keySet()) {
        windows.computeIfPresent(idle, (k, w) -> w.idleSince(now, windowNanos) ? null : w);
      }
    }
    return now;
  }

  int size() {
    return windows.size();
  }
}
