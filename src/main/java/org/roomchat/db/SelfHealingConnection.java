package org.roomchat.db;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * A connection for the server's pool that replaces its link to the database once that link has
 * broken. Not every pool validates the connections of an application-defined datasource (WildFly's
 * does not, Payara's not always): after a database restart each pooled connection would fail
 * forever. Here, after a call has failed, the next call first checks the link ({@link
 * Connection#isValid}) and, if it is dead, opens a new one with the same auto-commit, isolation and
 * read-only settings. The failed call's caller has already seen its error, so nothing it did is
 * silently lost; while the database stays away, calls keep failing and nothing is replaced.
 */
final class SelfHealingConnection implements InvocationHandler {

  /** Opens a new physical connection. */
  interface Opener {
    Connection open() throws SQLException;
  }

  private static final int VALIDATION_SECONDS = 2;

  private final Opener opener;
  private Connection physical;
  private boolean suspect;
  private Boolean autoCommit;
  private Integer isolation;
  private Boolean readOnly;

  private SelfHealingConnection(Opener opener, Connection physical) {
    this.opener = opener;
    this.physical = physical;
  }

  static Connection open(Opener opener) throws SQLException {
    return (Connection)
        Proxy.newProxyInstance(
            SelfHealingConnection.class.getClassLoader(),
            new Class<?>[] {Connection.class},
            new SelfHealingConnection(opener, opener.open()));
  }

  @Override
  public synchronized Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
    switch (method.getName()) {
      case "equals":
        return proxy == args[0];
      case "hashCode":
        return System.identityHashCode(proxy);
      case "toString":
        return "SelfHealingConnection[" + physical + "]";
      case "close":
      case "isClosed":
      case "abort":
        return call(method, args); // nothing to heal on the way out
      default:
        if (suspect) {
          heal();
        }
        Object result = call(method, args);
        remember(method.getName(), args);
        return result;
    }
  }

  private Object call(Method method, Object[] args) throws Throwable {
    try {
      return method.invoke(physical, args);
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof SQLException) {
        suspect = true;
      }
      throw e.getCause();
    }
  }

  /** The settings a pool or provider sets and expects to find again. */
  private void remember(String name, Object[] args) {
    switch (name) {
      case "setAutoCommit" -> autoCommit = (Boolean) args[0];
      case "setTransactionIsolation" -> isolation = (Integer) args[0];
      case "setReadOnly" -> readOnly = (Boolean) args[0];
      default -> {
        // nothing to keep
      }
    }
  }

  private void heal() throws SQLException {
    boolean valid;
    try {
      valid = physical.isValid(VALIDATION_SECONDS);
    } catch (SQLException e) {
      valid = false;
    }
    if (valid) {
      suspect = false;
      return;
    }
    Connection fresh = opener.open(); // throws while the database is away: stays suspect
    try {
      if (autoCommit != null) {
        fresh.setAutoCommit(autoCommit);
      }
      if (isolation != null) {
        fresh.setTransactionIsolation(isolation);
      }
      if (readOnly != null) {
        fresh.setReadOnly(readOnly);
      }
    } catch (SQLException e) {
      fresh.close();
      throw e;
    }
    Connection broken = physical;
    physical = fresh;
    suspect = false;
    try {
      broken.close();
    } catch (SQLException alreadyGone) {
      // the link is dead; closing it only frees what the driver still holds
    }
  }
}
