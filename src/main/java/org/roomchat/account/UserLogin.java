package org.roomchat.account;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * One login of an account: what its cookie's secret hashes to (and, for a while after a
 * rotation, what the one before hashed to), when it ends and which browser it is. A login "kept
 * signed in" lives {@code chat.login.remember-days} from its last rotation; any other ends with
 * its browser's session cookie, after {@code chat.session.idle-minutes} without use, or {@code
 * chat.session.max-hours} after it began.
 */
@Entity
@Table(name = "user_login")
@NamedQuery(
    name = UserLogin.OF_ACCOUNT,
    query = "select l from UserLogin l where l.account = :account order by l.lastUsedAt desc")
@NamedQuery(
    name = UserLogin.REVOKE_ALL,
    query = "delete from UserLogin l where l.account = :account")
@NamedQuery(name = UserLogin.PURGE, query = "delete from UserLogin l where l.expiresAt < :now")
public class UserLogin {

  public static final String OF_ACCOUNT = "UserLogin.ofAccount";
  public static final String REVOKE_ALL = "UserLogin.revokeAll";
  public static final String PURGE = "UserLogin.purge";

  /** Hex digits of a {@link #handle()}: 128 bits. */
  private static final int HANDLE_LENGTH = 32;

  /** What a presented token is worth. */
  public enum Verdict {
    /** The current secret. */
    CURRENT,
    /** The secret before the last rotation, presented within the grace period: still good. */
    PREVIOUS,
    /** The login ran out, or its account was disabled. */
    EXPIRED,
    /** An old secret after its grace period, or one never issued: the login was stolen. */
    REUSED
  }

  @Id
  @Column(length = 32)
  private String id;

  @ManyToOne(optional = false, fetch = FetchType.EAGER)
  @JoinColumn(name = "user_id", nullable = false)
  private UserAccount account;

  @Column(name = "token_hash", nullable = false, length = 64)
  private String tokenHash;

  @Column(name = "previous_hash", length = 64)
  private String previousHash;

  /** How many times the secret was replaced: a session remembers the one it was built on. */
  @Column(nullable = false)
  private long generation;

  @Column(name = "rotated_at", nullable = false)
  private OffsetDateTime rotatedAt;

  @Column(name = "created_at", nullable = false)
  private OffsetDateTime createdAt;

  @Column(name = "last_used_at", nullable = false)
  private OffsetDateTime lastUsedAt;

  @Column(name = "expires_at", nullable = false)
  private OffsetDateTime expiresAt;

  @Column(nullable = false)
  private boolean persistent;

  @Column(nullable = false, length = 200)
  private String agent;

  /** When the password was last typed for this login; null for logins made before the column. */
  @Column(name = "password_at")
  private OffsetDateTime passwordAt;

  protected UserLogin() {}

  UserLogin(
      LoginToken token,
      UserAccount account,
      boolean persistent,
      String agent,
      Instant now,
      Instant expires) {
    this.id = token.id();
    this.account = account;
    this.tokenHash = token.secretHash();
    this.rotatedAt = at(now);
    this.createdAt = at(now);
    this.lastUsedAt = at(now);
    this.expiresAt = at(expires);
    this.persistent = persistent;
    this.agent = agent;
    this.passwordAt = at(now);
  }

  /**
   * What the secret is worth at {@code now}. The previous secret passes for {@code grace} after a
   * rotation (a page and its socket may both be on their way with it); past that, or a secret this
   * login never had, means someone else holds a copy of the cookie.
   */
  public Verdict check(String presentedSecret, Instant now, Duration idle, Duration grace) {
    if (!isLive(now, idle)) {
      return Verdict.EXPIRED;
    }
    String presented = LoginToken.hash(presentedSecret);
    if (same(presented, tokenHash)) {
      return Verdict.CURRENT;
    }
    if (previousHash != null
        && same(presented, previousHash)
        && now.isBefore(rotatedAt.toInstant().plus(grace))) {
      return Verdict.PREVIOUS;
    }
    return Verdict.REUSED;
  }

  /**
   * What a session built on this generation of the secret is worth at {@code now}, by the rules of
   * {@link #check}: the current generation passes, the one before only for {@code grace} after the
   * rotation, and any older one means the session belongs to a copy of the cookie.
   */
  public Verdict checkGeneration(long built, Instant now, Duration idle, Duration grace) {
    if (!isLive(now, idle)) {
      return Verdict.EXPIRED;
    }
    if (built == generation) {
      return Verdict.CURRENT;
    }
    if (built == generation - 1 && now.isBefore(rotatedAt.toInstant().plus(grace))) {
      return Verdict.PREVIOUS;
    }
    return Verdict.REUSED;
  }

  /**
   * Whether the login still holds at {@code now}: its account enabled, its lifetime not over, and,
   * unless kept signed in, used within {@code idle}.
   */
  public boolean isLive(Instant now, Duration idle) {
    return account.isEnabled()
        && now.isBefore(expiresAt.toInstant())
        && (persistent || now.isBefore(lastUsedAt.toInstant().plus(idle)));
  }

  /** Whether the secret is old enough to be replaced at the next page the browser loads. */
  public boolean rotationDue(Instant now, Duration every) {
    return !now.isBefore(rotatedAt.toInstant().plus(every));
  }

  /**
   * Takes a new secret; the one before stays good for the grace period. A kept login then lives
   * its full lifetime again from now.
   */
  void rotate(LoginToken next, Instant now, Duration lifetime) {
    previousHash = tokenHash;
    tokenHash = next.secretHash();
    generation++;
    rotatedAt = at(now);
    if (persistent) {
      expiresAt = at(now.plus(lifetime));
    }
  }

  /** Notes that the account's password was typed again for this login. */
  void passwordEntered(Instant now) {
    passwordAt = at(now);
  }

  /** Notes a use; returns whether that changed the row (at most once per {@code every}). */
  boolean touch(Instant now, Duration every) {
    if (now.isBefore(lastUsedAt.toInstant().plus(every))) {
      return false;
    }
    lastUsedAt = at(now);
    return true;
  }

  private static boolean same(String a, String b) {
    return MessageDigest.isEqual(
        a.getBytes(StandardCharsets.US_ASCII), b.getBytes(StandardCharsets.US_ASCII));
  }

  private static OffsetDateTime at(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }

  public String getId() {
    return id;
  }

  public UserAccount getAccount() {
    return account;
  }

  /** The generation of the current secret: 0 at the login, one more at each rotation. */
  public long getGeneration() {
    return generation;
  }

  public boolean isPersistent() {
    return persistent;
  }

  public Instant getExpiresAt() {
    return expiresAt.toInstant();
  }

  public Instant getLastUsedAt() {
    return lastUsedAt.toInstant();
  }

  public Instant getCreatedAt() {
    return createdAt.toInstant();
  }

  public String getAgent() {
    return agent;
  }

  /** When the password was last typed for this login: at the login itself, or since. */
  public Instant getPasswordAt() {
    return (passwordAt == null ? createdAt : passwordAt).toInstant();
  }

  /**
   * A name for this login that pages may show and forms may send back: a login's id is half of
   * its cookie, and a cookie with the right id and a wrong secret revokes the login as stolen.
   */
  public String handle() {
    return LoginToken.hash(id).substring(0, HANDLE_LENGTH);
  }
}
