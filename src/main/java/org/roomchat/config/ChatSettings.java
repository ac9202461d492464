package org.roomchat.config;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The chat's tunable limits, read through MicroProfile Config and checked once at start-up. */
@ApplicationScoped
public class ChatSettings {

  @Inject
  @ConfigProperty(name = "chat.capacity", defaultValue = "1500")
  int capacity;

  @Inject
  @ConfigProperty(name = "chat.expiry", defaultValue = "60")
  int expirySeconds;

  @Inject
  @ConfigProperty(name = "chat.banned-words", defaultValue = "spam,abuse")
  List<String> bannedWords;

  @Inject
  @ConfigProperty(name = "chat.allowed-origins")
  Optional<String> allowedOrigins;

  @Inject
  @ConfigProperty(name = "chat.max-message-length", defaultValue = "1000")
  int maxMessageLength;

  @Inject
  @ConfigProperty(name = "chat.rate-limit.messages", defaultValue = "5")
  int rateLimitMessages;

  @Inject
  @ConfigProperty(name = "chat.rate-limit.window-ms", defaultValue = "1000")
  long rateLimitWindowMillis;

  @Inject
  @ConfigProperty(name = "chat.catch-up.limit", defaultValue = "500")
  int catchUpLimit;

  @Inject
  @ConfigProperty(name = "chat.node")
  Optional<String> node;

  @Inject
  @ConfigProperty(name = "chat.rooms.creations-per-hour", defaultValue = "30")
  int roomCreationsPerHour;

  @PostConstruct
  void validate() {
    requirePositive("chat.capacity (CHAT_CAPACITY)", capacity);
    requirePositive("chat.expiry (CHAT_EXPIRY)", expirySeconds);
    requirePositive("chat.max-message-length", maxMessageLength);
    requirePositive("chat.rate-limit.messages", rateLimitMessages);
    requirePositive("chat.rate-limit.window-ms", rateLimitWindowMillis);
    requirePositive("chat.catch-up.limit", catchUpLimit);
    requirePositive(
        "chat.rooms.creations-per-hour (CHAT_ROOMS_CREATIONS_PER_HOUR)", roomCreationsPerHour);
  }

  private static void requirePositive(String setting, long value) {
    if (value <= 0) {
      throw new IllegalArgumentException(
          "Setting " + setting + " must be a positive number, got " + value);
    }
  }

  public int capacity() {
    return capacity;
  }

  public Duration expiry() {
    return Duration.ofSeconds(expirySeconds);
  }

  public List<String> bannedWords() {
    return bannedWords;
  }

  /** Origins besides the server's own that may open a WebSocket; {@code *} allows any. */
  public List<String> allowedOrigins() {
    return allowedOrigins.stream()
        .flatMap(list -> Arrays.stream(list.split(",")))
        .map(String::strip)
        .filter(origin -> !origin.isEmpty())
        .toList();
  }

  public int maxMessageLength() {
    return maxMessageLength;
  }

  public int rateLimitMessages() {
    return rateLimitMessages;
  }

  public Duration rateLimitWindow() {
    return Duration.ofMillis(rateLimitWindowMillis);
  }

  public int catchUpLimit() {
    return catchUpLimit;
  }

  /** New rooms one user may start in any hour; entering existing rooms is never limited. */
  public int roomCreationsPerHour() {
    return roomCreationsPerHour;
  }

  /** This server's name in shared tables; defaults to the host name. */
  public String node() {
    return node.orElseGet(ChatSettings::hostName);
  }

  private static String hostName() {
    try {
      return java.net.InetAddress.getLocalHost().getHostName();
    } catch (java.net.UnknownHostException e) {
      return "localhost";
    }
  }
}
