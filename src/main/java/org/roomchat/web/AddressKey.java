package org.roomchat.web;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.Optional;

/**
 * The key a client's address is counted under in the per-address limits. An IPv6 client usually
 * has a whole /64 to itself and could take a fresh address for every attempt, so IPv6 addresses
 * are counted by their /64; IPv4 addresses one by one.
 */
final class AddressKey {

  private AddressKey() {}

  static String of(String address) {
    Optional<InetAddress> parsed = IpRange.literal(address);
    if (parsed.isEmpty() || !(parsed.get() instanceof Inet6Address)) {
      return address;
    }
    byte[] network = Arrays.copyOf(parsed.get().getAddress(), 16);
    Arrays.fill(network, 8, 16, (byte) 0);
    try {
      return InetAddress.getByAddress(network).getHostAddress() + "/64";
    } catch (java.net.UnknownHostException impossible) {
      return address;
    }
  }
}
