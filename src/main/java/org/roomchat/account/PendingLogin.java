package org.roomchat.account;

import java.util.Optional;

/**
 * What a login form asked for, handed to the identity store that makes the login's token: the
 * container calls that store in the middle of {@code SecurityContext.authenticate}, on the same
 * thread, with no way to pass it along. Open for the length of one authentication.
 */
public final class PendingLogin implements AutoCloseable {

  private static final ThreadLocal<PendingLogin> CURRENT = new ThreadLocal<>();

  private final boolean keepSignedIn;
  private final String agent;
  private Logins.Issued issued;

  private PendingLogin(boolean keepSignedIn, String agent) {
    this.keepSignedIn = keepSignedIn;
    this.agent = agent;
  }

  /** Starts one authentication on this thread. */
  public static PendingLogin begin(boolean keepSignedIn, String agent) {
    PendingLogin pending = new PendingLogin(keepSignedIn, agent);
    CURRENT.set(pending);
    return pending;
  }

  static Optional<PendingLogin> current() {
    return Optional.ofNullable(CURRENT.get());
  }

  boolean keepSignedIn() {
    return keepSignedIn;
  }

  String agent() {
    return agent;
  }

  void issued(Logins.Issued login) {
    this.issued = login;
  }

  /** The login the authentication made, once it has succeeded. */
  public Optional<Logins.Issued> issued() {
    return Optional.ofNullable(issued);
  }

  @Override
  public void close() {
    CURRENT.remove();
  }
}
