package org.roomchat.web;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.servlet.http.HttpSession;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CsrfTokenTest {

  /** A session that only keeps attributes and a creation time. */
  private static HttpSession session(long createdAt) {
    Map<String, Object> attributes = new HashMap<>();
    return (HttpSession)
        Proxy.newProxyInstance(
            HttpSession.class.getClassLoader(),
            new Class<?>[] {HttpSession.class},
            (proxy, method, args) ->
                switch (method.getName()) {
                  case "getAttribute" -> attributes.get((String) args[0]);
                  case "setAttribute" -> attributes.put((String) args[0], args[1]);
                  case "getCreationTime" -> createdAt;
                  case "setMaxInactiveInterval" -> attributes.put("maxInactiveInterval", args[0]);
                  case "getMaxInactiveInterval" -> attributes.get("maxInactiveInterval");
                  default -> throw new UnsupportedOperationException(method.getName());
                });
  }

  @Test
  void eachPageGetsTheSecretUnderAFreshMask() {
    byte[] secret = CsrfToken.rotate(session(0));
    String first = CsrfToken.mask(secret);
    String second = CsrfToken.mask(secret);
    assertNotEquals(first, second, "no two pages show the same bytes");
    assertArrayEquals(secret, CsrfToken.unmask(first));
    assertArrayEquals(secret, CsrfToken.unmask(second));
    assertEquals(86, first.length(), "64 bytes in URL-safe Base64 without padding");
  }

  @Test
  void rotationReplacesTheSecret() {
    HttpSession session = session(0);
    byte[] before = CsrfToken.rotate(session);
    byte[] after = CsrfToken.rotate(session);
    assertFalse(java.util.Arrays.equals(before, after));
  }

  @Test
  void whatIsNotATokenUnmasksToNothing() {
    assertNull(CsrfToken.unmask(null));
    assertNull(CsrfToken.unmask(""));
    assertNull(CsrfToken.unmask("not a token!"));
    assertNull(CsrfToken.unmask("c2hvcnQ"), "too short");
    assertNull(CsrfToken.unmask(CsrfToken.mask(new byte[33])), "too long");
  }

  @Test
  void aSessionLivesMaxLifetimeFromItsLoginOrElseItsCreation() {
    Duration max = Duration.ofHours(336);
    long hour = Duration.ofHours(1).toMillis();
    HttpSession anonymous = session(0);
    assertEquals(Duration.ofHours(1), SessionLifetimeFilter.remaining(anonymous, 335 * hour, max));
    assertEquals(Duration.ZERO, SessionLifetimeFilter.remaining(anonymous, 336 * hour, max));
    assertTrue(SessionLifetimeFilter.remaining(anonymous, 336 * hour + 1, max).isNegative());

    // A login days after the session began starts its lifetime again.
    SessionSettings settings = new SessionSettings();
    settings.idleMinutes = 1440;
    settings.maxHours = 336;
    settings.anonymousIdleMinutes = 60;
    HttpSession loggedIn = session(0);
    long loginAt = System.currentTimeMillis();
    SessionLifetimeFilter.startLifetime(loggedIn, settings);
    assertFalse(SessionLifetimeFilter.remaining(loggedIn, loginAt + 335 * hour, max).isNegative());
    assertTrue(SessionLifetimeFilter.remaining(loggedIn, loginAt + 337 * hour, max).isNegative());
    assertEquals(1440 * 60, loggedIn.getMaxInactiveInterval(), "a login's idle timeout");

    // A lifetime shorter than the idle timeout bounds it from the start.
    settings.idleMinutes = 48 * 60;
    settings.maxHours = 1;
    HttpSession brief = session(0);
    SessionLifetimeFilter.startLifetime(brief, settings);
    assertEquals(3600, brief.getMaxInactiveInterval());
  }
}
