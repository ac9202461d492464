package org.roomchat.guard;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.roomchat.config.ChatSettings;
import org.roomchat.redis.RedisLink;
import org.roomchat.redis.RedisRateLimiter;

/** Builds the message policy and the rate limiter from the settings. */
@ApplicationScoped
public class Guards {

  @Produces
  @Singleton
  MessagePolicy messagePolicy(ChatSettings settings) {
    return new MessagePolicy(settings.maxMessageLength(), settings.bannedWords());
  }

  /** Counted in Redis when it is configured (the limit holds across nodes), else here. */
  @Produces
  @Singleton
  RateLimiter rateLimiter(ChatSettings settings, RedisLink redis) {
    RateLimiter thisNode =
        new SlidingWindowRateLimiter(settings.rateLimitMessages(), settings.rateLimitWindow());
    if (!redis.enabled()) {
      return thisNode;
    }
    return new RedisRateLimiter(
        redis, settings.rateLimitMessages(), settings.rateLimitWindow(), thisNode);
  }
}
