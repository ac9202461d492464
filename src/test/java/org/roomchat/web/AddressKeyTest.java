package org.roomchat.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Per-address limits count IPv4 addresses one by one and IPv6 clients by their /64. */
class AddressKeyTest {

  @Test
  void ipv6ClientsAreCountedByTheirSlash64() {
    assertEquals("2001:db8:1:2:0:0:0:0/64", AddressKey.of("2001:db8:1:2:aaaa:bbbb:cccc:dddd"));
    assertEquals("2001:db8:1:2:0:0:0:0/64", AddressKey.of("2001:db8:1:2::1"));
  }

  @Test
  void ipv4AddressesAndAnythingElseStayAsTheyAre() {
    assertEquals("198.51.100.7", AddressKey.of("198.51.100.7"));
    assertEquals("not-an-address", AddressKey.of("not-an-address"));
  }
}
