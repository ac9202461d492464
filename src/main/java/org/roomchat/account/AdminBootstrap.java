package org.roomchat.account;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.roomchat.db.SchemaMigration;

/**
 * Creates or updates the admin account named by CHAT_ADMIN_USERNAME and CHAT_ADMIN_PASSWORD. A name
 * or password that the sign-up rules refuse is not applied: the server starts all the same (the
 * chat stays up for everyone else), says why in its log, and leaves any existing account as it is.
 */
@ApplicationScoped
public class AdminBootstrap {

  private static final Logger LOG = Logger.getLogger(AdminBootstrap.class.getName());

  @Inject AccountService accounts;

  @Inject
  @ConfigProperty(name = "chat.admin.username")
  Optional<String> username;

  @Inject
  @ConfigProperty(name = "chat.admin.password")
  Optional<String> password;

  void bootstrap(
      @Observes @Priority(SchemaMigration.PRIORITY + 10) @Initialized(ApplicationScoped.class)
          Object start) {
    if (username.isEmpty() || password.isEmpty()) {
      return;
    }
    try {
      if (!ensureAdmin()) {
        return;
      }
    } catch (AccountService.SignupRefused refused) {
      LOG.severe(
          () ->
              "Admin account "
                  + username.get()
                  + " was not created or updated: CHAT_ADMIN_USERNAME or CHAT_ADMIN_PASSWORD breaks"
                  + " the sign-up rules: "
                  + refused.problems().stream()
                      .map(AccountService.SignupProblem::text)
                      .collect(Collectors.joining(" ")));
      return;
    }
    LOG.info(() -> "Admin account " + username.get() + " is ready");
  }

  /**
   * Nodes that start together on one database may both find no admin account and both create it;
   * the one whose insert loses tries again and finds the other's. A database that keeps failing
   * leaves the account as it is, and the server starts all the same.
   */
  private boolean ensureAdmin() throws AccountService.SignupRefused {
    for (int attempt = 1; ; attempt++) {
      try {
        accounts.ensureAdmin(username.get(), password.get());
        return true;
      } catch (AccountService.SignupRefused refused) {
        throw refused;
      } catch (Exception e) {
        // Any exception: a failed commit can come as the checked RollbackException, which the
        // transaction interceptor throws through methods that do not declare it (WildFly).
        if (attempt == 3) {
          LOG.severe("Admin account " + username.get() + " was not created or updated: " + e);
          return false;
        }
        LOG.info(() -> "Admin account " + username.get() + ": retrying after " + e);
      }
    }
  }
}
