package org.roomchat.config;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * How long logins last, read through MicroProfile Config and checked once at start-up. A login
 * kept signed in lasts {@code chat.login.remember-days} from its last rotation; any other ends
 * after {@code chat.session.idle-minutes} without a request, and in any case {@code
 * chat.session.max-hours} after it began. A login's secret is replaced at a page load at most
 * every {@code chat.login.rotate-minutes} (0: at every page load).
 */
@ApplicationScoped
public class LoginSettings {

  /** How long the secret before a rotation stays good: requests already on their way carry it. */
  public static final Duration ROTATION_GRACE = Duration.ofMinutes(2);

  /** How often a login's last use is written down at most. */
  public static final Duration TOUCH_EVERY = Duration.ofMinutes(1);

  @Inject
  @ConfigProperty(name = "chat.login.remember-days", defaultValue = "30")
  long rememberDays;

  @Inject
  @ConfigProperty(name = "chat.login.rotate-minutes", defaultValue = "15")
  long rotateMinutes;

  @Inject
  @ConfigProperty(name = "chat.session.idle-minutes", defaultValue = "1440")
  long idleMinutes;

  @Inject
  @ConfigProperty(name = "chat.session.max-hours", defaultValue = "336")
  long maxHours;

  @PostConstruct
  void validate() {
    Settings.requirePositive("chat.login.remember-days (CHAT_LOGIN_REMEMBER_DAYS)", rememberDays);
    if (rotateMinutes < 0) {
      throw new IllegalArgumentException(
          "Setting chat.login.rotate-minutes (CHAT_LOGIN_ROTATE_MINUTES) must be 0 (every page"
              + " load) or more, got "
              + rotateMinutes);
    }
    Settings.requirePositive("chat.session.idle-minutes (CHAT_SESSION_IDLE_MINUTES)", idleMinutes);
    Settings.requirePositive("chat.session.max-hours (CHAT_SESSION_MAX_HOURS)", maxHours);
    // A cookie's Max-Age is whole seconds in an int.
    if (rememberDays > Integer.MAX_VALUE / 86_400) {
      throw new IllegalArgumentException(
          "Setting chat.login.remember-days must be at most "
              + Integer.MAX_VALUE / 86_400
              + ", got "
              + rememberDays);
    }
  }

  /** How long a login kept signed in lives after its last rotation. */
  public Duration remembered() {
    return Duration.ofDays(rememberDays);
  }

  /** How often a login's secret is replaced at most. */
  public Duration rotateEvery() {
    return Duration.ofMinutes(rotateMinutes);
  }

  /** How long a login not kept signed in may go without a request. */
  public Duration idle() {
    return Duration.ofMinutes(idleMinutes);
  }

  /** How long a login not kept signed in lasts at most, however busy. */
  public Duration maxLifetime() {
    return Duration.ofHours(maxHours);
  }
}
