package org.roomchat.account;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.roomchat.guard.Limit;
import org.roomchat.guard.RateLimiter;

/**
 * Failed logins per account and per client address, in sliding windows (in Redis when configured,
 * so the count holds on every node). Past either limit a login is refused before any password is
 * hashed. The per-address limit is far above the per-account one: a flood against one account
 * locks that account for a while, not the other people behind the same address.
 */
@ApplicationScoped
public class LoginThrottle {

  @Inject
  @Limit(Limit.Of.FAILED_LOGINS_PER_ACCOUNT)
  RateLimiter perAccount;

  @Inject
  @Limit(Limit.Of.FAILED_LOGINS_PER_ADDRESS)
  RateLimiter perAddress;

  /** How long a login for this name from this address must wait; zero when it may go ahead. */
  public Duration wait(String username, String address) {
    Duration forAccount =
        UsernamePolicy.lookupKey(username).map(perAccount::retryAfter).orElse(Duration.ZERO);
    Duration forAddress = perAddress.retryAfter(address);
    return forAccount.compareTo(forAddress) >= 0 ? forAccount : forAddress;
  }

  /**
   * Counts a wrong password (or an unknown name) against the account the name finds and the
   * address. The account's count is kept under {@link UsernamePolicy#lookupKey}, the key {@link
   * AccountService#find} finds it by, so {@code ADMIN}, {@code ａｄｍｉｎ} and {@code admin} with soft
   * hyphens in it all count for {@code admin}; a name too long for any account counts against the
   * address alone.
   */
  public void failed(String username, String address) {
    UsernamePolicy.lookupKey(username).ifPresent(perAccount::record);
    perAddress.record(address);
  }
}
