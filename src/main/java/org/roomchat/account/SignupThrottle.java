package org.roomchat.account;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.roomchat.guard.RateLimiter;
import org.roomchat.guard.RateLimits;

/**
 * New accounts per client address per hour: {@code chat.signup.limit} (CHAT_SIGNUP_LIMIT), 0 for
 * no limit (load generators and test suites make many accounts from one address).
 */
@ApplicationScoped
public class SignupThrottle {

  @Inject
  @ConfigProperty(name = "chat.signup.limit", defaultValue = "20")
  int limit;

  @Inject RateLimits limits;

  private RateLimiter perAddress;

  @PostConstruct
  void create() {
    if (limit < 0) {
      throw new IllegalArgumentException(
          "Setting chat.signup.limit (CHAT_SIGNUP_LIMIT) must be 0 or more, got " + limit);
    }
    if (limit > 0) {
      perAddress = limits.create("signup-address", limit, Duration.ofHours(1));
    }
  }

  /** How long a sign-up from this address must wait; zero when it may go ahead. */
  public Duration wait(String address) {
    return perAddress == null ? Duration.ZERO : perAddress.retryAfter(address);
  }

  /** Counts a new account against its address. */
  public void signedUp(String address) {
    if (perAddress != null) {
      perAddress.record(address);
    }
  }
}
