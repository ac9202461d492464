package org.roomchat.account;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The value of a device cookie (OWASP's "device cookies" against online guessing): proof that this
 * browser once logged into an account, so that its login attempts for that account count in a
 * bucket of its own rather than in the one strangers can fill.
 *
 * <p>One entry per account the browser logged into, newest first, at most {@link #MAX_ACCOUNTS}: a
 * random nonce (the device's name for the limits), when it was issued, and an HMAC-SHA256 under the
 * servers' shared key of both and of the account's lookup key ({@link UsernamePolicy#lookupKey}, so
 * every spelling of the name is the one account). The account's name is not in the cookie, only
 * bound by the HMAC; nothing in it logs anyone in. Entries are joined by dots, each 75 URL-safe
 * Base64 characters, so the cookie needs no quoting.
 */
public final class DeviceCookie {

  /** How long an entry is good after its login: about as long as the browser keeps it. */
  public static final Duration LIFETIME = Duration.ofDays(365);

  /** Accounts one browser is known for at once (a shared computer, an admin's own account). */
  static final int MAX_ACCOUNTS = 5;

  private static final int NONCE_BYTES = 16;
  private static final int TIME_BYTES = Long.BYTES;
  private static final int MAC_BYTES = 32;
  private static final int ENTRY_BYTES = NONCE_BYTES + TIME_BYTES + MAC_BYTES;
  private static final int ENTRY_CHARS = 75; // ENTRY_BYTES in Base64 without padding
  private static final int MAX_VALUE_CHARS = MAX_ACCOUNTS * (ENTRY_CHARS + 1);

  /** How far another node's clock may run ahead; an entry issued later than that is refused. */
  private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

  /** Keeps an HMAC of this key apart from any other use the same key could be put to. */
  private static final byte[] PURPOSE =
      "roomchat device cookie v1\0".getBytes(StandardCharsets.US_ASCII);

  private static final Pattern ENTRY = Pattern.compile("[A-Za-z0-9_-]{" + ENTRY_CHARS + "}");
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

  private final SecretKeySpec key;
  private final Clock clock;

  /** Entries signed with this key (at least 32 bytes), aged by this clock. */
  public DeviceCookie(byte[] key, Clock clock) {
    if (key.length < MAC_BYTES) {
      throw new IllegalArgumentException("a device cookie key needs at least 32 bytes");
    }
    this.key = new SecretKeySpec(key, "HmacSHA256");
    this.clock = clock;
  }

  /**
   * The device this cookie value proves for the account with this lookup key: the nonce of its
   * entry for the account, if one is there, signed with this key and not expired. A forged,
   * altered, expired or other account's entry proves nothing.
   */
  public Optional<String> device(String value, String accountKey) {
    Instant now = clock.instant();
    for (byte[] entry : entries(value)) {
      if (isFor(entry, accountKey) && isCurrent(entry, now)) {
        return Optional.of(ENCODER.encodeToString(Arrays.copyOf(entry, NONCE_BYTES)));
      }
    }
    return Optional.empty();
  }

  /**
   * The cookie value to hand the browser after it logged into this account: a new entry for it
   * first, then the browser's entries for other accounts that have not expired (whose signatures
   * are checked when they are presented), up to {@link #MAX_ACCOUNTS} in all. The current value may
   * be null or anything at all.
   */
  public String afterLogin(String current, String accountKey) {
    Instant now = clock.instant();
    List<String> kept = new ArrayList<>();
    kept.add(ENCODER.encodeToString(newEntry(accountKey, now)));
    for (byte[] entry : entries(current)) {
      if (kept.size() == MAX_ACCOUNTS) {
        break;
      }
      if (!isFor(entry, accountKey) && isCurrent(entry, now)) {
        kept.add(ENCODER.encodeToString(entry));
      }
    }
    return String.join(".", kept);
  }

  private byte[] newEntry(String accountKey, Instant now) {
    byte[] nonce = new byte[NONCE_BYTES];
    RANDOM.nextBytes(nonce);
    byte[] signed =
        ByteBuffer.allocate(NONCE_BYTES + TIME_BYTES)
            .put(nonce)
            .putLong(now.getEpochSecond())
            .array();
    return ByteBuffer.allocate(ENTRY_BYTES).put(signed).put(mac(signed, accountKey)).array();
  }

  /**
   * The well-formed entries of a value, each in the one spelling this class writes; nothing for a
   * value longer than any this class makes, so a request's cost is bounded.
   */
  private static List<byte[]> entries(String value) {
    List<byte[]> entries = new ArrayList<>();
    if (value == null || value.length() > MAX_VALUE_CHARS) {
      return entries;
    }
    for (String part : value.split("\\.", -1)) {
      if (ENTRY.matcher(part).matches()) {
        byte[] entry = DECODER.decode(part);
        if (ENCODER.encodeToString(entry).equals(part)) {
          entries.add(entry);
        }
      }
    }
    return entries;
  }

  private boolean isFor(byte[] entry, String accountKey) {
    byte[] signed = Arrays.copyOf(entry, NONCE_BYTES + TIME_BYTES);
    byte[] presented = Arrays.copyOfRange(entry, NONCE_BYTES + TIME_BYTES, ENTRY_BYTES);
    return MessageDigest.isEqual(mac(signed, accountKey), presented);
  }

  private static boolean isCurrent(byte[] entry, Instant now) {
    Instant issued =
        Instant.ofEpochSecond(ByteBuffer.wrap(entry, NONCE_BYTES, TIME_BYTES).getLong());
    return issued.isBefore(now.plus(CLOCK_SKEW)) && now.isBefore(issued.plus(LIFETIME));
  }

  /** HMAC of the purpose, the nonce and issue time (fixed length, last) and the account between. */
  private byte[] mac(byte[] signed, String accountKey) {
    try {
      Mac hmac = Mac.getInstance("HmacSHA256");
      hmac.init(key);
      hmac.update(PURPOSE);
      hmac.update(accountKey.getBytes(StandardCharsets.UTF_8));
      return hmac.doFinal(signed);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every Java platform has HmacSHA256", e);
    }
  }
}
