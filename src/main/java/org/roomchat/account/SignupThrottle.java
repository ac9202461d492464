package org.roomchat.account;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.roomchat.guard.Limit;
import org.roomchat.guard.RateLimiter;

/**
 * New accounts per client address per hour: {@code chat.signup.limit} (CHAT_SIGNUP_LIMIT), 0 for
 * no limit (load generators and test suites make many accounts from one address).
 */
@ApplicationScoped
public class SignupThrottle {

  @Inject
  @Limit(Limit.Of.SIGNUPS_PER_ADDRESS)
  RateLimiter perAddress;

  /** How long a sign-up from this address must wait; zero when it may go ahead. */
  public Duration wait(String address) {
    return perAddress.retryAfter(address);
  }

  /** Counts a new account against its address. */
  public void signedUp(String address) {
    perAddress.record(address);
  }
}
