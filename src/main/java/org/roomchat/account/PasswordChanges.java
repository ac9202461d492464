package org.roomchat.account;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Changes passwords: a user's own (knowing the current one), and a one-time password an admin sets
 * (the recovery of a forgotten password: there is no email), which its user must replace at the
 * next login. A new password follows the sign-up rules. Whenever a password changes, the account's
 * other logins end on every node: all of them after an admin's reset, all but the one that made
 * the change after the user's own.
 */
@ApplicationScoped
public class PasswordChanges {

  /** The message key of a wrong current password. */
  public static final String WRONG_PASSWORD = "account.password.wrong";

  /** The message key of a new password that is the current one again. */
  public static final String UNCHANGED = "account.password.unchanged";

  @PersistenceContext(unitName = "roomchat")
  EntityManager em;

  @Inject AccountService accounts;
  @Inject PasswordHashing hashing;
  @Inject Logins logins;
  @Inject Event<LoginsRevoked> revoked;

  /** Thrown when a password change breaks a rule; nothing changed. */
  public static class Refused extends Exception {
    private final List<String> problems;

    Refused(List<String> problems) {
      super(problems.toString());
      this.problems = List.copyOf(problems);
    }

    /** The message keys of what is wrong. */
    public List<String> problems() {
      return problems;
    }

    /** Whether the current password was wrong: a failed login, as far as limits go. */
    public boolean wrongPassword() {
      return problems.contains(WRONG_PASSWORD);
    }
  }

  /** Whether {@code password} is the password of the account under this stored name. */
  @Transactional
  public boolean verify(String username, String password) {
    return password != null
        && accounts
            .find(username)
            .filter(UserAccount::isEnabled)
            .map(a -> hashing.verify(password.toCharArray(), a.getPasswordHash()))
            .orElse(false);
  }

  /**
   * Replaces the user's password, which they proved by typing {@code current}, and lifts a
   * one-time password's demand for a change. Every other login of the account ends; {@code
   * loginId}, the one that made the change, goes on, its password freshly typed.
   */
  @Transactional(rollbackOn = Refused.class)
  public void changeOwn(
      String username, String loginId, String current, String next, String confirmation)
      throws Refused {
    UserAccount account = lockedAccount(username).orElseThrow(() -> refused(WRONG_PASSWORD));
    if (current == null || !hashing.verify(current.toCharArray(), account.getPasswordHash())) {
      throw refused(WRONG_PASSWORD);
    }
    List<String> problems = new ArrayList<>();
    accounts
        .passwordPolicy()
        .problem(next, account.getUsername())
        .ifPresent(p -> problems.add(p.key()));
    if (next != null && next.equals(current)) {
      problems.add(UNCHANGED);
    }
    if (confirmation == null || !confirmation.equals(next)) {
      problems.add(AccountService.SignupProblem.PASSWORDS_DIFFER.key());
    }
    if (!problems.isEmpty()) {
      throw new Refused(problems);
    }
    account.changePasswordHash(hashing.generate(next.toCharArray()));
    account.setMustChangePassword(false);
    Instant now = Instant.now();
    for (UserLogin login :
        em.createNamedQuery(UserLogin.OF_ACCOUNT, UserLogin.class)
            .setParameter("account", account)
            .getResultList()) {
      if (login.getId().equals(loginId)) {
        login.passwordEntered(now);
      } else {
        em.remove(login);
        revoked.fire(
            new LoginsRevoked(account.getUsername(), Optional.of(login.getId()), false));
      }
    }
  }

  /**
   * Gives the account a password its user must replace at the next login, and ends all its logins
   * on every node. The password follows the sign-up rules. An admin's action: {@link AdminActions}
   * does it and writes it to the audit log.
   */
  @Transactional(rollbackOn = Refused.class)
  public void setOneTime(String username, String password) throws Refused {
    UserAccount account =
        lockedAccount(username)
            .orElseThrow(() -> new IllegalArgumentException("no account " + username));
    Optional<AccountService.SignupProblem> problem =
        accounts.passwordPolicy().problem(password, account.getUsername());
    if (problem.isPresent()) {
      throw refused(problem.get().key());
    }
    account.changePasswordHash(hashing.generate(password.toCharArray()));
    account.setMustChangePassword(true);
    logins.revokeAll(account.getUsername(), false);
  }

  /** Whether the account must replace a one-time password before anything else. */
  @Transactional
  public boolean mustChange(String username) {
    return em.createNamedQuery(UserAccount.BY_USERNAME, UserAccount.class)
        .setParameter("username", username)
        .getResultStream()
        .findFirst()
        .map(UserAccount::isMustChangePassword)
        .orElse(false);
  }

  /** The account under this stored name, its row locked against a concurrent change. */
  private Optional<UserAccount> lockedAccount(String username) {
    return accounts
        .find(username)
        .map(a -> em.find(UserAccount.class, a.getId(), LockModeType.PESSIMISTIC_WRITE));
  }

  private static Refused refused(String problem) {
    return new Refused(List.of(problem));
  }
}
