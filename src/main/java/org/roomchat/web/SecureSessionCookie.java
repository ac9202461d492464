package org.roomchat.web;

import jakarta.inject.Inject;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import org.roomchat.config.WebSettings;

/**
 * Marks the session cookie {@code Secure} on every answer when {@code chat.session.secure-cookie}
 * (CHAT_SESSION_SECURE_COOKIE) is true: the setting for a site served over HTTPS by a proxy that
 * ends TLS, where the server itself sees plain HTTP. (A request that reaches the server over HTTPS
 * gets a Secure cookie from the container anyway.) The cookie's other attributes are in web.xml.
 */
@WebListener
public class SecureSessionCookie implements ServletContextListener {

  @Inject WebSettings settings;

  @Override
  public void contextInitialized(ServletContextEvent event) {
    if (settings.secureCookies()) {
      event.getServletContext().getSessionCookieConfig().setSecure(true);
    }
  }
}
