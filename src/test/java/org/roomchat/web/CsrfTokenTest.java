package org.roomchat.web;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.security.SecureRandom;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class CsrfTokenTest {

  private static byte[] secret() {
    byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret);
    return secret;
  }

  @Test
  void eachPageGetsTheSecretUnderAFreshMask() {
    byte[] secret = secret();
    String first = CsrfToken.mask(secret);
    String second = CsrfToken.mask(secret);
    assertNotEquals(first, second, "no two pages show the same bytes");
    assertArrayEquals(secret, CsrfToken.unmask(first));
    assertArrayEquals(secret, CsrfToken.unmask(second));
    assertEquals(86, first.length(), "64 bytes in URL-safe Base64 without padding");
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
  void onlyACookieOfThirtyTwoRandomBytesHoldsASecret() {
    byte[] secret = secret();
    String cookie = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    assertArrayEquals(secret, CsrfToken.decode(cookie));
    assertNull(CsrfToken.decode(null));
    assertNull(CsrfToken.decode(""));
    assertNull(CsrfToken.decode("not base64!"));
    assertNull(CsrfToken.decode(cookie.substring(1)), "too short");
    assertNull(CsrfToken.decode(cookie + "AAAA"), "too long");
  }
}
