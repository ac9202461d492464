package org.roomchat.guard;

/** Counts a user's messages against the per-user limit, across all their connections. */
public interface RateLimiter {

  /** Records one message and answers whether it is within the limit; refused ones do not count. */
  boolean tryAcquire(String user);
}
