package org.roomchat.account;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.roomchat.config.LoginSettings;

/**
 * An account's logins as their owner sees them on the account page (which browser, since when,
 * last used), each of which the owner may end. A login is named there by its {@link
 * UserLogin#handle() handle}, never by its id.
 */
@ApplicationScoped
public class AccountLogins {

  @PersistenceContext(unitName = "roomchat")
  EntityManager em;

  @Inject AccountService accounts;
  @Inject LoginSettings settings;
  @Inject Logins logins;

  /**
   * One login on the account page.
   *
   * @param current whether it is the login of the browser looking at the page
   */
  public record Entry(
      String handle, String agent, Instant createdAt, Instant lastUsedAt, boolean current) {}

  /** The live logins of the account under this stored name, most recently used first. */
  @Transactional
  public List<Entry> of(String username, Optional<String> currentLogin) {
    Instant now = Instant.now();
    return ofAccount(username).stream()
        .filter(login -> login.isLive(now, settings.idle()))
        .map(
            login ->
                new Entry(
                    login.handle(),
                    login.getAgent(),
                    login.getCreatedAt(),
                    login.getLastUsedAt(),
                    currentLogin.filter(login.getId()::equals).isPresent()))
        .toList();
  }

  /**
   * Ends the login of this account that the handle names, on every node (its sockets close);
   * false when the account has no such login.
   */
  @Transactional
  public boolean revoke(String username, String handle) {
    Optional<UserLogin> login =
        ofAccount(username).stream().filter(l -> l.handle().equals(handle)).findFirst();
    login.ifPresent(l -> logins.revoke(l.getId()));
    return login.isPresent();
  }

  private List<UserLogin> ofAccount(String username) {
    return accounts
        .find(username)
        .map(
            account ->
                em.createNamedQuery(UserLogin.OF_ACCOUNT, UserLogin.class)
                    .setParameter("account", account)
                    .getResultList())
        .orElse(List.of());
  }
}
