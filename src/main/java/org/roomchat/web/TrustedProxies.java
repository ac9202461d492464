package org.roomchat.web;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.roomchat.config.WebSettings;

/**
 * The proxies whose {@code X-Forwarded-For} and {@code X-Forwarded-Proto} are believed: {@code
 * chat.trusted-proxies} (CHAT_TRUSTED_PROXIES), addresses or CIDR blocks separated by commas. None
 * by default: anyone can send those headers, so only a proxy we put in front may speak for the
 * client.
 */
@ApplicationScoped
public class TrustedProxies {

  @Inject WebSettings settings;

  private List<IpRange> ranges = List.of();

  @PostConstruct
  void parse() {
    ranges = parse(settings.trustedProxies());
  }

  static List<IpRange> parse(String setting) {
    return IpRange.parseList(setting, "chat.trusted-proxies (CHAT_TRUSTED_PROXIES)");
  }

  static TrustedProxies of(String setting) {
    TrustedProxies proxies = new TrustedProxies();
    proxies.ranges = parse(setting);
    return proxies;
  }

  boolean isTrusted(String peer) {
    if (ranges.isEmpty()) {
      return false;
    }
    Optional<InetAddress> address = IpRange.literal(peer);
    return address.isPresent() && ranges.stream().anyMatch(r -> r.contains(address.get()));
  }

  /**
   * The client's address: the peer's own, unless the peer is a trusted proxy; then the nearest
   * address in {@code X-Forwarded-For} (read from the right, as each proxy appends the address it
   * saw) that is not itself a trusted proxy. Addresses left of it were written by the client and
   * prove nothing; a value that is not an address stops the walk at the proxy that passed it.
   */
  String clientAddress(String peer, List<String> forwardedFor) {
    if (!isTrusted(peer)) {
      return peer;
    }
    List<String> hops =
        forwardedFor.stream().flatMap(h -> Arrays.stream(h.split(","))).map(String::strip).toList();
    String client = peer;
    for (int i = hops.size() - 1; i >= 0; i--) {
      Optional<InetAddress> hop = IpRange.literal(hops.get(i));
      if (hop.isEmpty()) {
        break;
      }
      client = hop.get().getHostAddress();
      if (!isTrusted(client)) {
        break;
      }
    }
    return client;
  }

  /**
   * Whether the client reached us over HTTPS: directly, or as a trusted proxy says in {@code
   * X-Forwarded-Proto} (the last value, the one the nearest proxy wrote).
   */
  boolean isSecure(String peer, boolean direct, String forwardedProto) {
    if (direct || forwardedProto == null || !isTrusted(peer)) {
      return direct;
    }
    String[] values = forwardedProto.split(",");
    return values[values.length - 1].strip().equalsIgnoreCase("https");
  }
}
