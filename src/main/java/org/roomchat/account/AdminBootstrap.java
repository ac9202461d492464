package org.roomchat.account;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.roomchat.db.SchemaMigration;

/** Creates or updates the admin account named by CHAT_ADMIN_USERNAME and CHAT_ADMIN_PASSWORD. */
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
    accounts.ensureAdmin(username.get(), password.get());
    LOG.info(() -> "Admin account " + username.get() + " is ready");
  }
}
