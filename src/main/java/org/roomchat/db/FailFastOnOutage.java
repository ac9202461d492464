package org.roomchat.db;

import org.eclipse.persistence.config.SessionCustomizer;
import org.eclipse.persistence.sessions.Session;

/**
 * When the database is unreachable, fail at once instead of EclipseLink's default of retrying
 * each query three times, five seconds apart: the message writer reports the outage to senders
 * and readiness, and the connection pool reconnects when the database returns.
 */
public class FailFastOnOutage implements SessionCustomizer {

  @Override
  public void customize(Session session) {
    session.getLogin().setQueryRetryAttemptCount(0);
    session.getLogin().setDelayBetweenConnectionAttempts(0);
  }
}
