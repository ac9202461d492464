package org.roomchat.guard;

import java.time.Duration;

/**
 * At most so many events per key in any window of time: messages per user, failed logins per
 * account or address, sign-ups per address, new rooms and conversations per user. Each is injected
 * by its {@link Limit}, counted in this process or, when Redis is configured, shared by all nodes.
 */
public interface RateLimiter {

  /** Counts one event if it is within the limit and answers whether it was; refusals count not. */
  boolean tryAcquire(String key);

  /** How long until {@link #tryAcquire} could succeed for the key; zero if now. Counts nothing. */
  Duration retryAfter(String key);

  /** Counts one event whether or not it is within the limit (a failed login has happened). */
  void record(String key);

  /** A limit that allows everything, for a limit set to 0 (off). */
  static RateLimiter unlimited() {
    return new RateLimiter() {
      @Override
      public boolean tryAcquire(String key) {
        return true;
      }

      @Override
      public Duration retryAfter(String key) {
        return Duration.ZERO;
      }

      @Override
      public void record(String key) {}
    };
  }
}
