package org.roomchat.account;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Base64;

/**
 * A secret every node shares, kept in the database under the name of its purpose: 256 random bits,
 * made once by the first node that needs it (the migration leaves it empty). Never shown, not even
 * by {@code toString}.
 */
@Entity
@Table(name = "server_secret")
public class ServerSecret {

  private static final int BYTES = 32;
  private static final SecureRandom RANDOM = new SecureRandom();

  @Id
  @Column(length = 40)
  private String name;

  @Column(nullable = false, length = 64)
  private String secret;

  @Column(name = "created_at", nullable = false)
  private OffsetDateTime createdAt;

  protected ServerSecret() {}

  /** Whether the secret was made (it is empty until then). */
  boolean isMade() {
    return !secret.isEmpty();
  }

  /** Makes the secret: random bytes from the platform's strong source. */
  void make(Instant now) {
    byte[] bytes = new byte[BYTES];
    RANDOM.nextBytes(bytes);
    secret = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    createdAt = now.atOffset(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
  }

  /** The secret's bytes. */
  byte[] bytes() {
    return Base64.getUrlDecoder().decode(secret);
  }

  @Override
  public String toString() {
    return "ServerSecret[" + name + "]";
  }
}
