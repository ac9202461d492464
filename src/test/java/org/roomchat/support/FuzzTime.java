package org.roomchat.support;

import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * While fuzzing ({@code JAZZER_FUZZ} set), an input that takes seconds is a finding: code that
 * answers a client's text must not cost more than a blink, however the text is made. Replaying
 * the seed inputs in a normal test run does not time them, as that run shares a busy machine.
 */
public final class FuzzTime {

  private static final boolean FUZZING = !System.getenv().getOrDefault("JAZZER_FUZZ", "").isEmpty();
  private static final long LIMIT_NANOS = TimeUnit.SECONDS.toNanos(2);

  private FuzzTime() {}

  public static <T> T quick(Supplier<T> work) {
    if (!FUZZING) {
      return work.get();
    }
    long start = System.nanoTime();
    T result = work.get();
    if (System.nanoTime() - start > LIMIT_NANOS) {
      // The first pass may have loaded and instrumented classes: an input is slow if it is slow
      // again.
      start = System.nanoTime();
      work.get();
      long took = System.nanoTime() - start;
      if (took > LIMIT_NANOS) {
        throw new AssertionError("took " + TimeUnit.NANOSECONDS.toMillis(took) + " ms");
      }
    }
    return result;
  }
}
