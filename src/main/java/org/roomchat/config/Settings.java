package org.roomchat.config;

/** Checks of settings read at start-up: a bad value stops the deployment with a clear message. */
public final class Settings {

  private Settings() {}

  public static void requirePositive(String setting, long value) {
    if (value <= 0) {
      throw new IllegalArgumentException(
          "Setting " + setting + " must be a positive number, got " + value);
    }
  }
}
