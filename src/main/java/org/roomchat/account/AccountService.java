package org.roomchat.account;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Creates and finds accounts; passwords are stored as PBKDF2 hashes only. */
@ApplicationScoped
public class AccountService {

  public static final String USER_ROLE = "user";
  public static final String ADMIN_ROLE = "admin";

  /** Django's username rule: letters, digits and {@code @.+-_}, at most 150 characters. */
  private static final Pattern USERNAME =
      Pattern.compile("^[\\w.@+-]{1,150}$", Pattern.UNICODE_CHARACTER_CLASS);

  private static final int MIN_PASSWORD_LENGTH = 8;

  @PersistenceContext(unitName = "roomchat")
  EntityManager em;

  @Inject Pbkdf2PasswordHash passwordHash;

  @Inject
  @ConfigProperty(name = "chat.password.iterations", defaultValue = "210000")
  int iterations;

  @PostConstruct
  void configureHash() {
    passwordHash.initialize(
        Map.of(
            "Pbkdf2PasswordHash.Algorithm", "PBKDF2WithHmacSHA512",
            "Pbkdf2PasswordHash.Iterations", Integer.toString(iterations),
            "Pbkdf2PasswordHash.SaltSizeBytes", "32",
            "Pbkdf2PasswordHash.KeySizeBytes", "64"));
  }

  // A transaction of its own: a socket's open runs after its upgrade request has ended.
  @Transactional
  public Optional<UserAccount> find(String username) {
    return em.createNamedQuery(UserAccount.BY_USERNAME, UserAccount.class)
        .setParameter("username", username)
        .getResultStream()
        .findFirst();
  }

  /** Why a sign-up was refused; each problem is a message key with a default English text. */
  public enum SignupProblem {
    USERNAME_INVALID("Usernames are 1-150 letters, digits and @ . + - _ only."),
    USERNAME_TAKEN("That username is taken."),
    PASSWORD_TOO_SHORT("The password must be at least 8 characters."),
    PASSWORD_NUMERIC("The password cannot be entirely numeric."),
    PASSWORD_SIMILAR("The password is too similar to the username."),
    PASSWORDS_DIFFER("The two passwords do not match.");

    private final String text;

    SignupProblem(String text) {
      this.text = text;
    }

    public String text() {
      return text;
    }

    public String key() {
      return "signup." + name().toLowerCase(Locale.ROOT);
    }
  }

  /** Thrown when a sign-up breaks a rule; the account was not created. */
  public static class SignupRefused extends Exception {
    private final List<SignupProblem> problems;

    public SignupRefused(List<SignupProblem> problems) {
      super(problems.toString());
      this.problems = List.copyOf(problems);
    }

    public List<SignupProblem> problems() {
      return problems;
    }
  }

  /** The problems with a proposed username and password; empty when they are fine. */
  public List<SignupProblem> check(String username, String password, String confirmation) {
    List<SignupProblem> problems = new ArrayList<>();
    if (username == null || !USERNAME.matcher(username).matches()) {
      problems.add(SignupProblem.USERNAME_INVALID);
    } else if (find(username).isPresent()) {
      problems.add(SignupProblem.USERNAME_TAKEN);
    }
    String pw = password == null ? "" : password;
    if (pw.length() < MIN_PASSWORD_LENGTH) {
      problems.add(SignupProblem.PASSWORD_TOO_SHORT);
    } else if (pw.chars().allMatch(Character::isDigit)) {
      problems.add(SignupProblem.PASSWORD_NUMERIC);
    } else if (username != null
        && pw.toLowerCase(Locale.ROOT).contains(username.toLowerCase(Locale.ROOT))) {
      problems.add(SignupProblem.PASSWORD_SIMILAR);
    }
    if (confirmation != null && !confirmation.equals(pw)) {
      problems.add(SignupProblem.PASSWORDS_DIFFER);
    }
    return problems;
  }

  /** Creates a user account; {@code confirmation} may be null when the form has no second field. */
  @Transactional(rollbackOn = SignupRefused.class)
  public UserAccount register(String username, String password, String confirmation)
      throws SignupRefused {
    List<SignupProblem> problems = check(username, password, confirmation);
    if (!problems.isEmpty()) {
      throw new SignupRefused(problems);
    }
    UserAccount account =
        new UserAccount(
            username, passwordHash.generate(password.toCharArray()), Set.of(USER_ROLE));
    em.persist(account);
    return account;
  }

  /**
   * Lets the account log in and enter rooms, or stops it from doing so; false when there is no
   * such account.
   */
  @Transactional
  public boolean setEnabled(String username, boolean enabled) {
    Optional<UserAccount> account = find(username);
    account.ifPresent(a -> a.setEnabled(enabled));
    return account.isPresent();
  }

  /** Creates the admin account, or resets its password and makes it an admin. */
  @Transactional
  public void ensureAdmin(String username, String password) {
    String hash = passwordHash.generate(password.toCharArray());
    UserAccount account =
        find(username)
            .orElseGet(
                () -> {
                  UserAccount created = new UserAccount(username, hash, Set.of(USER_ROLE));
                  em.persist(created);
                  return created;
                });
    account.changePasswordHash(hash);
    account.grant(USER_ROLE);
    account.grant(ADMIN_ROLE);
    account.setEnabled(true);
  }
}
