package org.roomchat.web;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The anti-CSRF token of a visitor's HTTP session: a random secret kept in the session, written
 * into every form (field {@value #FIELD}) and the page's {@code <meta name="csrf-token">} (for
 * scripts, which send it as header {@value #HEADER}). Each page gets the secret under a fresh
 * random mask, as Django does, so that a compressed page never repeats the same bytes (BREACH). The
 * secret is replaced at every login.
 *
 * <p>Views read {@code #{csrf.value}}: the first use in a request starts a session when there is
 * none, so controllers of pages with forms call {@link #prepare} before rendering (a session
 * started after the response is committed could not set its cookie).
 */
@Named("csrf")
@RequestScoped
public class CsrfToken {

  public static final String FIELD = "csrf_token";
  public static final String HEADER = "X-CSRF-Token";

  private static final String ATTRIBUTE = CsrfToken.class.getName();
  private static final int SECRET_BYTES = 32;
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

  @Inject HttpServletRequest request;
  @Inject SessionSettings settings;

  private String masked;

  /** The token for this page's forms, the same for every form of one page. */
  public String getValue() {
    if (masked == null) {
      masked = mask(issue(request, settings));
    }
    return masked;
  }

  /**
   * Starts the visitor's session and token before a page with a form is written, so that the
   * session cookie goes out with the page's headers.
   */
  public void prepare() {
    getValue();
  }

  /** Whether this visitor has a token already; pages show it to scripts only then. */
  public boolean isIssued() {
    HttpSession session = request.getSession(false);
    try {
      return session != null && secret(session) != null;
    } catch (IllegalStateException invalidated) {
      return false;
    }
  }

  /**
   * The session's secret, creating the session and the secret when missing. A session started here
   * holds no login yet, so it gets the shorter idle timeout of anonymous sessions.
   */
  static byte[] issue(HttpServletRequest request, SessionSettings settings) {
    HttpSession session = request.getSession(false);
    if (session == null) {
      session = request.getSession(true);
      session.setMaxInactiveInterval(SessionLogin.seconds(settings.anonymousIdle()));
    }
    // Two first pages of one session at once must not each store a different secret.
    synchronized (CsrfToken.class) {
      byte[] secret = secret(session);
      if (secret == null) {
        secret = rotate(session);
      }
      return secret;
    }
  }

  /** Replaces the session's secret, so that no token shown before (to anyone) works any more. */
  static byte[] rotate(HttpSession session) {
    byte[] secret = new byte[SECRET_BYTES];
    RANDOM.nextBytes(secret);
    session.setAttribute(ATTRIBUTE, ENCODER.encodeToString(secret));
    return secret;
  }

  /**
   * Whether the request carries its session's token, in the header or else in the form field.
   * Compared in constant time.
   */
  static boolean presentedBy(HttpServletRequest request) {
    HttpSession session = request.getSession(false);
    byte[] secret;
    try {
      secret = session == null ? null : secret(session);
    } catch (IllegalStateException invalidated) {
      return false; // ended meanwhile by another request of this browser
    }
    if (secret == null) {
      return false;
    }
    String presented = request.getHeader(HEADER);
    if (presented == null) {
      presented = request.getParameter(FIELD);
    }
    byte[] unmasked = unmask(presented);
    return unmasked != null && MessageDigest.isEqual(secret, unmasked);
  }

  private static byte[] secret(HttpSession session) {
    Object stored = session.getAttribute(ATTRIBUTE);
    return stored instanceof String text ? DECODER.decode(text) : null;
  }

  /** A random mask followed by the secret XOR the mask, in URL-safe Base64. */
  static String mask(byte[] secret) {
    byte[] token = new byte[secret.length * 2];
    byte[] mask = new byte[secret.length];
    RANDOM.nextBytes(mask);
    for (int i = 0; i < secret.length; i++) {
      token[i] = mask[i];
      token[secret.length + i] = (byte) (secret[i] ^ mask[i]);
    }
    return ENCODER.encodeToString(token);
  }

  /** The secret inside a token, or null when the token is not one this class could have made. */
  static byte[] unmask(String token) {
    if (token == null) {
      return null;
    }
    byte[] bytes;
    try {
      bytes = DECODER.decode(token.strip());
    } catch (IllegalArgumentException notBase64) {
      return null;
    }
    if (bytes.length != SECRET_BYTES * 2) {
      return null;
    }
    byte[] secret = new byte[SECRET_BYTES];
    for (int i = 0; i < SECRET_BYTES; i++) {
      secret[i] = (byte) (bytes[i] ^ bytes[SECRET_BYTES + i]);
    }
    return secret;
  }
}
