package org.roomchat.web;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.roomchat.config.Settings;

/**
 * How long an HTTP session lives, read through MicroProfile Config and checked once at start-up. A
 * login ends after {@code chat.session.idle-minutes} without a request, and in any case {@code
 * chat.session.max-hours} after it began. A session that holds no login (only the token of a form
 * an anonymous visitor was shown) ends sooner, so that visitors who never log in cost little
 * memory.
 */
@ApplicationScoped
public class SessionSettings {

  @Inject
  @ConfigProperty(name = "chat.session.idle-minutes", defaultValue = "1440")
  long idleMinutes;

  @Inject
  @ConfigProperty(name = "chat.session.max-hours", defaultValue = "336")
  long maxHours;

  @Inject
  @ConfigProperty(name = "chat.session.anonymous-idle-minutes", defaultValue = "60")
  long anonymousIdleMinutes;

  @PostConstruct
  void validate() {
    Settings.requirePositive("chat.session.idle-minutes (CHAT_SESSION_IDLE_MINUTES)", idleMinutes);
    Settings.requirePositive("chat.session.max-hours (CHAT_SESSION_MAX_HOURS)", maxHours);
    Settings.requirePositive(
        "chat.session.anonymous-idle-minutes (CHAT_SESSION_ANONYMOUS_IDLE_MINUTES)",
        anonymousIdleMinutes);
    // Session timeouts are whole seconds in an int.
    requireAtMost("chat.session.idle-minutes", idleMinutes, Integer.MAX_VALUE / 60);
    requireAtMost(
        "chat.session.anonymous-idle-minutes", anonymousIdleMinutes, Integer.MAX_VALUE / 60);
  }

  private static void requireAtMost(String setting, long value, long limit) {
    if (value > limit) {
      throw new IllegalArgumentException(
          "Setting " + setting + " must be at most " + limit + ", got " + value);
    }
  }

  /** How long a logged-in session may go without a request. */
  public Duration idle() {
    return Duration.ofMinutes(idleMinutes);
  }

  /** How long a login lasts at most, however busy. */
  public Duration maxLifetime() {
    return Duration.ofHours(maxHours);
  }

  /** How long a session without a login may go without a request. */
  public Duration anonymousIdle() {
    return Duration.ofMinutes(Math.min(anonymousIdleMinutes, idleMinutes));
  }
}
