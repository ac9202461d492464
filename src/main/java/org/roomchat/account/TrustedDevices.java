package org.roomchat.account;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.logging.Logger;
import org.roomchat.db.SchemaMigration;

/**
 * Which browsers logged into an account before, by their device cookies ({@link DeviceCookie}),
 * signed with a key every node reads from the database ({@link ServerSecrets}, purpose {@value
 * #KEY}). While the key cannot be read (the database is away at start-up), no cookie is honoured or
 * handed out, so every browser counts as a stranger, as before device cookies; the key is read
 * again at most every {@link #RETRY} after that.
 */
@ApplicationScoped
public class TrustedDevices {

  static final String KEY = "device-cookie";

  private static final Duration RETRY = Duration.ofSeconds(10);
  private static final Logger LOG = Logger.getLogger(TrustedDevices.class.getName());

  @Inject ServerSecrets secrets;

  /** Signs and checks cookies once the key is read; null until then. */
  private volatile DeviceCookie cookies;

  private long nextAttemptNanos = System.nanoTime();

  /** Reads (or makes) the key at start-up, so that the first login does not wait for it. */
  void load(
      @Observes @Priority(SchemaMigration.PRIORITY + 15) @Initialized(ApplicationScoped.class)
          Object start) {
    cookies();
  }

  /**
   * The device (the nonce of its entry) that a browser's device cookie proves for the account this
   * name finds; empty for none, for a cookie that proves nothing, and for a name no account could
   * have.
   */
  public Optional<String> device(Optional<String> cookie, String username) {
    if (cookie.isEmpty()) {
      return Optional.empty();
    }
    return UsernamePolicy.lookupKey(username)
        .flatMap(account -> cookies().flatMap(c -> c.device(cookie.get(), account)));
  }

  /**
   * The device cookie to hand a browser that just proved the password of the account this name
   * finds: a fresh entry for the account, with the browser's entries for other accounts kept. Empty
   * while the key cannot be read.
   */
  public Optional<String> afterLogin(Optional<String> cookie, String username) {
    return UsernamePolicy.lookupKey(username)
        .flatMap(account -> cookies().map(c -> c.afterLogin(cookie.orElse(null), account)));
  }

  /** Uses this signer rather than one made from the database's key (for tests). */
  void use(DeviceCookie signer) {
    cookies = signer;
  }

  private Optional<DeviceCookie> cookies() {
    DeviceCookie known = cookies;
    return known != null ? Optional.of(known) : read();
  }

  private synchronized Optional<DeviceCookie> read() {
    if (cookies != null || System.nanoTime() - nextAttemptNanos < 0) {
      return Optional.ofNullable(cookies);
    }
    try {
      cookies = new DeviceCookie(secrets.obtain(KEY), Clock.systemUTC());
    } catch (Exception e) { // a failed commit may be the checked RollbackException
      nextAttemptNanos = System.nanoTime() + RETRY.toNanos();
      // The class only: a failed statement's message could quote the secret it carried.
      LOG.warning(
          () ->
              "Could not read the device cookie key ("
                  + e.getClass().getName()
                  + "): every browser counts as a stranger for the login limits until it can");
    }
    return Optional.ofNullable(cookies);
  }
}
