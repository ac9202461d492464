package org.roomchat.guard;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.roomchat.config.ChatSettings;

/** Builds the message policy and the rate limiter from the settings. */
@ApplicationScoped
public class Guards {

  @Produces
  @Singleton
  MessagePolicy messagePolicy(ChatSettings settings) {
    return new MessagePolicy(settings.maxMessageLength(), settings.bannedWords());
  }

  @Produces
  @Singleton
  RateLimiter rateLimiter(ChatSettings settings) {
    return new SlidingWindowRateLimiter(settings.rateLimitMessages(), settings.rateLimitWindow());
  }
}
