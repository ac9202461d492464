package org.roomchat.config;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * How much one user, socket or address may do: the rate limits and caps that keep a flood from
 * one client from costing the others. Read through MicroProfile Config, checked at start-up.
 */
@ApplicationScoped
public class LimitSettings {

  @Inject
  @ConfigProperty(name = "chat.rate-limit.messages", defaultValue = "5")
  int messages;

  @Inject
  @ConfigProperty(name = "chat.rate-limit.window-ms", defaultValue = "1000")
  long messagesWindowMillis;

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

  @Inject
  @ConfigProperty(name = "chat.dm.new-per-hour", defaultValue = "30")
  int newConversationsPerHour;

  @Inject
  @ConfigProperty(name = "chat.login.account-failures", defaultValue = "10")
  int loginAccountFailures;

  @Inject
  @ConfigProperty(name = "chat.login.device-failures", defaultValue = "10")
  int loginDeviceFailures;

  @Inject
  @ConfigProperty(name = "chat.login.address-failures", defaultValue = "100")
  int loginAddressFailures;

  @Inject
  @ConfigProperty(name = "chat.login.window-minutes", defaultValue = "15")
  int loginWindowMinutes;

  @Inject
  @ConfigProperty(name = "chat.signup.limit", defaultValue = "20")
  int signupsPerHour;

  @Inject
  @ConfigProperty(name = "chat.signup.refused-limit", defaultValue = "50")
  int refusedSignupsPerHour;

  @PostConstruct
  void validate() {
    Settings.requirePositive("chat.rate-limit.messages (CHAT_RATE_LIMIT_MESSAGES)", messages);
    Settings.requirePositive(
        "chat.rate-limit.window-ms (CHAT_RATE_LIMIT_WINDOW_MS)", messagesWindowMillis);
    Settings.requirePositive("chat.sockets.per-user (CHAT_SOCKETS_PER_USER)", socketsPerUser);
    Settings.requirePositive("chat.frames.per-window (CHAT_FRAMES_PER_WINDOW)", framesPerWindow);
    Settings.requirePositive("chat.frames.window-ms (CHAT_FRAMES_WINDOW_MS)", framesWindowMillis);
    Settings.requirePositive("chat.faults.per-window (CHAT_FAULTS_PER_WINDOW)", faultsPerWindow);
    Settings.requirePositive("chat.faults.window-ms (CHAT_FAULTS_WINDOW_MS)", faultsWindowMillis);
    Settings.requirePositive("chat.typing.per-second (CHAT_TYPING_PER_SECOND)", typingPerSecond);
    Settings.requirePositive(
        "chat.rooms.creations-per-hour (CHAT_ROOMS_CREATIONS_PER_HOUR)", roomCreationsPerHour);
    Settings.requirePositive(
        "chat.login.account-failures (CHAT_LOGIN_ACCOUNT_FAILURES)", loginAccountFailures);
    Settings.requirePositive(
        "chat.login.device-failures (CHAT_LOGIN_DEVICE_FAILURES)", loginDeviceFailures);
    Settings.requirePositive(
        "chat.login.address-failures (CHAT_LOGIN_ADDRESS_FAILURES)", loginAddressFailures);
    Settings.requirePositive(
        "chat.login.window-minutes (CHAT_LOGIN_WINDOW_MINUTES)", loginWindowMinutes);
    requireZeroOrMore("chat.dm.new-per-hour (CHAT_DM_NEW_PER_HOUR)", newConversationsPerHour);
    requireZeroOrMore("chat.signup.limit (CHAT_SIGNUP_LIMIT)", signupsPerHour);
    requireZeroOrMore(
        "chat.signup.refused-limit (CHAT_SIGNUP_REFUSED_LIMIT)", refusedSignupsPerHour);
  }

  private static void requireZeroOrMore(String setting, int value) {
    if (value < 0) {
      throw new IllegalArgumentException(
          "Setting " + setting + " must be 0 or more, got " + value);
    }
  }

  /** Chat messages one user may send in {@link #messagesWindow()}, on all nodes together. */
  public int messages() {
    return messages;
  }

  public Duration messagesWindow() {
    return Duration.ofMillis(messagesWindowMillis);
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

  /**
   * New conversations one user may start in any hour; 0 for no limit. Opening one that exists is
   * never limited.
   */
  public int newConversationsPerHour() {
    return newConversationsPerHour;
  }

  /**
   * Failed logins per account in {@link #loginWindow()}, from browsers without its device cookie,
   * before their logins for it wait.
   */
  public int loginAccountFailures() {
    return loginAccountFailures;
  }

  /**
   * Failed logins per device cookie (a browser that logged into the account before) in {@link
   * #loginWindow()} before that browser's logins for the account wait.
   */
  public int loginDeviceFailures() {
    return loginDeviceFailures;
  }

  /** Failed logins per client address in {@link #loginWindow()}, far above the account's. */
  public int loginAddressFailures() {
    return loginAddressFailures;
  }

  public Duration loginWindow() {
    return Duration.ofMinutes(loginWindowMinutes);
  }

  /** New accounts per client address per hour; 0 for no limit (load generators, test suites). */
  public int signupsPerHour() {
    return signupsPerHour;
  }

  /** Refused sign-ups per client address per hour; 0 for no limit. */
  public int refusedSignupsPerHour() {
    return refusedSignupsPerHour;
  }
}
