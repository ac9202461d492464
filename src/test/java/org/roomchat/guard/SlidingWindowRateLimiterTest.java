package org.roomchat.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Five messages per user per second, on a clock the test moves by hand. */
class SlidingWindowRateLimiterTest {

  private static final long MS = 1_000_000L;

  private final AtomicLong now = new AtomicLong(1_000 * MS);
  private final SlidingWindowRateLimiter limiter =
      new SlidingWindowRateLimiter(5, Duration.ofSeconds(1), now::get);

  private void at(long millis) {
    now.set(1_000 * MS + millis * MS);
  }

  private int allowed(String user, int attempts) {
    int allowed = 0;
    for (int i = 0; i < attempts; i++) {
      if (limiter.tryAcquire(user)) {
        allowed++;
      }
    }
    return allowed;
  }

  @Test
  void fivePerWindowAreAllowedAndTheSixthIsRefused() {
    for (int i = 0; i < 5; i++) {
      assertTrue(limiter.tryAcquire("alice"), "message " + (i + 1));
    }
    assertFalse(limiter.tryAcquire("alice"));
  }

  @Test
  void theWindowSlidesOneSendAtATime() {
    for (int t = 0; t < 500; t += 100) {
      at(t);
      assertTrue(limiter.tryAcquire("alice"), "send at " + t + " ms");
    }
    at(999);
    assertFalse(limiter.tryAcquire("alice"), "five sends in the last second");
    at(1000);
    assertTrue(limiter.tryAcquire("alice"), "the send at 0 ms has left the window");
    at(1050);
    assertFalse(limiter.tryAcquire("alice"), "the send at 100 ms is still inside");
    at(1100);
    assertTrue(limiter.tryAcquire("alice"), "the send at 100 ms has left the window");
  }

  @Test
  void refusedAttemptsDoNotCount() {
    assertEquals(5, allowed("alice", 5));
    at(500);
    assertEquals(0, allowed("alice", 50), "a flood half a second later is refused");
    at(1000);
    // Had the refused attempts at 500 ms been recorded, these would be refused too.
    assertEquals(5, allowed("alice", 10));
  }

  @Test
  void usersAreCountedSeparately() {
    assertEquals(5, allowed("alice", 10));
    assertEquals(5, allowed("bob", 10));
    assertEquals(5, allowed("민수", 10));
    assertFalse(limiter.tryAcquire("alice"));
  }

  @Test
  void aFullWindowLaterEveryoneStartsAfresh() {
    assertEquals(5, allowed("alice", 5));
    at(60_000);
    assertEquals(5, allowed("alice", 10));
  }

  @Test
  void concurrentCallersNeverExceedTheLimit() throws Exception {
    int threads = 8;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      for (int round = 0; round < 20; round++) {
        at(round * 1000L); // each round is a new window
        assertEquals(5, allowedConcurrently(pool, threads, "alice", 200), "round " + round);
      }
    } finally {
      pool.shutdownNow();
      assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
    }
  }

  @Test
  void concurrentUsersEachGetTheirOwnLimit() throws Exception {
    int threads = 8;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<Integer>> results = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        String user = "user" + (t % 4); // two threads per user
        results.add(
            pool.submit(
                () -> {
                  go.await();
                  return allowed(user, 100);
                }));
      }
      go.countDown();
      int total = 0;
      for (Future<Integer> result : results) {
        total += result.get(10, TimeUnit.SECONDS);
      }
      assertEquals(4 * 5, total);
    } finally {
      pool.shutdownNow();
      assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
    }
  }

  @Test
  void sweepingIdleUsersKeepsAnActiveUserLimited() {
    // Past 10,000 users the limiter forgets idle ones; a user inside their window must stay
    // limited.
    for (int i = 0; i < 10_050; i++) {
      limiter.tryAcquire("idle" + i);
    }
    at(1_500);
    assertEquals(5, allowed("alice", 5));
    at(1_600);
    assertFalse(limiter.tryAcquire("alice"), "the sweep at 1,500 ms kept alice's window");
    assertEquals(5, allowed("idle1", 10), "a swept user starts afresh");
  }

  @Test
  void aFloodOfNewKeysSweepsAtMostOncePerInterval() {
    for (int i = 0; i < 10_050; i++) {
      limiter.tryAcquire("idle" + i);
    }
    at(1_500);
    limiter.tryAcquire("first"); // sweeps the 10,050 idle keys
    assertEquals(1, limiter.size());
    for (int i = 0; i < 10_050; i++) {
      limiter.tryAcquire("new" + i);
    }
    at(2_400);
    limiter.tryAcquire("late");
    assertEquals(10_052, limiter.size(), "the next sweep waits a second after the last");
    at(2_600);
    limiter.tryAcquire("later");
    assertEquals(2, limiter.size(), "then the keys idle for a window go");
  }

  @Test
  void retryAfterTellsWhenTheOldestEventLeavesTheWindow() {
    assertEquals(Duration.ZERO, limiter.retryAfter("alice"), "unknown keys wait for nothing");
    for (int t = 0; t < 500; t += 100) {
      at(t);
      limiter.tryAcquire("alice");
    }
    at(700);
    assertEquals(Duration.ofMillis(300), limiter.retryAfter("alice"));
    assertEquals(Duration.ofMillis(300), limiter.retryAfter("alice"), "asking counts nothing");
    at(1000);
    assertEquals(Duration.ZERO, limiter.retryAfter("alice"));
  }

  @Test
  void recordedEventsCountEvenPastTheLimit() {
    for (int i = 0; i < 5; i++) {
      limiter.record("alice");
    }
    assertFalse(limiter.tryAcquire("alice"));
    at(500);
    for (int i = 0; i < 5; i++) {
      limiter.record("alice"); // five more failures, all past the limit
    }
    at(1000);
    assertEquals(Duration.ofMillis(500), limiter.retryAfter("alice"));
    assertFalse(limiter.tryAcquire("alice"));
    at(1500);
    assertTrue(limiter.tryAcquire("alice"));
  }

  private int allowedConcurrently(ExecutorService pool, int threads, String user, int attemptsEach)
      throws Exception {
    CountDownLatch ready = new CountDownLatch(threads);
    CountDownLatch go = new CountDownLatch(1);
    AtomicInteger allowed = new AtomicInteger();
    List<Future<?>> done = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      done.add(
          pool.submit(
              () -> {
                ready.countDown();
                go.await();
                for (int i = 0; i < attemptsEach; i++) {
                  if (limiter.tryAcquire(user)) {
                    allowed.incrementAndGet();
                  }
                }
                return null;
              }));
    }
    assertTrue(ready.await(10, TimeUnit.SECONDS));
    go.countDown();
    for (Future<?> future : done) {
      future.get(10, TimeUnit.SECONDS);
    }
    return allowed.get();
  }
}
