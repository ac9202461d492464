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
    Duration forAccount = perAccount.retryAfter(accountKey(username));
    Duration forAddress = perAddress.retryAfter(address);
    return forAccount.compareTo(forAddress) >= 0 ? forAccount : forAddress;
  }

  /** Counts a wrong password (or an unknown name) against the name and the address. */
  public void failed(String username, String address) {
    perAccount.record(accountKey(username));
    perAddress.record(address);
  }

  /** {@code ADMIN} and {@code ａｄｍｉｎ} are one account, so they share one count. */
  private static String accountKey(String username) {
    String typed = username == null ? "" : username;
    if (typed.length() > UsernamePolicy.MAX_LENGTH) {
      typed = typed.substring(0, UsernamePolicy.MAX_LENGTH);
    }
    return UsernamePolicy.key(typed);
  }
}
