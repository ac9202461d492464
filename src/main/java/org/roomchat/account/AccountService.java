package org.roomchat.account;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Creates and finds accounts; passwords are stored as PBKDF2 hashes only. Names are unique without
 * regard to case or Unicode compatibility forms (see {@link UsernamePolicy}).
 */
@ApplicationScoped
public class AccountService {

  public static final String USER_ROLE = "user";
  public static final String ADMIN_ROLE = "admin";

  @PersistenceContext(unitName = "roomchat")
  EntityManager em;

  @Inject PasswordHashing hashing;
  @Inject Event<LoginsRevoked> revoked;

  private PasswordPolicy passwords;

  @PostConstruct
  void loadPasswordPolicy() {
    passwords = new PasswordPolicy();
  }

  /** The id of the account of this name (as {@link #find} finds it) if it may log in and chat. */
  @Transactional
  public OptionalLong enabledAccountId(String username) {
    return find(username)
        .filter(UserAccount::isEnabled)
        .map(account -> OptionalLong.of(account.getId()))
        .orElseGet(OptionalLong::empty);
  }

  /**
   * The account of this name: the one stored under exactly this name, else the one whose key it
   * has, so {@code ADMIN} finds {@code admin}. The exact match comes first for accounts made before
   * names were compared by key, when {@code Admin} and {@code admin} could both be made.
   */
  // A transaction of its own: a socket's open runs after its upgrade request has ended.
  @Transactional
  public Optional<UserAccount> find(String username) {
    Optional<String> key = UsernamePolicy.lookupKey(username);
    if (key.isEmpty()) {
      return Optional.empty();
    }
    Optional<UserAccount> exact =
        em.createNamedQuery(UserAccount.BY_USERNAME, UserAccount.class)
            .setParameter("username", username)
            .getResultStream()
            .findFirst();
    if (exact.isPresent()) {
      return exact;
    }
    return em.createNamedQuery(UserAccount.BY_NAME_KEY, UserAccount.class)
        .setParameter("nameKey", key.get())
        .getResultStream()
        .findFirst();
  }

  /** The rules every new password follows, at sign-up and at every change. */
  PasswordPolicy passwordPolicy() {
    return passwords;
  }

  /** Why a sign-up was refused; each problem is a message key with a default English text. */
  public enum SignupProblem {
    USERNAME_INVALID("Usernames are 1-150 letters, digits and @ . + - _ only."),
    USERNAME_INVISIBLE(
        "Usernames cannot contain invisible or formatting characters, such as zero-width joiners,"
            + " direction marks or variation selectors."),
    USERNAME_MIXED_SCRIPTS(
        "Usernames cannot mix alphabets whose letters look alike, such as Latin and Cyrillic,"
            + " or digits of different kinds."),
    USERNAME_DOTS("A username cannot be only dots."),
    USERNAME_TAKEN("That username is taken."),
    USERNAME_LOOKALIKE(
        "That username looks too much like one that is taken, for example by a letter of another"
            + " alphabet or a digit in place of a letter."),
    PASSWORD_TOO_SHORT("The password must be at least 8 characters."),
    PASSWORD_NUMERIC("The password cannot be entirely numeric."),
    PASSWORD_SIMILAR("The password is too similar to the username."),
    PASSWORD_COMMON("This password is one of the most commonly used passwords."),
    PASSWORD_WEAK(
        "This password is too easy to guess. A few unrelated words, or a longer mix of letters,"
            + " digits and symbols, make a stronger one."),
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
    String name = username;
    Optional<SignupProblem> nameProblem = UsernamePolicy.problem(username);
    if (nameProblem.isPresent()) {
      problems.add(nameProblem.get());
    } else {
      name = UsernamePolicy.normalise(username);
      if (find(name).isPresent()) {
        problems.add(SignupProblem.USERNAME_TAKEN);
      } else if (lookalikeTaken(name)) {
        problems.add(SignupProblem.USERNAME_LOOKALIKE);
      }
    }
    passwords.problem(password, name).ifPresent(problems::add);
    if (confirmation != null && !confirmation.equals(password == null ? "" : password)) {
      problems.add(SignupProblem.PASSWORDS_DIFFER);
    }
    return problems;
  }

