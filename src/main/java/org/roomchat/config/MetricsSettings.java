package org.roomchat.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Who may read {@code /metrics}: clients from these address ranges, or any client presenting the
 * token, as Prometheus' {@code authorization} setting sends it.
 */
@ApplicationScoped
public class MetricsSettings {

  /** Loopback only: a scraper on the node's own host. */
  static final String LOOPBACK = "127.0.0.0/8,::1";

  /** Shorter tokens could be guessed online. */
  static final int SHORTEST_TOKEN = 16;

  @Inject
  @ConfigProperty(name = "chat.metrics.allowed", defaultValue = LOOPBACK)
  String allowed;

  @Inject
  @ConfigProperty(name = "chat.metrics.token")
  Optional<String> token;

  /** Addresses or CIDR blocks, separated by commas, whose clients may read the metrics. */
  public String allowed() {
    return allowed;
  }

  /** The bearer token that opens the metrics from anywhere, if one is set. */
  public Optional<String> token() {
    Optional<String> set = token.map(String::strip).filter(t -> !t.isEmpty());
    set.ifPresent(
        t -> {
          if (t.length() < SHORTEST_TOKEN) {
            throw new IllegalArgumentException(
                "Setting chat.metrics.token (CHAT_METRICS_TOKEN) must be at least "
                    + SHORTEST_TOKEN
                    + " characters long");
          }
        });
    return set;
  }
}
