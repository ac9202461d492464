package org.roomchat.account;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Optional;
import org.roomchat.guard.Limit;
import org.roomchat.guard.RateLimiter;

/**
 * Failed logins in sliding windows (in Redis when configured, so the counts hold on every node),
 * per client address and, for the account a name finds, per browser: a browser whose device
 * cookie proves it logged into the account before ({@link TrustedDevices}) counts in a bucket of
 * its own; every other browser counts in the account's strangers' bucket. Past a limit a login is
 * refused before any password is hashed. So strangers who fill the account's bucket lock out
 * strangers only, the owner's browsers still log in, and a browser that guesses wrong locks out
 * itself. The per-address limit is far above the others: a flood against one account does not
 * lock out the other people behind the same address.
 *
 * <p>Each method takes the browser's device cookie as it came (empty without one).
 */
@ApplicationScoped
public class LoginThrottle {

  @Inject
  @Limit(Limit.Of.FAILED_LOGINS_PER_ACCOUNT)
  RateLimiter strangers;

  @Inject
  @Limit(Limit.Of.FAILED_LOGINS_PER_DEVICE)
  RateLimiter perDevice;

  @Inject
  @Limit(Limit.Of.FAILED_LOGINS_PER_ADDRESS)
  RateLimiter perAddress;

  @Inject TrustedDevices devices;

  /** Where a login's failures count: a limit and its key. */
  private record Bucket(RateLimiter limit, String key) {}

  /** How long a login for this name from this browser and address must wait; zero if none. */
  public Duration wait(String username, Optional<String> deviceCookie, String address) {
    Duration forAccount =
        bucket(username, deviceCookie)
            .map(b -> b.limit().retryAfter(b.key()))
            .orElse(Duration.ZERO);
    Duration forAddress = perAddress.retryAfter(address);
    return forAccount.compareTo(forAddress) >= 0 ? forAccount : forAddress;
  }

  /**
   * Counts a wrong password (or an unknown name) against the browser's own bucket for the account
   * if its device cookie proves one, else against the account's strangers' bucket; and against
   * the address. The account's strangers are counted under {@link UsernamePolicy#lookupKey}, the
   * key {@link AccountService#find} finds it by, so {@code ADMIN}, {@code ａｄｍｉｎ} and {@code
   * admin} with soft hyphens in it all count for {@code admin}; a name too long for any account
   * counts against the address alone.
   */
  public void failed(String username, Optional<String> deviceCookie, String address) {
    bucket(username, deviceCookie).ifPresent(b -> b.limit().record(b.key()));
    perAddress.record(address);
  }

  private Optional<Bucket> bucket(String username, Optional<String> deviceCookie) {
    Optional<Bucket> device =
        devices.device(deviceCookie, username).map(nonce -> new Bucket(perDevice, nonce));
    return device.isPresent()
        ? device
        : UsernamePolicy.lookupKey(username).map(account -> new Bucket(strangers, account));
  }
}
