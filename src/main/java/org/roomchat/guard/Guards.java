package org.roomchat.guard;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.roomchat.config.ChatSettings;

/** Builds the message policy and the message rate limiter from the settings. */
@ApplicationScoped
public class Guards {

  @Produces
  @Singleton
  MessagePolicy messagePolicy(ChatSettings settings) {
    return new MessagePolicy(settings.maxMessageLength(), settings.bannedWords());
  }

  /** Messages per user, across all their connections and nodes. */
  @Produces
  @Singleton
  RateLimiter messageRateLimiter(ChatSettings settings, RateLimits limits) {
    return limits.create("messages", settings.rateLimitMessages(), settings.rateLimitWindow());
  }
}
