package org.roomchat.account;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.roomchat.guard.Limit;
import org.roomchat.guard.RateLimiter;

/**
 * Sign-ups per client address per hour: new accounts, {@code chat.signup.limit}
 * (CHAT_SIGNUP_LIMIT), and refused sign-ups, {@code chat.signup.refused-limit}
 * (CHAT_SIGNUP_REFUSED_LIMIT), each 0 for no limit (load generators and test suites make many
 * accounts from one address). Refused ones count too because each answers whether a name is taken
 * and costs a password-strength check; their budget is larger, for people who try a few names.
 */
@ApplicationScoped
public class SignupThrottle {

  @Inject
  @Limit(Limit.Of.SIGNUPS_PER_ADDRESS)
  RateLimiter created;

  @Inject
  @Limit(Limit.Of.REFUSED_SIGNUPS_PER_ADDRESS)
  RateLimiter refused;

  /** How long a sign-up from this address must wait; zero when it may go ahead. */
  public Duration wait(String address) {
    Duration forCreated = created.retryAfter(address);
    Duration forRefused = refused.retryAfter(address);
    return forCreated.compareTo(forRefused) >= 0 ? forCreated : forRefused;
  }

  /** Counts a new account against its address. */
  public void signedUp(String address) {
    created.record(address);
  }

  /**
   * Counts a refused sign-up (a name taken or not allowed, a weak password) against its address.
   */
  public void refused(String address) {
    refused.record(address);
  }
}