  /**
   * Creates a user account under the normalised name; {@code confirmation} may be null when the
   * form has no second field.
   */
  @Transactional(rollbackOn = SignupRefused.class)
  public UserAccount register(String username, String password, String confirmation)
      throws SignupRefused {
    List<SignupProblem> problems = check(username, password, confirmation);
    if (!problems.isEmpty()) {
      throw new SignupRefused(problems);
    }
    UserAccount account =
        new UserAccount(
            UsernamePolicy.normalise(username),
            hashing.generate(password.toCharArray()),
            Set.of(USER_ROLE));
    em.persist(account);
    try {
      em.flush();
    } catch (PersistenceException e) {
      if (isUniqueViolation(e)) {
        // Another sign-up took the name, or a lookalike, since the check: the loser is told so.
        throw new SignupRefused(List.of(SignupProblem.USERNAME_TAKEN));
      }
      throw e;
    }
    return account;
  }

  private boolean lookalikeTaken(String name) {
    return !lookalikeHashesTaken(UsernamePolicy.lookalikeHashes(name)).isEmpty();
  }

  /** Which of these lookalike hashes an account has already. */
  private Set<String> lookalikeHashesTaken(Set<String> hashes) {
    if (hashes.isEmpty()) {
      return Set.of();
    }
    return new HashSet<>(
        em.createNamedQuery(UserAccount.LOOKALIKE_HASHES_TAKEN, String.class)
            .setParameter("hashes", hashes)
            .getResultList());
  }

