package org.roomchat.account;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.roomchat.guard.SlidingWindowRateLimiter;

/**
 * Where failed logins count: a browser with a valid device cookie for the account in its own
 * bucket, every other browser (no cookie, a forged one, another account's) in the account's
 * strangers' bucket, and all of them against their address.
 */
class LoginThrottleTest {

  private static final Duration WINDOW = Duration.ofMinutes(15);
  private static final String ADDRESS = "198.51.100.1";

  private final LoginThrottle throttle = new LoginThrottle();
  private final DeviceCookie signer;

  LoginThrottleTest() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    signer = new DeviceCookie(key, Clock.systemUTC());
    TrustedDevices devices = new TrustedDevices();
    devices.use(signer);
    throttle.devices = devices;
    throttle.strangers = new SlidingWindowRateLimiter(10, WINDOW);
    throttle.perDevice = new SlidingWindowRateLimiter(10, WINDOW);
    throttle.perAddress = new SlidingWindowRateLimiter(100, WINDOW);
  }

  /** A browser that logged into the account before: its device cookie. */
  private Optional<String> browserOf(String username) {
    return Optional.of(signer.afterLogin(null, UsernamePolicy.lookupKey(username).orElseThrow()));
  }

  private static String address(int i) {
    return "203.0.113." + i;
  }

  private boolean locked(String username, Optional<String> device, String address) {
    Duration wait = throttle.wait(username, device, address);
    assertTrue(wait.compareTo(WINDOW) <= 0, "at most a window: " + wait);
    return !wait.isZero();
  }

  @Test
  void strangersWhoLockTheAccountDoNotLockOutItsOwnBrowsers() {
    Optional<String> laptop = browserOf("admin");
    for (int i = 1; i <= 10; i++) {
      assertFalse(locked("admin", Optional.empty(), address(i)), "guess " + i);
      throttle.failed("admin", Optional.empty(), address(i));
    }
    assertTrue(locked("admin", Optional.empty(), address(50)), "a new browser waits");
    assertTrue(locked("ADMIN", Optional.empty(), address(51)), "under any spelling");
    assertTrue(
        locked("admin", browserOf("someone-else"), address(52)),
        "another account's device cookie is a stranger's");
    String value = laptop.get();
    String forged =
        value.substring(0, 40) + (value.charAt(40) == 'A' ? 'B' : 'A') + value.substring(41);
    assertTrue(locked("admin", Optional.of(forged), address(53)), "an altered cookie too");

    assertFalse(locked("admin", laptop, ADDRESS), "the admin's own browser goes ahead");
    assertFalse(locked("Ａｄｍｉｎ", laptop, ADDRESS), "under any spelling of the name");
  }

  @Test
  void aBrowsersOwnWrongGuessesLockOnlyThatBrowser() {
    Optional<String> laptop = browserOf("alice");
    Optional<String> phone = browserOf("alice");
    for (int i = 1; i <= 10; i++) {
      assertFalse(locked("alice", laptop, address(i)), "guess " + i);
      throttle.failed("alice", laptop, address(i));
    }
    assertTrue(locked("alice", laptop, address(60)), "the guessing browser waits, anywhere");
    assertFalse(locked("alice", phone, address(61)), "the account's other browser");
    assertFalse(locked("alice", Optional.empty(), address(62)), "and strangers");

    // The same cookie for another account of the browser is another device.
    Optional<String> shared =
        Optional.of(signer.afterLogin(laptop.get(), UsernamePolicy.lookupKey("bob").orElseThrow()));
    assertTrue(locked("alice", shared, address(63)), "alice's entry in it is still locked");
    assertFalse(locked("bob", shared, address(64)), "bob's entry is not");
  }

  @Test
  void everyFailureCountsAgainstItsAddress() {
    throttle.perAddress = new SlidingWindowRateLimiter(3, WINDOW);
    Optional<String> laptop = browserOf("carol");
    throttle.failed("carol", laptop, ADDRESS);
    throttle.failed("carol", Optional.empty(), ADDRESS);
    throttle.failed("dave", Optional.empty(), ADDRESS);
    assertTrue(locked("carol", laptop, ADDRESS), "a trusted browser behind a locked address too");
    assertTrue(locked("erin", Optional.empty(), ADDRESS));
    assertFalse(locked("carol", laptop, address(9)));
  }

  @Test
  void aNameNoAccountCouldHaveCountsAgainstTheAddressAlone() {
    String overLong = "x".repeat(1000);
    throttle.perAddress = new SlidingWindowRateLimiter(1, WINDOW);
    throttle.failed(overLong, Optional.empty(), ADDRESS);
    assertTrue(locked(overLong, Optional.empty(), ADDRESS));
    assertFalse(locked(overLong, Optional.empty(), address(1)));
  }
}
