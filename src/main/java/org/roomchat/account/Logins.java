package org.roomchat.account;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;
import org.roomchat.config.LoginSettings;

/**
 * Logins as rows that every node reads: made at a successful login, checked at every logged-in
 * request (the secret its cookie presents, or the generation of the secret its session was built
 * on), rotated now and then, and revoked at logout, at "sign out everywhere", when an account is
 * disabled, and when a stolen secret shows up.
 */
@ApplicationScoped
public class Logins {

  /** At most this many logins per account; a new one past it ends the least recently used. */
  static final int MAX_PER_ACCOUNT = 50;

  private static final Logger LOG = Logger.getLogger(Logins.class.getName());

  @PersistenceContext(unitName = "roomchat")
  EntityManager em;

  @Inject LoginSettings settings;
  @Inject AccountService accounts;
  @Inject Event<LoginsRevoked> revoked;

  /**
   * A login's token as its browser gets it.
   *
   * @param cookieAge how long the cookie is kept, or empty for a cookie that ends with the browser
   * @param generation the generation of the token's secret (see {@link UserLogin#getGeneration})
   */
  public record Issued(LoginToken token, Optional<Duration> cookieAge, long generation) {}

  /** A login that a presented token proved. */
  public record Proven(String login, String username, Set<String> roles) {}

  /**
   * A login in use, as a request of its browser finds it.
   *
   * @param generation the generation of the secret the request proved, for its session to keep
   */
  public record InUse(String login, boolean rotationDue, long generation) {}

  /** Makes a login for the account under this stored name; empty when there is none. */
  @Transactional
  public Optional<Issued> create(String username, boolean persistent, String agent) {
    Optional<UserAccount> account = accounts.find(username);
    if (account.isEmpty()) {
      return Optional.empty();
    }
    Instant now = Instant.now();
    List<UserLogin> existing =
        em.createNamedQuery(UserLogin.OF_ACCOUNT, UserLogin.class)
            .setParameter("account", account.get())
            .getResultList();
    for (int i = 0; i < existing.size(); i++) {
      UserLogin login = existing.get(i);
      if (i >= MAX_PER_ACCOUNT - 1 || !login.getExpiresAt().isAfter(now)) {
        em.remove(login);
      }
    }
    LoginToken token = LoginToken.generate();
    Instant expires = now.plus(persistent ? settings.remembered() : settings.maxLifetime());
    em.persist(new UserLogin(token, account.get(), persistent, agent, now, expires));
    return Optional.of(new Issued(token, cookieAge(persistent), 0));
  }

  /**
   * The login a browser's token proves, if it does. A stolen copy (an old secret past its grace
   * period) revokes the login, and a login that has run out is removed.
   */
  @Transactional
  public Optional<Proven> prove(LoginToken token) {
    UserLogin login = em.find(UserLogin.class, token.id());
    if (login == null) {
      return Optional.empty();
    }
    Instant now = Instant.now();
    UserLogin.Verdict verdict =
        login.check(token.secret(), now, settings.idle(), LoginSettings.ROTATION_GRACE);
    String username = login.getAccount().getUsername();
    switch (verdict) {
      case CURRENT, PREVIOUS -> {
        login.touch(now, LoginSettings.TOUCH_EVERY);
        return Optional.of(
            new Proven(login.getId(), username, Set.copyOf(login.getAccount().getRoles())));
      }
      case REUSED -> {
        revokeReused(login);
        return Optional.empty();
      }
      default -> {
        em.remove(login);
        return Optional.empty();
      }
    }
  }

  /**
   * The login of a logged-in request, if it is still good, judged by what the request shows of it:
   * the secret of its cookie when the cookie names this login, else the generation of the secret
   * its session was built on. An old secret or generation past its grace period means a copy is in
   * use, and revokes the login everywhere; a request that shows neither proves nothing. The use is
   * noted.
   */
  @Transactional
  public Optional<InUse> inUse(
      String loginId, Optional<LoginToken> cookie, Optional<Long> sessionGeneration) {
    UserLogin login = em.find(UserLogin.class, loginId);
    if (login == null) {
      return Optional.empty();
    }
    Instant now = Instant.now();
    Optional<LoginToken> presented = cookie.filter(token -> token.id().equals(loginId));
    UserLogin.Verdict verdict;
    if (presented.isPresent()) {
      verdict =
          login.check(presented.get().secret(), now, settings.idle(), LoginSettings.ROTATION_GRACE);
    } else if (sessionGeneration.isPresent()) {
      verdict =
          login.checkGeneration(
              sessionGeneration.get(), now, settings.idle(), LoginSettings.ROTATION_GRACE);
    } else {
      return Optional.empty();
    }
    switch (verdict) {
      case CURRENT, PREVIOUS -> {
        login.touch(now, LoginSettings.TOUCH_EVERY);
        long generation =
            verdict == UserLogin.Verdict.CURRENT
                ? login.getGeneration()
                : login.getGeneration() - 1;
        return Optional.of(
            new InUse(loginId, login.rotationDue(now, settings.rotateEvery()), generation));
      }
      case REUSED -> {
        revokeReused(login);
        return Optional.empty();
      }
      default -> {
        return Optional.empty();
      }
    }
  }

  /**
   * Ends a login whose old secret (or a session built on one) came back after its grace period:
   * someone else holds a copy of the cookie, and which of the two is the owner cannot be told.
   */
  private void revokeReused(UserLogin login) {
    String username = login.getAccount().getUsername();
    LOG.warning(
        () ->
            "login_reused user="
                + username
                + ": a token this login no longer has came back; someone holds a copy of the"
                + " cookie, and the login is revoked");
    em.remove(login);
    revoked.fire(new LoginsRevoked(username, Optional.of(login.getId()), false));
  }

  /**
   * Gives the login a new secret when the presented one is its current one and due; empty when
   * there is nothing to do (another request of the browser rotated it first, say).
   */
  @Transactional
  public Optional<Issued> rotate(LoginToken presented) {
    UserLogin login = em.find(UserLogin.class, presented.id(), LockModeType.PESSIMISTIC_WRITE);
    Instant now = Instant.now();
    if (login == null
        || !login.rotationDue(now, settings.rotateEvery())
        || login.check(presented.secret(), now, settings.idle(), LoginSettings.ROTATION_GRACE)
            != UserLogin.Verdict.CURRENT) {
      return Optional.empty();
    }
    LoginToken next = presented.rotated();
    login.rotate(next, now, settings.remembered());
    return Optional.of(new Issued(next, cookieAge(login.isPersistent()), login.getGeneration()));
  }

  /** Ends one login, on every node. */
  @Transactional
  public void revoke(String loginId) {
    UserLogin login = em.find(UserLogin.class, loginId);
    if (login != null) {
      em.remove(login);
      revoked.fire(
          new LoginsRevoked(login.getAccount().getUsername(), Optional.of(loginId), false));
    }
  }

  /** Ends every login of the account, on every node. */
  @Transactional
  public void revokeAll(String username, boolean accountDisabled) {
    accounts.find(username).ifPresent(account -> accounts.endLogins(account, accountDisabled));
  }

  /** Deletes the logins whose lifetime is over; returns how many. */
  @Transactional
  public int purgeExpired() {
    return em.createNamedQuery(UserLogin.PURGE)
        .setParameter("now", Instant.now().atOffset(ZoneOffset.UTC))
        .executeUpdate();
  }

  private Optional<Duration> cookieAge(boolean persistent) {
    return persistent ? Optional.of(settings.remembered()) : Optional.empty();
  }
}
