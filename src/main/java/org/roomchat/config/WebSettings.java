package org.roomchat.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * How the server meets browsers and proxies: the origins besides its own, the proxies whose
 * forwarded headers it believes, and whether cookies are always Secure (TLS ended at a proxy).
 */
@ApplicationScoped
public class WebSettings {

  @Inject
  @ConfigProperty(name = "chat.allowed-origins")
  Optional<String> allowedOrigins;

  @Inject
  @ConfigProperty(name = "chat.trusted-proxies")
  Optional<String> trustedProxies;

  @Inject
  @ConfigProperty(name = "chat.session.secure-cookie", defaultValue = "false")
  boolean secureCookies;

  /** Origins besides the server's own that may open a WebSocket or post a form; {@code *}: any. */
  public List<String> allowedOrigins() {
    return list(allowedOrigins);
  }

  /** Addresses or CIDR blocks of proxies whose forwarded headers are believed; empty: none. */
  public String trustedProxies() {
    return trustedProxies.orElse("");
  }

  /** Whether every cookie is marked Secure, whatever the request's own scheme. */
  public boolean secureCookies() {
    return secureCookies;
  }

  private static List<String> list(Optional<String> commaSeparated) {
    return commaSeparated.stream()
        .flatMap(list -> Arrays.stream(list.split(",")))
        .map(String::strip)
        .filter(entry -> !entry.isEmpty())
        .toList();
  }
}
