package org.roomchat.account;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * What an admin can do to an account from the dashboard; its code names it in the form's path and in
 * the audit log.
 */
public enum AdminAction {
  /** The account can no longer log in; its logins end and its sockets close with 4003. */
  DISABLE("disable"),
  /** A disabled account may log in again. */
  ENABLE("enable"),
  /** Every login of the account ends, on every node. */
  LOG_OUT("logout"),
  /**
   * The admin sets a password that the user must replace at the next login (no email: this is how
   * a forgotten password is recovered); every login of the account ends.
   */
  ONE_TIME_PASSWORD("one-time-password");

  private final String code;

  AdminAction(String code) {
    this.code = code;
  }

  /** The action's name in its form's path and in the audit log. */
  public String code() {
    return code;
  }

  /** The message key of the action's name as the dashboard shows it. */
  public String key() {
    return "audit.action." + name().toLowerCase(Locale.ROOT);
  }

  /** The action with this code, if any. */
  public static Optional<AdminAction> ofCode(String code) {
    return Arrays.stream(values()).filter(a -> a.code.equals(code)).findFirst();
  }
}
