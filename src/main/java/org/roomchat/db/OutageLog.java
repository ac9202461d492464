package org.roomchat.db;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Logs an outage of something the server depends on once when it begins and once when it ends,
 * with how long it lasted, instead of once per failed call.
 */
public final class OutageLog {

  private final Logger log;
  private final String dependency;
  private final AtomicLong downSince = new AtomicLong();

  public OutageLog(Logger log, String dependency) {
    this.log = log;
    this.dependency = dependency;
  }

  /** A call failed: the first failure of an outage is logged with its cause, later ones are not. */
  public void failed(Throwable cause) {
    if (downSince.compareAndSet(0, System.nanoTime())) {
      log.log(Level.WARNING, "outage dependency=" + dependency + " state=down", cause);
    } else {
      log.log(Level.FINE, "still down: " + dependency, cause);
    }
  }

  /** A call succeeded: ends the outage, if there was one. */
  public void succeeded() {
    long since = downSince.getAndSet(0);
    if (since != 0) {
      long millis = Duration.ofNanos(System.nanoTime() - since).toMillis();
      log.info(
          () -> "outage dependency=" + dependency + " state=recovered down_ms=" + millis);
    }
  }
}
