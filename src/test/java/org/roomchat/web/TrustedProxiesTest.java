package org.roomchat.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Whose forwarding headers are believed, and what the client's address then is. */
class TrustedProxiesTest {

  private final TrustedProxies none = TrustedProxies.of("");
  private final TrustedProxies nginx = TrustedProxies.of("127.0.0.1, 10.0.0.0/8, ::1, fd00::/8");

  @Test
  void byDefaultNobodySpeaksForTheClient() {
    assertEquals("127.0.0.1", none.clientAddress("127.0.0.1", List.of("198.51.100.7")));
    assertFalse(none.isSecure("127.0.0.1", false, "https"));
  }

  @Test
  void aTrustedProxyNamesTheClient() {
    assertEquals("198.51.100.7", nginx.clientAddress("127.0.0.1", List.of("198.51.100.7")));
    assertTrue(nginx.isSecure("127.0.0.1", false, "https"));
    assertFalse(nginx.isSecure("127.0.0.1", false, "http"));
    assertTrue(nginx.isSecure("127.0.0.1", true, "http"), "a direct HTTPS request stays secure");
  }

  @Test
  void anUntrustedPeerIsTheClientWhateverItSends() {
    assertEquals("203.0.113.9", nginx.clientAddress("203.0.113.9", List.of("127.0.0.1")));
    assertFalse(nginx.isSecure("203.0.113.9", false, "https"));
  }

  @Test
  void addressesTheClientWroteItselfAreIgnored() {
    // The client sent "X-Forwarded-For: 1.2.3.4"; nginx appended the address it saw.
    assertEquals(
        "198.51.100.7", nginx.clientAddress("127.0.0.1", List.of("1.2.3.4, 198.51.100.7")));
    assertEquals(
        "198.51.100.7",
        nginx.clientAddress("127.0.0.1", List.of("1.2.3.4", "198.51.100.7, 10.1.2.3")),
        "a chain of trusted proxies is walked through");
  }

  @Test
  void aValueThatIsNotAnAddressStopsTheWalk() {
    assertEquals("10.1.2.3", nginx.clientAddress("127.0.0.1", List.of("evil.example, 10.1.2.3")));
    assertEquals("127.0.0.1", nginx.clientAddress("127.0.0.1", List.of("999.1.1.1")));
    assertEquals("127.0.0.1", nginx.clientAddress("127.0.0.1", List.of("")));
    assertEquals("127.0.0.1", nginx.clientAddress("127.0.0.1", List.of()));
  }

  @Test
  void ipv6AndRangesMatch() {
    assertTrue(nginx.isTrusted("0:0:0:0:0:0:0:1"));
    assertTrue(nginx.isTrusted("fd12:3456::1"));
    assertTrue(nginx.isTrusted("10.255.0.1"));
    assertFalse(nginx.isTrusted("11.0.0.1"));
    assertFalse(nginx.isTrusted("fe80::1"));
    assertEquals("2001:db8:0:0:0:0:0:5", nginx.clientAddress("::1", List.of("[2001:db8::5]")));
  }

  @Test
  void namesAreNeverLookedUp() {
    assertFalse(nginx.isTrusted("localhost"));
    assertTrue(IpRange.literal("localhost").isEmpty());
    assertTrue(IpRange.literal("1.2.3").isEmpty());
    assertTrue(IpRange.literal("::ffff:not-an-address").isEmpty());
  }

  @Test
  void badSettingsAreRefusedAtStart() {
    assertThrows(IllegalArgumentException.class, () -> TrustedProxies.of("nginx.internal"));
    assertThrows(IllegalArgumentException.class, () -> TrustedProxies.of("10.0.0.0/33"));
    assertThrows(IllegalArgumentException.class, () -> TrustedProxies.of("10.0.0.0/8/8"));
  }
}
