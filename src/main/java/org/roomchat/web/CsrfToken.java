package org.roomchat.web;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The anti-CSRF token, as Django keeps it: a random secret in a cookie of its own ({@value
 * #COOKIE}), written into every form (field {@value #FIELD}) and the page's {@code <meta
 * name="csrf-token">} (for scripts, which send it as header {@value #HEADER}). A post must carry
 * the secret its cookie holds: a page of another site can make the browser send the cookie, but
 * cannot read it to write the form. Held in a cookie rather than a session, the token works on
 * whichever node a post lands. Each page gets the secret under a fresh random mask, so that a
 * compressed page never repeats the same bytes (BREACH). The secret is replaced at every login.
 *
 * <p>{@link CsrfFilter} gives every page request a secret before the page is written; views read
 * {@code #{csrf.value}}.
 */
@Named("csrf")
@RequestScoped
public class CsrfToken {

  public static final String FIELD = "csrf_token";
  public static final String HEADER = "X-CSRF-Token";
  static final String COOKIE = "roomchat_csrf";

  /** The request attribute holding a secret issued during this request. */
  private static final String ISSUED = CsrfToken.class.getName();

  private static final int SECRET_BYTES = 32;
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

  @Inject HttpServletRequest request;
  @Inject LoginCookie cookies;

  private String masked;

  /** The token for this page's forms, the same for every form of one page; empty without one. */
  public String getValue() {
    if (masked == null) {
      byte[] secret = secret(request);
      masked = secret == null ? "" : mask(secret);
    }
    return masked;
  }

  /** Whether this visitor has a secret; pages show it to scripts only then. */
  public boolean isIssued() {
    return secret(request) != null;
  }

  /** Gives a visitor without a secret one, before the page's headers go out. */
  void ensure(HttpServletRequest page, HttpServletResponse response) {
    if (secret(page) == null) {
      rotate(page, response);
    }
  }

  /** Replaces the visitor's secret, so that no token shown before (to anyone) works any more. */
  void rotate(HttpServletRequest page, HttpServletResponse response) {
    byte[] secret = new byte[SECRET_BYTES];
    RANDOM.nextBytes(secret);
    String value = ENCODER.encodeToString(secret);
    page.setAttribute(ISSUED, value);
    response.addCookie(cookies.cookie(page, COOKIE, value));
    masked = null;
  }

  /** The secret of this request: one issued while it runs, else its cookie's. */
  private static byte[] secret(HttpServletRequest request) {
    Object issued = request.getAttribute(ISSUED);
    String value =
        issued instanceof String text ? text : LoginCookie.value(request, COOKIE).orElse(null);
    return decode(value);
  }

  /**
   * Whether the request carries its cookie's token, in the header or else in the form field.
   * Compared in constant time.
   */
  static boolean presentedBy(HttpServletRequest request) {
    byte[] secret = decode(LoginCookie.value(request, COOKIE).orElse(null));
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

  /** A cookie's secret, or null when it is not one this class could have made. */
  static byte[] decode(String value) {
    if (value == null) {
      return null;
    }
    try {
      byte[] secret = DECODER.decode(value);
      return secret.length == SECRET_BYTES ? secret : null;
    } catch (IllegalArgumentException notBase64) {
      return null;
    }
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
