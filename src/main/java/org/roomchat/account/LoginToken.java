package org.roomchat.account;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a logged-in browser holds in its login cookie: the id of its login (its row) and a random
 * secret, as {@code id.secret} in URL-safe Base64. Only the secret's SHA-256 is stored, so the
 * table alone logs nobody in; the id lets a stolen old secret be told from a wrong one.
 */
public record LoginToken(String id, String secret) {

  private static final int ID_BYTES = 16;
  private static final int SECRET_BYTES = 32;
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
  private static final Pattern FORMAT = Pattern.compile("[A-Za-z0-9_-]{22}\\.[A-Za-z0-9_-]{43}");

  /** A new login's token. */
  public static LoginToken generate() {
    return new LoginToken(random(ID_BYTES), random(SECRET_BYTES));
  }

  /** The token a cookie holds, or empty when it is not one this class could have made. */
  public static Optional<LoginToken> parse(String value) {
    if (value == null || !FORMAT.matcher(value).matches()) {
      return Optional.empty();
    }
    int dot = value.indexOf('.');
    return Optional.of(new LoginToken(value.substring(0, dot), value.substring(dot + 1)));
  }

  /** The same login with a new secret, as a rotation gives it. */
  public LoginToken rotated() {
    return new LoginToken(id, random(SECRET_BYTES));
  }

  /** The cookie's value. */
  public String value() {
    return id + "." + secret;
  }

  /** What the database keeps of the secret. */
  public String secretHash() {
    return hash(secret);
  }

  static String hash(String secret) {
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(sha256.digest(secret.getBytes(StandardCharsets.US_ASCII)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  private static String random(int bytes) {
    byte[] value = new byte[bytes];
    RANDOM.nextBytes(value);
    return ENCODER.encodeToString(value);
  }

  /** Never the secret: a token that reaches a log must not log anyone in. */
  @Override
  public String toString() {
    return "LoginToken[" + id + "]";
  }
}
