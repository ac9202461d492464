package org.roomchat.redis;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.roomchat.guard.RateLimiter;

/**
 * A {@link RateLimiter} counted in Redis, so it holds whichever node an event reaches: the event
 * times of a key (on Redis's clock, in microseconds) in one sorted set, trimmed to the last
 * {@code limit} and expiring with the window, each operation one script. While Redis is away the
 * fallback counts on this node alone.
 */
public final class RedisRateLimiter implements RateLimiter {

  private static final String NOW_AND_TRIM =
      "local t = redis.call('TIME')\n"
          + "local now = tonumber(t[1]) * 1000000 + tonumber(t[2])\n"
          + "local window = tonumber(ARGV[1]) * 1000\n"
          + "local limit = tonumber(ARGV[2])\n"
          + "redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)\n";

  private static final RedisScript ACQUIRE =
      new RedisScript(
          NOW_AND_TRIM
              + "if redis.call('ZCARD', KEYS[1]) >= limit then return 0 end\n"
              + "redis.call('ZADD', KEYS[1], now, ARGV[3])\n"
              + "redis.call('PEXPIRE', KEYS[1], ARGV[1])\n"
              + "return 1\n");

  /** Microseconds until the oldest of the last {@code limit} events leaves the window. */
  private static final RedisScript RETRY_AFTER =
      new RedisScript(
          NOW_AND_TRIM
              + "local count = redis.call('ZCARD', KEYS[1])\n"
              + "if count < limit then return 0 end\n"
              + "local oldest = redis.call('ZRANGE', KEYS[1], count - limit, count - limit,"
              + " 'WITHSCORES')\n"
              + "return math.max(0, tonumber(oldest[2]) + window - now)\n");

  private static final RedisScript RECORD =
      new RedisScript(
          NOW_AND_TRIM
              + "redis.call('ZADD', KEYS[1], now, ARGV[3])\n"
              + "redis.call('ZREMRANGEBYRANK', KEYS[1], 0, -limit - 1)\n"
              + "redis.call('PEXPIRE', KEYS[1], ARGV[1])\n"
              + "return 1\n");

  private final RedisLink link;
  private final String name;
  private final String limit;
  private final String windowMillis;
  private final RateLimiter fallback;
  private final AtomicLong events = new AtomicLong();

  /** {@code name} keeps the keys of different limits apart: "messages", "logins-per-account". */
  public RedisRateLimiter(
      RedisLink link, String name, int limit, Duration window, RateLimiter fallback) {
    this.link = link;
    this.name = name;
    this.limit = Integer.toString(limit);
    this.windowMillis = Long.toString(window.toMillis());
    this.fallback = fallback;
  }

  String key(String key) {
    return "roomchat:rate:" + name + ":{" + key + "}";
  }

  /** Entries must be unique in the set even when two events share a microsecond. */
  private List<String> args() {
    return List.of(windowMillis, limit, link.nodeId() + ":" + events.incrementAndGet());
  }

  @Override
  public boolean tryAcquire(String key) {
    return link.call(r -> ACQUIRE.run(r, List.of(key(key)), args()))
        .map(allowed -> ((Long) allowed) == 1L)
        .orElseGet(() -> fallback.tryAcquire(key));
  }

  @Override
  public Duration retryAfter(String key) {
    return link.call(r -> RETRY_AFTER.run(r, List.of(key(key)), args()))
        .map(micros -> Duration.ofNanos(((Long) micros) * 1000))
        .orElseGet(() -> fallback.retryAfter(key));
  }

  @Override
  public void record(String key) {
    if (link.call(r -> RECORD.run(r, List.of(key(key)), args())).isEmpty()) {
      fallback.record(key);
    }
  }
}
