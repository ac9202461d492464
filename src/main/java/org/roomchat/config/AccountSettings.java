package org.roomchat.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Passwords and the admin account: how passwords are hashed and how many hashes run at once, the
 * admin the settings create at start-up, and how long an admin's typed password vouches for the
 * dashboard's account actions. Each owner checks its values when the application starts.
 */
@ApplicationScoped
public class AccountSettings {

  /** The key of {@link #passwordIterations()}, which start-up messages name. */
  public static final String PASSWORD_ITERATIONS = "chat.password.iterations";

  /** The key of {@link #adminReauth()}. */
  public static final String ADMIN_REAUTH_SECONDS = "chat.admin.reauth-seconds";

  @Inject
  @ConfigProperty(name = PASSWORD_ITERATIONS, defaultValue = "210000")
  int passwordIterations;

  @Inject
  @ConfigProperty(name = "chat.password.concurrent")
  Optional<Integer> passwordConcurrent;

  @Inject
  @ConfigProperty(name = "chat.admin.username")
  Optional<String> adminUsername;

  @Inject
  @ConfigProperty(name = "chat.admin.password")
  Optional<String> adminPassword;

  @Inject
  @ConfigProperty(name = ADMIN_REAUTH_SECONDS, defaultValue = "900")
  long adminReauthSeconds;

  /** PBKDF2-SHA512 iterations for new password hashes. */
  public int passwordIterations() {
    return passwordIterations;
  }

  /** Password hashes run at once; the number of processors unless set. */
  public int passwordConcurrent() {
    return passwordConcurrent.orElse(Runtime.getRuntime().availableProcessors());
  }

  /** The admin account the settings create or keep at start-up, if any. */
  public Optional<String> adminUsername() {
    return adminUsername;
  }

  public Optional<String> adminPassword() {
    return adminPassword;
  }

  /** How long after an admin typed its password the account actions go ahead without it. */
  public Duration adminReauth() {
    return Duration.ofSeconds(adminReauthSeconds);
  }
}
