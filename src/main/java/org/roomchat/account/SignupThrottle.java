package org.roomchat.account;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.roomchat.guard.RateLimiter;
import org.roomchat.guard.RateLimits;

/**
 * Sign-ups per client address per hour: new accounts, {@code chat.signup.limit}
 * (CHAT_SIGNUP_LIMIT), and refused sign-ups, {@code chat.signup.refused-limit}
 * (CHAT_SIGNUP_REFUSED_LIMIT), each 0 for no limit (load generators and test suites make many
 * accounts from one address). Refused ones count too because each answers whether a name is taken
 * and costs a password-strength check; their budget is larger, for people who try a few names.
 */
@ApplicationScoped
public class SignupThrottle {

  private static final Duration WINDOW = Duration.ofHours(1);

  @Inject
  @ConfigProperty(name = "chat.signup.limit", defaultValue = "20")
  int limit;

  @Inject
  @ConfigProperty(name = "chat.signup.refused-limit", defaultValue = "50")
  int refusedLimit;

  @Inject RateLimits limits;

  private RateLimiter created;
  private RateLimiter refused;

  @PostConstruct
  void create() {
    created = limiter("chat.signup.limit (CHAT_SIGNUP_LIMIT)", "signup-address", limit);
    refused =
        limiter(
            "chat.signup.refused-limit (CHAT_SIGNUP_REFUSED_LIMIT)",
            "signup-refused-address",
            refusedLimit);
  }

  private RateLimiter limiter(String setting, String name, int perHour) {
    if (perHour < 0) {
      throw new IllegalArgumentException(
          "Setting " + setting + " must be 0 or more, got " + perHour);
    }
    return perHour == 0 ? null : limits.create(name, perHour, WINDOW);
  }

  /** How long a sign-up from this address must wait; zero when it may go ahead. */
  public Duration wait(String address) {
    Duration forCreated = created == null ? Duration.ZERO : created.retryAfter(address);
    Duration forRefused = refused == null ? Duration.ZERO : refused.retryAfter(address);
    return forCreated.compareTo(forRefused) >= 0 ? forCreated : forRefused;
  }

  /** Counts a new account against its address. */
  public void signedUp(String address) {
    if (created != null) {
      created.record(address);
    }
  }

  /**
   * Counts a refused sign-up (a name taken or not allowed, a weak password) against its address.
   */
  public void refused(String address) {
    if (refused != null) {
      refused.record(address);
    }
  }
}
