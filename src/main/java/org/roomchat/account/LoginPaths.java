package org.roomchat.account;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** The login page's address, and where to send a user after logging in. */
public final class LoginPaths {

  public static final String LOGIN = "/accounts/login/";
  public static final String HOME = "/chat/";

  private LoginPaths() {}

  /** The login page, with {@code next} set to the page asked for. */
  public static String loginUrl(HttpServletRequest request) {
    String next = request.getRequestURI();
    if (request.getQueryString() != null) {
      next += "?" + request.getQueryString();
    }
    return request.getContextPath()
        + LOGIN
        + "?next="
        + URLEncoder.encode(next, StandardCharsets.UTF_8);
  }

  /**
   * Where to go after logging in: {@code next} when it is a path on this site, else the room
   * list. Absolute and protocol-relative URLs are refused, so a link cannot send a user away.
   */
  public static String safeNext(String next) {
    if (next == null
        || !next.startsWith("/")
        || next.startsWith("//")
        || next.startsWith("/\\")
        || next.chars().anyMatch(c -> c < 0x20)) {
      return HOME;
    }
    return next;
  }
}
