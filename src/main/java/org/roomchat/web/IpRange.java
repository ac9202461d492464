package org.roomchat.web;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** An address or a CIDR block ({@code 10.0.0.0/8}, {@code ::1}, {@code fd00::/8}). */
record IpRange(byte[] network, int prefixLength) {

  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(?:\\.\\d{1,3}){3}");
  private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

  /**
   * An address literal, never a name: nothing here may send a header's value to DNS. Brackets
   * around IPv6 are accepted, zones and ports are not.
   */
  static Optional<InetAddress> literal(String text) {
    if (text == null) {
      return Optional.empty();
    }
    String address = text.strip();
    if (address.startsWith("[") && address.endsWith("]")) {
      address = address.substring(1, address.length() - 1);
    }
    if (address.length() > 45
        || !(IPV4.matcher(address).matches() || IPV6.matcher(address).matches())) {
      return Optional.empty();
    }
    try {
      if (IPV4.matcher(address).matches()) {
        return ipv4(address);
      }
      // A string with a colon is only ever parsed as an IPv6 literal, never looked up.
      return Optional.of(InetAddress.getByName(address));
    } catch (UnknownHostException | SecurityException e) {
      return Optional.empty();
    }
  }

  private static Optional<InetAddress> ipv4(String address) throws UnknownHostException {
    String[] octets = address.split("\\.");
    byte[] bytes = new byte[4];
    for (int i = 0; i < 4; i++) {
      int octet = Integer.parseInt(octets[i]);
      if (octet > 255) {
        return Optional.empty();
      }
      bytes[i] = (byte) octet;
    }
    return Optional.of(InetAddress.getByAddress(bytes));
  }

  /** Parses {@code address} or {@code address/prefix}; an exception names what is wrong. */
  static IpRange parse(String text) {
    String[] parts = text.strip().split("/", -1);
    InetAddress address =
        literal(parts[0])
            .orElseThrow(() -> new IllegalArgumentException("not an IP address: " + text));
    int bits = address.getAddress().length * 8;
    int prefix = bits;
    if (parts.length == 2 && parts[1].matches("\\d{1,3}")) {
      prefix = Integer.parseInt(parts[1]);
    } else if (parts.length != 1) {
      prefix = -1;
    }
    if (prefix < 0 || prefix > bits) {
      throw new IllegalArgumentException("not an address or address/prefix: " + text);
    }
    return new IpRange(address.getAddress(), prefix);
  }

  /**
   * Parses a setting's comma-separated list of addresses and blocks; an exception names the setting
   * ({@code chat.trusted-proxies (CHAT_TRUSTED_PROXIES)}) and what is wrong.
   */
  static List<IpRange> parseList(String setting, String settingName) {
    List<IpRange> parsed = new ArrayList<>();
    for (String entry : setting.split(",")) {
      if (!entry.isBlank()) {
        try {
          parsed.add(parse(entry));
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException("Setting " + settingName + ": " + e.getMessage(), e);
        }
      }
    }
    return List.copyOf(parsed);
  }

  /** Whether the text is an address literal within one of the ranges. */
  static boolean anyContains(List<IpRange> ranges, String text) {
    Optional<InetAddress> address = literal(text);
    return address.isPresent() && ranges.stream().anyMatch(r -> r.contains(address.get()));
  }

  boolean contains(InetAddress address) {
    byte[] bytes = address.getAddress();
    if (bytes.length != network.length) {
      return false;
    }
    int full = prefixLength / 8;
    for (int i = 0; i < full; i++) {
      if (bytes[i] != network[i]) {
        return false;
      }
    }
    int rest = prefixLength % 8;
    if (rest == 0) {
      return true;
    }
    int mask = (0xFF << (8 - rest)) & 0xFF;
    return (bytes[full] & mask) == (network[full] & mask);
  }
}