  /** SQL's integrity-constraint class (23): here, a unique name, key or lookalike taken. */
  private static boolean isUniqueViolation(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof SQLException sql
          && sql.getSQLState() != null
          && sql.getSQLState().startsWith("23")) {
        return true;
      }
    }
    return false;
  }

  /**
   * Gives the accounts the schema migration marked (names beyond ASCII, made before names had keys)
   * the key of their name, oldest first. One whose key another account holds already keeps its
   * mark: it still logs in by its exact name. Returns how many keep their mark.
   */
  @Transactional
  public int completeLegacyNameKeys() {
    List<UserAccount> marked =
        em.createNamedQuery(UserAccount.WITH_LEGACY_MARK, UserAccount.class).getResultList();
    Set<String> given = new HashSet<>();
    int kept = 0;
    for (UserAccount account : marked) {
      String key = UsernamePolicy.key(account.getUsername());
      boolean free =
          !key.startsWith(UserAccount.LEGACY_MARK)
              && key.length() <= UsernamePolicy.MAX_KEY_LENGTH
              && !given.contains(key)
              && em.createNamedQuery(UserAccount.BY_NAME_KEY, UserAccount.class)
                  .setParameter("nameKey", key)
                  .getResultList()
                  .isEmpty();
      if (free) {
        account.changeNameKey(key);
        given.add(key);
      } else {
        kept++;
      }
    }
    return kept;
  }

  /**
   * Gives the accounts made before names had their lookalike forms (V8) the hashes of theirs,
   * oldest first. A form an older account holds already is not given again: the younger account
   * keeps its name and its logins, and only does not block new lookalikes through that form, which
   * the older one blocks. Returns how many accounts lack a form that way.
   */
  @Transactional
  public int completeLookalikeHashes() {
    List<UserAccount> unfilled =
        em.createNamedQuery(UserAccount.WITHOUT_LOOKALIKE_HASHES, UserAccount.class)
            .getResultList();
    Set<String> given = new HashSet<>();
    int lacking = 0;
    for (UserAccount account : unfilled) {
      Set<String> hashes = UsernamePolicy.lookalikeHashes(account.getUsername());
      Set<String> free = new HashSet<>(hashes);
      free.removeAll(given);
      free.removeAll(lookalikeHashesTaken(free));
      account.addLookalikeHashes(free);
      given.addAll(free);
      if (free.size() < hashes.size()) {
        lacking++;
      }
    }
    return lacking;
  }

  /**
   * Whether the account under this stored name (a login's own name) exists and is enabled: a
   * session whose account was disabled or removed meanwhile must end.
   */
  @Transactional
  public boolean isEnabled(String storedName) {
    return em.createNamedQuery(UserAccount.BY_USERNAME, UserAccount.class)
        .setParameter("username", storedName)
        .getResultStream()
        .findFirst()
        .map(UserAccount::isEnabled)
        .orElse(false);
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

  /**
   * Ends every login of the account: their rows now, their sessions at their next request and their
   * sockets on every node once the transaction commits. Whatever changes an account's password or
   * roles calls this, so that no login outlives what it was granted on.
   */
  public void endLogins(UserAccount account, boolean accountDisabled) {
    em.createNamedQuery(UserLogin.REVOKE_ALL).setParameter("account", account).executeUpdate();
    revoked.fire(new LoginsRevoked(account.getUsername(), Optional.empty(), accountDisabled));
  }

  /** What the admin settings did to the account they name. */
  public enum AdminOutcome {
    /** The name was free: the account was made, an admin, and marked as the settings' own. */
    CREATED,
    /** The account (the settings' own, or an admin) already had that password and role. */
    UNCHANGED,
    /** The account (the settings' own, or an admin) got the password or role: its logins ended. */
    UPDATED,
    /** Someone else's account has the name: it was left as it is. */
    REFUSED
  }

  /**
   * Makes the account the admin settings name the admin, with their password, if it is theirs to
   * make: a free name becomes a new account, marked as the settings' own; an existing account is
   * updated only if the settings made it or it is an admin already, and any other is refused, so
   * that nobody who signs up a name before an operator chooses it becomes the admin. A change of
   * password or role ends all the account's logins. The name and the password must pass the sign-up
   * rules (an existing name aside). An account that an admin has disabled stays disabled: a restart
   * must not undo that decision (another admin enables it again).
   */
  @Transactional(rollbackOn = SignupRefused.class)
  public AdminOutcome ensureAdmin(String username, String password) throws SignupRefused {
    List<SignupProblem> problems = new ArrayList<>();
    UsernamePolicy.problem(username).ifPresent(problems::add);
    String name = problems.isEmpty() ? UsernamePolicy.normalise(username) : username;
    passwords.problem(password, name).ifPresent(problems::add);
    if (!problems.isEmpty()) {
      throw new SignupRefused(problems);
    }
    Optional<UserAccount> existing = find(name);
    if (existing.isEmpty()) {
      if (lookalikeTaken(name)) {
        throw new SignupRefused(List.of(SignupProblem.USERNAME_LOOKALIKE));
      }
      UserAccount created =
          new UserAccount(
              name, hashing.generate(password.toCharArray()), Set.of(USER_ROLE, ADMIN_ROLE));
      created.markBootstrapAdmin();
      em.persist(created);
      return AdminOutcome.CREATED;
    }
    UserAccount account = existing.get();
    if (!account.isBootstrapAdmin() && !account.getRoles().contains(ADMIN_ROLE)) {
      return AdminOutcome.REFUSED;
    }
    boolean changed = false;
    if (!hashing.verify(password.toCharArray(), account.getPasswordHash())) {
      account.changePasswordHash(hashing.generate(password.toCharArray()));
      changed = true;
    }
    changed |= account.grant(USER_ROLE);
    changed |= account.grant(ADMIN_ROLE);
    if (!changed) {
      return AdminOutcome.UNCHANGED;
    }
    endLogins(account, false);
    return AdminOutcome.UPDATED;
  }

  /** The names of the admins other than the account this name finds, oldest first. */
  @Transactional
  public List<String> adminsOtherThan(String username) {
    Optional<Long> named = find(username).map(UserAccount::getId);
    return em.createNamedQuery(UserAccount.WITH_ROLE, UserAccount.class)
        .setParameter("role", ADMIN_ROLE)
        .getResultStream()
        .filter(admin -> named.map(id -> !id.equals(admin.getId())).orElse(true))
        .map(UserAccount::getUsername)
        .toList();
  }
}
