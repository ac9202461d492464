package org.roomchat.account;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.logging.Logger;
import org.roomchat.config.AccountSettings;
import org.roomchat.db.SchemaMigration;

/**
 * How passwords are hashed: PBKDF2-SHA512 with {@code chat.password.iterations} rounds. Also the
 * decoy a login of an unknown or disabled user is checked against, so that such a login costs the
 * time of a real one and the answer's timing does not tell which names have accounts.
 */
@ApplicationScoped
public class PasswordHashing {

  public static final String ITERATIONS_SETTING = AccountSettings.PASSWORD_ITERATIONS;

  /** The fewest rounds accepted: Soteria's own floor for PBKDF2 (the tests run at it). */
  static final int MIN_ITERATIONS = 1024;

  /** OWASP's figure for PBKDF2-HMAC-SHA512 (2023), and the default. */
  static final int RECOMMENDED_ITERATIONS = 210_000;

  private static final Logger LOG = Logger.getLogger(PasswordHashing.class.getName());

  @Inject Pbkdf2PasswordHash hash;

  @Inject AccountSettings settings;

  private int iterations;

  private String decoy;

  @PostConstruct
  void configure() {
    iterations = settings.passwordIterations();
    requireSafeIterations(iterations);
    hash.initialize(
        Map.of(
            "Pbkdf2PasswordHash.Algorithm", "PBKDF2WithHmacSHA512",
            "Pbkdf2PasswordHash.Iterations", Integer.toString(iterations),
            "Pbkdf2PasswordHash.SaltSizeBytes", "32",
            "Pbkdf2PasswordHash.KeySizeBytes", "64"));
    decoy = hash.generate(randomPassword());
  }

  /** Checks the setting when the application starts, so a bad value stops the deployment. */
  void checkAtStartUp(
      @Observes @Priority(SchemaMigration.PRIORITY - 10) @Initialized(ApplicationScoped.class)
          Object start) {
    LOG.info(() -> "Passwords are hashed with PBKDF2-SHA512, " + iterations + " iterations");
    if (iterations < RECOMMENDED_ITERATIONS) {
      LOG.warning(
          () ->
              ITERATIONS_SETTING
                  + " is "
                  + iterations
                  + ", below the recommended "
                  + RECOMMENDED_ITERATIONS
                  + ": a stolen password hash is cheaper to crack");
    }
  }

  static void requireSafeIterations(int iterations) {
    if (iterations < MIN_ITERATIONS) {
      throw new IllegalArgumentException(
          "Setting "
              + ITERATIONS_SETTING
              + " (CHAT_PASSWORD_ITERATIONS) is "
              + iterations
              + ": password hashes need at least "
              + MIN_ITERATIONS
              + " iterations (recommended: "
              + RECOMMENDED_ITERATIONS
              + ")");
    }
  }

  public String generate(char[] password) {
    return hash.generate(password);
  }

  /** Whether the password is the one this stored hash was made from. */
  public boolean verify(char[] password, String storedHash) {
    return hash.verify(password, storedHash);
  }

  /** Spends the time of one password check, against the hash of a random password nobody knows. */
  public void verifyDecoy(char[] password) {
    hash.verify(password, decoy);
  }

  private static char[] randomPassword() {
    byte[] random = new byte[32];
    new SecureRandom().nextBytes(random);
    return Base64.getEncoder().encodeToString(random).toCharArray();
  }
}
