package org.roomchat.redis;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.roomchat.guard.RateLimiter;

/**
 * The per-user limit counted in Redis, so it holds whichever nodes a user's connections are on: a
 * sliding window of send times (Redis's clock) in one sorted set per user, checked and updated by
 * one script. While Redis is away the fallback counts on this node alone.
 */
public final class RedisRateLimiter implements RateLimiter {

  private static final RedisScript ACQUIRE =
      new RedisScript(
          "local t = redis.call('TIME')\n"
              + "local now = tonumber(t[1]) * 1000000 + tonumber(t[2])\n"
              + "local window = tonumber(ARGV[1])\n"
              + "redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window * 1000)\n"
              + "if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[2]) then return 0 end\n"
              + "redis.call('ZADD', KEYS[1], now, ARGV[3])\n"
              + "redis.call('PEXPIRE', KEYS[1], window)\n"
              + "return 1\n");

  private final RedisLink link;
  private final String limit;
  private final String windowMillis;
  private final RateLimiter fallback;
  private final AtomicLong sends = new AtomicLong();

  public RedisRateLimiter(RedisLink link, int limit, Duration window, RateLimiter fallback) {
    this.link = link;
    this.limit = Integer.toString(limit);
    this.windowMillis = Long.toString(window.toMillis());
    this.fallback = fallback;
  }

  static String key(String user) {
    return "roomchat:rate:{" + user + "}";
  }

  @Override
  public boolean tryAcquire(String user) {
    // Entries must be unique in the set even when two sends share a microsecond.
    String send = link.nodeId() + ":" + sends.incrementAndGet();
    return link.call(r -> ACQUIRE.run(r, List.of(key(user)), List.of(windowMillis, limit, send)))
        .map(allowed -> ((Long) allowed) == 1L)
        .orElseGet(() -> fallback.tryAcquire(user));
  }
}
