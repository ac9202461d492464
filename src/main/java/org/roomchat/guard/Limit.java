package org.roomchat.guard;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.inject.Qualifier;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/** Which of the server's rate limits a {@link RateLimiter} is: {@code @Inject @Limit(MESSAGES)}. */
@Qualifier
@Retention(RUNTIME)
@Target({FIELD, METHOD, PARAMETER, TYPE})
public @interface Limit {

  Of value();

  /** The rate limits, each counted per key on all nodes together. */
  enum Of {
    /** Chat messages per user. */
    MESSAGES("messages"),
    /** Failed logins per account from browsers that never logged into it (strangers). */
    FAILED_LOGINS_PER_ACCOUNT("login-account"),
    /** Failed logins per device cookie: a browser that logged into the account before. */
    FAILED_LOGINS_PER_DEVICE("login-device"),
    /** Failed logins per client address. */
    FAILED_LOGINS_PER_ADDRESS("login-address"),
    /** New accounts per client address. */
    SIGNUPS_PER_ADDRESS("signup-address"),
    /** Refused sign-ups per client address (each answers whether a name is taken). */
    REFUSED_SIGNUPS_PER_ADDRESS("signup-refused-address"),
    /** New rooms per user. */
    ROOM_CREATIONS("room-creations"),
    /** New conversations per user (the user who opened one first). */
    NEW_CONVERSATIONS("new-conversations");

    private final String key;

    Of(String key) {
      this.key = key;
    }

    /** The limit's part of its shared counters' names. */
    public String key() {
      return key;
    }
  }
}
