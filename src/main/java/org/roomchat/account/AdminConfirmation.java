package org.roomchat.account;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import org.roomchat.config.AccountSettings;
import org.roomchat.config.Settings;

/**
 * Whether an admin's login has typed its password recently enough to act on accounts without
 * typing it again: within {@code chat.admin.reauth-seconds} (default 15 minutes) of the login, of
 * a password change, or of the last confirmation. A browser left logged in, or a stolen session,
 * then cannot take over accounts without the password. Kept on the login's row, so every node
 * agrees.
 */
@ApplicationScoped
public class AdminConfirmation {

  @PersistenceContext(unitName = "roomchat")
  EntityManager em;

  @Inject AccountSettings settings;

  @PostConstruct
  void validate() {
    Settings.requirePositive(
        AccountSettings.ADMIN_REAUTH_SECONDS + " (CHAT_ADMIN_REAUTH_SECONDS)",
        settings.adminReauth().toSeconds());
  }

  /** How long a typed password stays good for admin actions. */
  public Duration window() {
    return settings.adminReauth();
  }

  /** Whether this login's password was typed within the window; false for an ended login. */
  @Transactional
  public boolean isRecent(String loginId) {
    UserLogin login = em.find(UserLogin.class, loginId);
    return login != null && Instant.now().isBefore(login.getPasswordAt().plus(window()));
  }

  /** Notes that the password was just typed again for this login. */
  @Transactional
  public void confirmed(String loginId) {
    UserLogin login = em.find(UserLogin.class, loginId);
    if (login != null) {
      login.passwordEntered(Instant.now());
    }
  }
}
