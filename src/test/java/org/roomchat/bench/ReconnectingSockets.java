package org.roomchat.bench;

import java.io.IOException;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * One user's sockets to rooms, opened with the user's browser and opened again when the server
 * refuses or drops one, as the room page does: logged out (a handshake refused with 401, or a close
 * the caller reads so), the user logs in again through the form, trying until that works, and then
 * reconnects; after any other failure the user reconnects once the back-off has passed. Nothing
 * more is scheduled once it is stopped.
 */
final class ReconnectingSockets {

  private static final Duration HANDSHAKE_LIMIT = Duration.ofSeconds(10);
  private static final int UNAUTHORIZED = 401;

  private final BenchBrowser browser;
  private final Backoff backoff;
  private final Runnable reconnect;
  private final ScheduledExecutorService timers;
  private final ExecutorService blocking;
  private final AtomicInteger relogins = new AtomicInteger();
  private volatile boolean stopped;

  /**
   * @param reconnect opens the user's next socket
   * @param blocking where logins run (they wait for the server)
   */
  ReconnectingSockets(
      BenchBrowser browser,
      Backoff backoff,
      Runnable reconnect,
      ScheduledExecutorService timers,
      ExecutorService blocking) {
    this.browser = browser;
    this.backoff = backoff;
    this.reconnect = reconnect;
    this.timers = timers;
    this.blocking = blocking;
  }

  /**
   * Opens a socket to the room, asking for what came after message {@code after} when it is
   * positive. A refused handshake goes to {@code refused} by what answered it (the HTTP status, or
   * "no answer"); when that says the refusal still matters, the user recovers as from any failure.
   */
  void open(String room, long after, WholeTextFrames listener, Predicate<String> refused) {
    browser
        .openRoom(room, after, listener, HANDSHAKE_LIMIT)
        .whenComplete(
            (ws, error) -> {
              if (error != null) {
                int status = handshakeStatus(error);
                if (refused.test(status > 0 ? Integer.toString(status) : "no answer")) {
                  failed(status == UNAUTHORIZED);
                }
              }
            });
  }

  /** A socket failed: the user logs in again first if logged out, then reconnects. */
  void failed(boolean loggedOut) {
    long delay = backoff.failed();
    if (loggedOut) {
      if (!stopped) {
        blocking.execute(this::logInAgain);
      }
    } else {
      later(reconnect, delay);
    }
  }

  /** Opens no more sockets and stops logging in. */
  void stop() {
    stopped = true;
  }

  int relogins() {
    return relogins.get();
  }

  /** Logs in again through the form, trying until it works (the server may be away). */
  private void logInAgain() {
    if (stopped) {
      return;
    }
    try {
      browser.logInAgain();
    } catch (IOException | RuntimeException e) {
      later(() -> blocking.execute(this::logInAgain), backoff.failed());
      return;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    relogins.incrementAndGet();
    reconnect.run();
  }

  private void later(Runnable action, long delayMillis) {
    if (!stopped) {
      timers.schedule(action, delayMillis, TimeUnit.MILLISECONDS);
    }
  }

  private static int handshakeStatus(Throwable error) {
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      if (cause instanceof WebSocketHandshakeException handshake) {
        return handshake.getResponse().statusCode();
      }
    }
    return 0;
  }
}
