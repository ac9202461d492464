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
  @ConfigProperty(name = "chat.capacity-bytes", defaultValue = "4194304")
  long capacityBytes;

  @Inject
  @ConfigProperty(name = "chat.sockets.per-user", defaultValue = "20")
  int socketsPerUser;

  @Inject
  @ConfigProperty(name = "chat.frames.per-window", defaultValue = "75")
  int framesPerWindow;

  @Inject
  @ConfigProperty(name = "chat.frames.window-ms", defaultValue = "5000")
  long framesWindowMillis;

  @Inject
  @ConfigProperty(name = "chat.faults.per-window", defaultValue = "20")
  int faultsPerWindow;

  @Inject
  @ConfigProperty(name = "chat.faults.window-ms", defaultValue = "10000")
  long faultsWindowMillis;

  @Inject
  @ConfigProperty(name = "chat.typing.per-second", defaultValue = "2")
  int typingPerSecond;

  @Inject
  @ConfigProperty(name = "chat.rooms.creations-per-hour", defaultValue = "30")
  int roomCreationsPerHour;

  @PostConstruct
  void validate() {
    Settings.requirePositive("chat.capacity (CHAT_CAPACITY)", capacity);
    Settings.requirePositive("chat.expiry (CHAT_EXPIRY)", expirySeconds);
    Settings.requirePositive("chat.max-message-length", maxMessageLength);
    Settings.requirePositive("chat.rate-limit.messages", rateLimitMessages);
    Settings.requirePositive("chat.rate-limit.window-ms", rateLimitWindowMillis);
    Settings.requirePositive("chat.catch-up.limit", catchUpLimit);
    Settings.requirePositive("chat.capacity-bytes (CHAT_CAPACITY_BYTES)", capacityBytes);
    Settings.requirePositive("chat.sockets.per-user (CHAT_SOCKETS_PER_USER)", socketsPerUser);
    Settings.requirePositive("chat.frames.per-window (CHAT_FRAMES_PER_WINDOW)", framesPerWindow);
    Settings.requirePositive("chat.frames.window-ms (CHAT_FRAMES_WINDOW_MS)", framesWindowMillis);
    Settings.requirePositive("chat.faults.per-window (CHAT_FAULTS_PER_WINDOW)", faultsPerWindow);
    Settings.requirePositive("chat.faults.window-ms (CHAT_FAULTS_WINDOW_MS)", faultsWindowMillis);
    Settings.requirePositive("chat.typing.per-second (CHAT_TYPING_PER_SECOND)", typingPerSecond);
    Settings.requirePositive(
        "chat.rooms.creations-per-hour (CHAT_ROOMS_CREATIONS_PER_HOUR)", roomCreationsPerHour);
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

  /** Bytes (UTF-8) one connection may have queued before it is closed as too slow. */
  public long capacityBytes() {
    return capacityBytes;
  }

  /** Open WebSockets one user may have, on all nodes together. */
  public int socketsPerUser() {
    return socketsPerUser;
  }

  /** Client frames of any kind one connection may send in {@link #framesWindow()}. */
  public int framesPerWindow() {
    return framesPerWindow;
  }

  public Duration framesWindow() {
    return Duration.ofMillis(framesWindowMillis);
  }

  /** Bad or excess frames one connection may send in {@link #faultsWindow()}; one more closes it. */
  public int faultsPerWindow() {
    return faultsPerWindow;
  }

  public Duration faultsWindow() {
    return Duration.ofMillis(faultsWindowMillis);
  }

  /** Typing changes of one user forwarded to a room per second, at most. */
  public int typingPerSecond() {
    return typingPerSecond;
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
