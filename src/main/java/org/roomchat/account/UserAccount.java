package org.roomchat.account;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

/**
 * A person who can log in. The password is kept only as a PBKDF2 hash. The username is kept as
 * shown, and beside it the key names are compared by (see {@link UsernamePolicy#key}).
 */
@Entity
@Table(name = "user_account")
@NamedQuery(
    name = UserAccount.BY_USERNAME,
    query = "select u from UserAccount u where u.username = :username")
@NamedQuery(
    name = UserAccount.BY_NAME_KEY,
    query = "select u from UserAccount u where u.nameKey = :nameKey")
@NamedQuery(
    name = UserAccount.LOOKALIKE_HASHES_TAKEN,
    query = "select h from UserAccount u join u.lookalikeHashes h where h in :hashes")
@NamedQuery(
    name = UserAccount.WITHOUT_LOOKALIKE_HASHES,
    query = "select u from UserAccount u where u.lookalikeHashes is empty order by u.id")
@NamedQuery(
    name = UserAccount.WITH_ROLE,
    query = "select u from UserAccount u where :role member of u.roles order by u.id")
@NamedQuery(
    name = UserAccount.WITH_LEGACY_MARK,
    query =
        "select u from UserAccount u where u.nameKey like '"
            + UserAccount.LEGACY_MARK
            + "%' order by u.id")
public class UserAccount {

  public static final String BY_USERNAME = "UserAccount.byUsername";
  public static final String BY_NAME_KEY = "UserAccount.byNameKey";
  public static final String LOOKALIKE_HASHES_TAKEN = "UserAccount.lookalikeHashesTaken";
  public static final String WITHOUT_LOOKALIKE_HASHES = "UserAccount.withoutLookalikeHashes";
  public static final String WITH_LEGACY_MARK = "UserAccount.withLegacyMark";
  public static final String WITH_ROLE = "UserAccount.withRole";

  /**
   * Starts the key of an account made before names had keys, whose key the schema migration could
   * not compute (V3); no name can contain it.
   */
  static final String LEGACY_MARK = "~";

  @Id
  @SequenceGenerator(
      name = "user_account_seq",
      sequenceName = "user_account_seq",
      allocationSize = 50)
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "user_account_seq")
  private Long id;

  @Column(nullable = false, unique = true, length = 150)
  private String username;

  @Column(name = "name_key", nullable = false, unique = true, length = 600)
  private String nameKey;

  /**
   * The hashes of the name's lookalike forms ({@link UsernamePolicy#lookalikeHashes}), each unique
   * among all accounts. Empty for an account made before them until the next start fills them (V8);
   * an account whose name looks like an older one's keeps only the forms nobody had.
   */
  @ElementCollection
  @CollectionTable(name = "user_lookalike", joinColumns = @JoinColumn(name = "user_id"))
  @Column(name = "form_hash", nullable = false, length = 64)
  private Set<String> lookalikeHashes = new HashSet<>();

  @Column(name = "password_hash", nullable = false, length = 512)
  private String passwordHash;

  @Column(nullable = false)
  private boolean enabled = true;

  /** Set with a one-time password: the user must choose a new one before anything else. */
  @Column(name = "must_change_password", nullable = false)
  private boolean mustChangePassword;

  /**
   * Whether the admin settings (CHAT_ADMIN_USERNAME) made this account: only such an account, or
   * one that is an admin already, is theirs to update at a later start.
   */
  @Column(name = "bootstrap_admin", nullable = false)
  private boolean bootstrapAdmin;

  @Column(name = "created_at", nullable = false)
  private OffsetDateTime createdAt;

  @ElementCollection(fetch = FetchType.EAGER)
  @CollectionTable(name = "user_role", joinColumns = @JoinColumn(name = "user_id"))
  @Column(name = "role", nullable = false, length = 50)
  private Set<String> roles = new HashSet<>();

  protected UserAccount() {}

  public UserAccount(String username, String passwordHash, Set<String> roles) {
    this.username = Objects.requireNonNull(username, "username");
    this.nameKey = UsernamePolicy.key(username);
    this.lookalikeHashes = new HashSet<>(UsernamePolicy.lookalikeHashes(username));
    this.passwordHash = Objects.requireNonNull(passwordHash, "passwordHash");
    this.roles = new HashSet<>(roles);
    this.createdAt = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
  }

  public Long getId() {
    return id;
  }

  public String getUsername() {
    return username;
  }

  public boolean isEnabled() {
    return enabled;
  }

  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  public boolean isMustChangePassword() {
    return mustChangePassword;
  }

  void setMustChangePassword(boolean mustChangePassword) {
    this.mustChangePassword = mustChangePassword;
  }

  String getPasswordHash() {
    return passwordHash;
  }

  public boolean isBootstrapAdmin() {
    return bootstrapAdmin;
  }

  void markBootstrapAdmin() {
    bootstrapAdmin = true;
  }

  public OffsetDateTime getCreatedAt() {
    return createdAt;
  }

  public Set<String> getRoles() {
    return Set.copyOf(roles);
  }

  void changeNameKey(String nameKey) {
    this.nameKey = Objects.requireNonNull(nameKey, "nameKey");
  }

  void addLookalikeHashes(Set<String> hashes) {
    lookalikeHashes.addAll(hashes);
  }

  void changePasswordHash(String passwordHash) {
    this.passwordHash = Objects.requireNonNull(passwordHash, "passwordHash");
  }

  /** Gives the account a role; returns whether it did not have it. */
  boolean grant(String role) {
    return roles.add(role);
  }
}
