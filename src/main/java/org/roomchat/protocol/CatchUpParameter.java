package org.roomchat.protocol;

/** The handshake's {@code ?after=} parameter: the id of the last message the client has. */
public final class CatchUpParameter {

  private CatchUpParameter() {}

  /** The message id, or null when the value is absent, not a number or negative. */
  public static Long parse(String value) {
    if (value == null) {
      return null;
    }
    try {
      long after = Long.parseLong(value);
      return after >= 0 ? after : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
