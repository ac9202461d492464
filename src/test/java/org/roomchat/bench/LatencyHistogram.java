package org.roomchat.bench;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Latencies in microseconds, recorded from many threads without locks: exact below 1 ms, then in
 * buckets 1/64 of a power of two wide (under 2 % error), up to about 70 minutes.
 */
final class LatencyHistogram {

  private static final int LINEAR = 1024;
  private static final int SUB_BUCKETS = 64;
  private static final int OCTAVES = 32;

  private final AtomicLongArray counts = new AtomicLongArray(LINEAR + OCTAVES * SUB_BUCKETS);
  private final AtomicLong total = new AtomicLong();
  private final AtomicLong max = new AtomicLong();

  void record(long micros) {
    long value = Math.max(0, micros);
    counts.incrementAndGet(index(value));
    total.incrementAndGet();
    max.accumulateAndGet(value, Math::max);
  }

  long count() {
    return total.get();
  }

  long maxMicros() {
    return max.get();
  }

  /** The smallest recorded value at or above the given fraction of all values (0 to 1). */
  long percentileMicros(double fraction) {
    long wanted = (long) Math.ceil(fraction * total.get());
    long seen = 0;
    for (int i = 0; i < counts.length(); i++) {
      seen += counts.get(i);
      if (seen >= wanted && seen > 0) {
        return Math.min(upperBound(i), max.get());
      }
    }
    return max.get();
  }

  private static int index(long value) {
    if (value < LINEAR) {
      return (int) value;
    }
    int octave = 63 - Long.numberOfLeadingZeros(value) - 10; // 0 for 1024..2047
    int sub = (int) ((value >>> (octave + 10 - 6)) & (SUB_BUCKETS - 1));
    return LINEAR + Math.min(octave, OCTAVES - 1) * SUB_BUCKETS + sub;
  }

  private static long upperBound(int index) {
    if (index < LINEAR) {
      return index;
    }
    int octave = (index - LINEAR) / SUB_BUCKETS;
    int sub = (index - LINEAR) % SUB_BUCKETS;
    long base = 1L << (octave + 10);
    return base + (sub + 1) * (base / SUB_BUCKETS) - 1;
  }
}
