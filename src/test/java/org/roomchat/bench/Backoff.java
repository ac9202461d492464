package org.roomchat.bench;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntToLongFunction;

/**
 * How long a client waits before it tries again after a failure, by the failures in a row: the room
 * page's delays (static/room.js), or always the same time.
 */
final class Backoff {

  /** The wait in milliseconds after this many failures in a row. */
  private final IntToLongFunction delays;

  private int failures;

  private Backoff(IntToLongFunction delays) {
    this.delays = delays;
  }

  /**
   * As the room page: a ceiling doubling with each failure since the last success, from 1 s up to
   * 15 s, and a wait of half the ceiling plus a random part of the other half.
   */
  static Backoff roomPage() {
    return new Backoff(
        failures -> {
          long ceiling = Math.min(15_000, 1000L << Math.min(Math.max(failures - 1, 0), 10));
          return ceiling / 2 + ThreadLocalRandom.current().nextLong(ceiling / 2 + 1);
        });
  }

  /** The same wait after every failure. */
  static Backoff fixed(Duration wait) {
    return new Backoff(failures -> wait.toMillis());
  }

  /** Counts a failure and says how long to wait before the next try, in milliseconds. */
  synchronized long failed() {
    return delays.applyAsLong(++failures);
  }

  /** A success: the next failure is the first again. */
  synchronized void succeeded() {
    failures = 0;
  }
}
