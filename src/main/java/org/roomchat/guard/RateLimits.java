package org.roomchat.guard;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.roomchat.redis.RedisLink;
import org.roomchat.redis.RedisRateLimiter;

/**
 * Builds every rate limit of the server the same way: counted in Redis when it is configured, so
 * the limit holds across nodes, with this node's own count standing in while Redis is away; in
 * this process otherwise.
 */
@ApplicationScoped
public class RateLimits {

  @Inject RedisLink redis;

  /** At most {@code limit} events per key in any {@code window}; {@code name} is the Redis key part. */
  public RateLimiter create(String name, int limit, Duration window) {
    RateLimiter thisNode = new SlidingWindowRateLimiter(limit, window);
    return redis.enabled() ? new RedisRateLimiter(redis, name, limit, window, thisNode) : thisNode;
  }
}
