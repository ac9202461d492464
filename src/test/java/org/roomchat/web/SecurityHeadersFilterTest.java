package org.roomchat.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SecurityHeadersFilterTest {

  private static final String START =
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
          + " connect-src 'self'";
  private static final String END =
      "; frame-ancestors 'none'; object-src 'none'; base-uri 'none'; form-action 'self'";

  @Test
  void thePageHostsWebSocketOriginsAreNamedForOlderBrowsers() {
    assertEquals(
        START + " ws://localhost:8080 wss://localhost:8080" + END,
        SecurityHeadersFilter.policy("localhost:8080", false));
    assertEquals(
        START + " wss://chat.example" + END, SecurityHeadersFilter.policy("chat.example", true));
    assertEquals(
        START + " ws://[::1]:8080 wss://[::1]:8080" + END,
        SecurityHeadersFilter.policy("[::1]:8080", false));
  }

  @Test
  void aHostHeaderThatIsNotAPlainHostAddsNothingToThePolicy() {
    for (String host :
        new String[] {
          null, "", "evil.example; script-src *", "a b", "host:80:90", "x'y", "-x", "[::1"
        }) {
      String policy = SecurityHeadersFilter.policy(host, false);
      assertEquals(START + END, policy, "Host " + host);
    }
    String policy = SecurityHeadersFilter.policy("chat.example", false);
    assertTrue(policy.startsWith(START) && policy.endsWith(END), policy);
    assertFalse(policy.contains("unsafe"), policy);
  }
}
