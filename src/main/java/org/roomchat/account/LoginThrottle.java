package org.roomchat.account;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.roomchat.config.Settings;
import org.roomchat.guard.RateLimiter;
import org.roomchat.guard.RateLimits;

/**
 * Failed logins per account and per client address, in sliding windows (in Redis when configured,
 * so the count holds on every node). Past either limit a login is refused before any password is
 * hashed. The per-address limit is far above the per-account one: a flood against one account
 * locks that account for a while, not the other people behind the same address.
 */
@ApplicationScoped
public class LoginThrottle {

  @Inject
  @ConfigProperty(name = "chat.login.account-failures", defaultValue = "10")
  int accountFailures;

  @Inject
  @ConfigProperty(name = "chat.login.address-failures", defaultValue = "100")
  int addressFailures;

  @Inject
  @ConfigProperty(name = "chat.login.window-minutes", defaultValue = "15")
  int windowMinutes;

  @Inject RateLimits limits;

  private RateLimiter perAccount;
  private RateLimiter perAddress;

  @PostConstruct
  void create() {
    Settings.requirePositive("chat.login.account-failures", accountFailures);
    Settings.requirePositive("chat.login.address-failures", addressFailures);
    Settings.requirePositive("chat.login.window-minutes", windowMinutes);
    Duration window = Duration.ofMinutes(windowMinutes);
    perAccount = limits.create("login-account", accountFailures, window);
    perAddress = limits.create("login-address", addressFailures, window);
  }

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
