package org.roomchat.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Device cookies: an entry proves its device for its own account only, under the servers' key,
 * until it expires; anything forged, altered or another account's proves nothing.
 */
class DeviceCookieTest {

  private static final String URL_SAFE =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

  private final MovableClock clock = new MovableClock(Instant.parse("2026-12-01T10:00:00Z"));
  private final DeviceCookie cookies = new DeviceCookie(randomKey(), clock);

  private static byte[] randomKey() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return key;
  }

  @Test
  void anEntryProvesItsDeviceForItsAccount() {
    String value = cookies.afterLogin(null, "alice");
    Optional<String> device = cookies.device(value, "alice");
    assertTrue(device.isPresent());
    assertEquals(device, cookies.device(value, "alice"), "the same device every time");
    assertEquals(75, value.length(), "one entry of 56 bytes, URL-safe Base64");
    assertTrue(value.matches("[A-Za-z0-9_-]+"), "no character that needs quoting: " + value);
    assertFalse(value.contains("alice"), "the account is bound, not named");
  }

  @Test
  void anotherAccountsEntryProvesNothing() {
    String alices = cookies.afterLogin(null, "alice");
    assertEquals(Optional.empty(), cookies.device(alices, "bob"));
    assertEquals(Optional.empty(), cookies.device(alices, "alice "));
    assertEquals(Optional.empty(), cookies.device(alices, "alicf"));
    assertEquals(Optional.empty(), cookies.device(alices, ""));
  }

  @Test
  void anEntrySignedWithAnotherKeyOrMadeUpProvesNothing() {
    DeviceCookie otherServer = new DeviceCookie(randomKey(), clock);
    assertEquals(Optional.empty(), cookies.device(otherServer.afterLogin(null, "alice"), "alice"));
    SecureRandom random = new SecureRandom();
    for (int i = 0; i < 100; i++) {
      StringBuilder madeUp = new StringBuilder();
      for (int c = 0; c < 75; c++) {
        madeUp.append(URL_SAFE.charAt(random.nextInt(URL_SAFE.length())));
      }
      assertEquals(Optional.empty(), cookies.device(madeUp.toString(), "alice"), madeUp::toString);
    }
  }

  @Test
  void everyAlteredCharacterBreaksTheEntry() {
    String value = cookies.afterLogin(null, "alice");
    // The nonce, the issue time and the HMAC alike: one character changed anywhere.
    for (int at = 0; at < value.length(); at++) {
      for (char c : new char[] {'A', 'z', '0', '-', '_'}) {
        if (value.charAt(at) == c) {
          continue;
        }
        String altered = value.substring(0, at) + c + value.substring(at + 1);
        assertEquals(
            Optional.empty(),
            cookies.device(altered, "alice"),
            "changed at " + at + ": " + altered);
      }
    }
    assertEquals(Optional.empty(), cookies.device(value.substring(1), "alice"), "too short");
    assertEquals(Optional.empty(), cookies.device(value + "A", "alice"), "too long");
  }

  @Test
  void anEntryExpiresAfterItsLifetime() {
    String value = cookies.afterLogin(null, "alice");
    clock.advance(DeviceCookie.LIFETIME.minusSeconds(1));
    assertTrue(cookies.device(value, "alice").isPresent(), "good to its last second");
    clock.advance(Duration.ofSeconds(1));
    assertEquals(Optional.empty(), cookies.device(value, "alice"));
    assertFalse(
        cookies.afterLogin(value, "bob").contains(value), "an expired entry is not handed back");
  }

  @Test
  void anEntryFromTheFutureIsRefused() {
    byte[] key = randomKey();
    MovableClock ahead = new MovableClock(clock.instant().plus(Duration.ofDays(1)));
    String fromTomorrow = new DeviceCookie(key, ahead).afterLogin(null, "alice");
    assertEquals(Optional.empty(), new DeviceCookie(key, clock).device(fromTomorrow, "alice"));
    MovableClock slightlyAhead = new MovableClock(clock.instant().plus(Duration.ofMinutes(1)));
    String skewed = new DeviceCookie(key, slightlyAhead).afterLogin(null, "alice");
    assertTrue(
        new DeviceCookie(key, clock).device(skewed, "alice").isPresent(),
        "a node whose clock is a minute ahead is believed");
  }

  @Test
  void aBrowserKeepsOneEntryPerAccountNewestFirst() {
    String value = cookies.afterLogin(null, "alice");
    String aliceDevice = cookies.device(value, "alice").orElseThrow();
    value = cookies.afterLogin(value, "admin");
    assertEquals(Optional.of(aliceDevice), cookies.device(value, "alice"), "alice's entry is kept");
    assertTrue(cookies.device(value, "admin").isPresent());

    String again = cookies.afterLogin(value, "alice");
    assertEquals(2 * 75 + 1, again.length(), "alice's entry replaced, not added: " + again);
    String newDevice = cookies.device(again, "alice").orElseThrow();
    assertNotEquals(aliceDevice, newDevice, "each login a new nonce");
    assertEquals(cookies.device(value, "admin"), cookies.device(again, "admin"));

    List<String> accounts = new ArrayList<>();
    for (int i = 0; i < DeviceCookie.MAX_ACCOUNTS + 2; i++) {
      accounts.add("user" + i);
      again = cookies.afterLogin(again, "user" + i);
    }
    assertEquals(DeviceCookie.MAX_ACCOUNTS * 76 - 1, again.length(), "at most five entries");
    for (int i = 0; i < accounts.size(); i++) {
      assertEquals(
          i >= accounts.size() - DeviceCookie.MAX_ACCOUNTS,
          cookies.device(again, accounts.get(i)).isPresent(),
          "the newest five stay: " + accounts.get(i));
    }
  }

  @Test
  void garbageAroundOrInsteadOfEntriesIsIgnored() {
    String value = cookies.afterLogin(null, "alice");
    assertEquals(Optional.empty(), cookies.device(null, "alice"));
    assertEquals(Optional.empty(), cookies.device("", "alice"));
    assertEquals(Optional.empty(), cookies.device("....", "alice"));
    assertTrue(cookies.device("junk." + value, "alice").isPresent());
    assertEquals(
        Optional.empty(),
        cookies.device((value + ".").repeat(6) + value, "alice"),
        "a value longer than any made is not even read");
    String fresh = cookies.afterLogin("junk.\"quoted\";" + value, "bob");
    assertTrue(fresh.matches("[A-Za-z0-9_.-]+"), fresh);
    assertTrue(cookies.device(fresh, "bob").isPresent());
  }

  @Test
  void aShortKeyIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> new DeviceCookie(new byte[16], clock));
  }

  /** A clock that moves only when told. */
  static final class MovableClock extends Clock {

    private Instant now;

    MovableClock(Instant now) {
      this.now = now;
    }

    void advance(Duration by) {
      now = now.plus(by);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }
}
