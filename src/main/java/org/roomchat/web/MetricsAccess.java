package org.roomchat.web;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import org.roomchat.config.MetricsSettings;

/**
 * Who may read the node's metrics: a client whose address is in {@code chat.metrics.allowed}
 * (CHAT_METRICS_ALLOWED; loopback by default), or one whose {@code Authorization: Bearer} carries
 * {@code chat.metrics.token} (CHAT_METRICS_TOKEN). The address is the client's as the forwarding
 * filter established it, so a trusted proxy's clients are judged by their own addresses.
 */
@ApplicationScoped
public class MetricsAccess {

  private static final String BEARER = "Bearer ";
  private static final Logger LOG = Logger.getLogger(MetricsAccess.class.getName());

  @Inject MetricsSettings settings;

  private List<IpRange> ranges = List.of();
  private Optional<byte[]> tokenDigest = Optional.empty();

  @PostConstruct
  void parse() {
    ranges = parse(settings.allowed());
    tokenDigest = settings.token().map(MetricsAccess::digest);
  }

  /** Reads the settings at start-up, so that a bad one stops the deployment, not a scrape. */
  void check(@Observes @Initialized(ApplicationScoped.class) Object start) {
    LOG.fine(() -> "metrics open to " + ranges.size() + " address ranges");
  }

  static MetricsAccess of(String allowed, Optional<String> token) {
    MetricsAccess access = new MetricsAccess();
    access.ranges = parse(allowed);
    access.tokenDigest = token.map(MetricsAccess::digest);
    return access;
  }

  private static List<IpRange> parse(String setting) {
    return IpRange.parseList(setting, "chat.metrics.allowed (CHAT_METRICS_ALLOWED)");
  }

  /** Whether a client at this address, sending this {@code Authorization} header, may read. */
  boolean allows(String clientAddress, String authorization) {
    if (tokenDigest.isPresent()
        && authorization != null
        && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      // Digests of equal length, compared in constant time: the answer's timing tells nothing.
      byte[] presented = digest(authorization.substring(BEARER.length()).strip());
      if (MessageDigest.isEqual(presented, tokenDigest.get())) {
        return true;
      }
    }
    return IpRange.anyContains(ranges, clientAddress);
  }

  private static byte[] digest(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }
}
