package org.roomchat.account;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.roomchat.account.AccountService.AdminOutcome;
import org.roomchat.config.AccountSettings;
import org.roomchat.db.SchemaMigration;

/**
 * Creates or updates the admin account named by CHAT_ADMIN_USERNAME and CHAT_ADMIN_PASSWORD (see
 * {@link AccountService#ensureAdmin}: a name someone else signed up is never taken over). Whatever
 * is refused, the server starts all the same (the chat stays up for everyone else), says why in one
 * SEVERE line, and leaves any existing account as it is. Admins other than the named one are named
 * at every start, so that renaming the setting leaves no admin behind unnoticed.
 */
@ApplicationScoped
public class AdminBootstrap {

  private static final Logger LOG = Logger.getLogger(AdminBootstrap.class.getName());

  @Inject AccountService accounts;

  @Inject AccountSettings settings;

  /** The admin the settings name, and its password, as read when the bean is created. */
  Optional<String> username;

  Optional<String> password;

  @PostConstruct
  void read() {
    username = settings.adminUsername();
    password = settings.adminPassword();
  }

  void bootstrap(
      @Observes @Priority(SchemaMigration.PRIORITY + 10) @Initialized(ApplicationScoped.class)
          Object start) {
    if (username.isEmpty() || password.isEmpty()) {
      return;
    }
    Optional<AdminOutcome> outcome;
    try {
      outcome = ensureAdmin();
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
    outcome.ifPresent(this::report);
    warnOfOtherAdmins();
  }

  private void report(AdminOutcome outcome) {
    switch (outcome) {
      case CREATED -> LOG.info(() -> "Admin account " + username.get() + " created");
      case UNCHANGED -> LOG.info(() -> "Admin account " + username.get() + " is ready");
      case UPDATED ->
          LOG.info(
              () ->
                  "Admin account "
                      + username.get()
                      + " got the password or role of the settings; its logins have ended");
      case REFUSED ->
          LOG.severe(
              () ->
                  "Admin account "
                      + username.get()
                      + " was not created: an account of that name exists that these settings did"
                      + " not make and that is no admin (someone signed it up), so it is left as it"
                      + " is; choose another CHAT_ADMIN_USERNAME");
    }
  }

  private void warnOfOtherAdmins() {
    List<String> others;
    try {
      others = accounts.adminsOtherThan(username.get());
    } catch (Exception e) {
      LOG.warning("Could not list the admins: " + e);
      return;
    }
    for (String other : others) {
      LOG.warning(
          () ->
              "Account "
                  + other
                  + " is an admin though CHAT_ADMIN_USERNAME names "
                  + username.get()
                  + ": it stays one until demoted (see docs/operations.md)");
    }
  }

  /**
   * Nodes that start together on one database may both find no admin account and both create it;
   * the one whose insert loses tries again and finds the other's. A database that keeps failing
   * leaves the account as it is, and the server starts all the same.
   */
  private Optional<AdminOutcome> ensureAdmin() throws AccountService.SignupRefused {
    for (int attempt = 1; ; attempt++) {
      try {
        return Optional.of(accounts.ensureAdmin(username.get(), password.get()));
      } catch (AccountService.SignupRefused refused) {
        throw refused;
      } catch (Exception e) {
        // Any exception: a failed commit can come as the checked RollbackException, which the
        // transaction interceptor throws through methods that do not declare it (WildFly).
        if (attempt == 3) {
          LOG.severe("Admin account " + username.get() + " was not created or updated: " + e);
          return Optional.empty();
        }
        LOG.info(() -> "Admin account " + username.get() + ": retrying after " + e);
      }
    }
  }
}
