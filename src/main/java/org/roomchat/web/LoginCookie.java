package org.roomchat.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Optional;
import org.roomchat.account.LoginMechanism;
import org.roomchat.account.LoginToken;
import org.roomchat.account.Logins;
import org.roomchat.config.WebSettings;

/**
 * Writes the login cookie: {@code HttpOnly}, {@code SameSite=Lax}, {@code Secure} over HTTPS (or
 * always, with {@code chat.session.secure-cookie}), kept for the login's lifetime when the user
 * chose to stay signed in and for the browser's session otherwise.
 */
@ApplicationScoped
public class LoginCookie {

  @Inject WebSettings settings;

  /** The login token the request carries, if it carries one in the right form. */
  public static Optional<LoginToken> of(HttpServletRequest request) {
    return value(request, LoginMechanism.LOGIN_COOKIE).flatMap(LoginToken::parse);
  }

  /**
   * The login token in these {@code Cookie} header values ({@code a=1; b=2}), as a WebSocket
   * handshake hands them over; a token value needs no quoting, so none is undone.
   */
  public static Optional<LoginToken> inHeaders(List<String> cookieHeaders) {
    for (String header : cookieHeaders) {
      for (String pair : header.split(";")) {
        int equals = pair.indexOf('=');
        if (equals > 0 && pair.substring(0, equals).strip().equals(LoginMechanism.LOGIN_COOKIE)) {
          return LoginToken.parse(pair.substring(equals + 1).strip());
        }
      }
    }
    return Optional.empty();
  }

  static Optional<String> value(HttpServletRequest request, String name) {
    Cookie[] cookies = request.getCookies();
    if (cookies == null) {
      return Optional.empty();
    }
    for (Cookie cookie : cookies) {
      if (name.equals(cookie.getName())) {
        return Optional.ofNullable(cookie.getValue());
      }
    }
    return Optional.empty();
  }

  /** Hands the browser its login's (new) token. */
  public void write(HttpServletRequest request, HttpServletResponse response, Logins.Issued issued) {
    Cookie cookie = cookie(request, LoginMechanism.LOGIN_COOKIE, issued.token().value());
    issued.cookieAge().ifPresent(age -> cookie.setMaxAge((int) age.toSeconds()));
    response.addCookie(cookie);
  }

  /** Tells the browser to forget its login. */
  public void clear(HttpServletRequest request, HttpServletResponse response) {
    Cookie cookie = cookie(request, LoginMechanism.LOGIN_COOKIE, "");
    cookie.setMaxAge(0);
    response.addCookie(cookie);
  }

  /** A cookie for the whole site with this project's attributes. */
  Cookie cookie(HttpServletRequest request, String name, String value) {
    Cookie cookie = new Cookie(name, value);
    String path = request.getContextPath();
    cookie.setPath(path == null || path.isEmpty() ? "/" : path);
    cookie.setHttpOnly(true);
    cookie.setSecure(settings.secureCookies() || request.isSecure());
    cookie.setAttribute("SameSite", "Lax");
    return cookie;
  }
}
