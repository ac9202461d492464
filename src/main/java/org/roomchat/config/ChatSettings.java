package org.roomchat.config;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** How the chat runs: queues, messages, catch-up and this node's name; read through MicroProfile Config and checked once at start-up. */
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
  @ConfigProperty(name = "chat.max-message-length", defaultValue = "1000")
  int maxMessageLength;

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
  @ConfigProperty(name = "chat.edit-window-seconds", defaultValue = "900")
  long editWindowSeconds;

  @PostConstruct
  void validate() {
    Settings.requirePositive("chat.capacity (CHAT_CAPACITY)", capacity);
    Settings.requirePositive("chat.expiry (CHAT_EXPIRY)", expirySeconds);
    Settings.requirePositive("chat.max-message-length", maxMessageLength);
    Settings.requirePositive("chat.catch-up.limit", catchUpLimit);
    Settings.requirePositive("chat.capacity-bytes (CHAT_CAPACITY_BYTES)", capacityBytes);
    if (editWindowSeconds < -1) {
      throw new IllegalArgumentException(
          "chat.edit-window-seconds (CHAT_EDIT_WINDOW_SECONDS) must be -1 (always), 0 (never) or"
              + " a number of seconds; got "
              + editWindowSeconds);
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

  public int maxMessageLength() {
    return maxMessageLength;
  }

  public int catchUpLimit() {
    return catchUpLimit;
  }

  /** Bytes (UTF-8) one connection may have queued before it is closed as too slow. */
  public long capacityBytes() {
    return capacityBytes;
  }

  /**
   * How long after sending a message its author may edit it, in seconds: 0 never, -1 always.
   */
  public long editWindowSeconds() {
    return editWindowSeconds;
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
