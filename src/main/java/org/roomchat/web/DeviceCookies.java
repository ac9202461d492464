package org.roomchat.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Optional;
import org.roomchat.account.DeviceCookie;
import org.roomchat.account.TrustedDevices;

/**
 * The device cookie, {@code roomchat_device}: handed to a browser each time it proves an account's
 * password (a login, a sign-up, a password change, an admin's confirmation), and read by every form
 * that checks a password, so that the login limits tell the account's own browsers from strangers
 * ({@link org.roomchat.account.LoginThrottle}). It outlives logouts: it says that the browser
 * logged in before, not that it is logged in. {@code HttpOnly}, {@code SameSite=Lax} (so no other
 * site's form posts it; WildFly's {@code undertow-handlers.conf} makes every cookie Lax anyway),
 * {@code Secure} as the login cookie is, for the whole site (the admin's confirmation posts under
 * {@code /admin/}), kept a year.
 */
@ApplicationScoped
public class DeviceCookies {

  static final String NAME = "roomchat_device";

  @Inject TrustedDevices devices;
  @Inject LoginCookie cookies;

  /** The device cookie the request carries, as it came. */
  static Optional<String> of(HttpServletRequest request) {
    return LoginCookie.value(request, NAME);
  }

  /** Hands the browser its device cookie for this account, after it proved the password. */
  void remember(HttpServletRequest request, HttpServletResponse response, String username) {
    devices
        .afterLogin(of(request), username)
        .ifPresent(
            value -> {
              Cookie cookie = cookies.cookie(request, NAME, value);
              cookie.setMaxAge((int) DeviceCookie.LIFETIME.toSeconds());
              response.addCookie(cookie);
            });
  }
}
