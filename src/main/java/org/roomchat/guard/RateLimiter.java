package org.roomchat.guard;

import java.time.Duration;

/**
 * At most so many events per key in any window of time: messages per user, failed logins per
 * account or address, sign-ups per address, new rooms per user. {@link RateLimits} builds one
 * counted in this process or, when Redis is configured, shared by all nodes.
 */
public interface RateLimiter {

  /** Counts one event if it is within the limit and answers whether it was; refusals count not. */
  boolean tryAcquire(String key);

  /** How long until {@link #tryAcquire} could succeed for the key; zero if now. Counts nothing. */
  Duration retryAfter(String key);

  /** Counts one event whether or not it is within the limit (a failed login has happened). */
  void record(String key);
}
