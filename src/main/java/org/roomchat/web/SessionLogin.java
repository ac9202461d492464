package org.roomchat.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.SecurityContext;
import jakarta.security.enterprise.authentication.mechanism.http.AuthenticationParameters;
import jakarta.security.enterprise.credential.Password;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.security.Principal;
import java.time.Duration;
import org.roomchat.websocket.ChatSessions;

/** Logs a browser in and out for its HTTP session. */
@ApplicationScoped
public class SessionLogin {

  @Inject SecurityContext security;
  @Inject SessionSettings settings;
  @Inject ChatSessions chat;

  /**
   * Authenticates the caller for this session. A browser already logged in is logged out first, as
   * Django's login() flushes the session: otherwise the remembered login would win and the new
   * credentials would be ignored.
   *
   * <p>A successful login gets a new session id, whatever the container does by itself, so that an
   * id planted or seen before the login (session fixation) is worth nothing after it; and a new
   * form token, so that no token shown to the anonymous visitor works for the logged-in user.
   */
  public boolean logIn(
      HttpServletRequest request, HttpServletResponse response, String username, String password)
      throws ServletException {
    if (request.getUserPrincipal() != null) {
      logOut(request);
    }
    AuthenticationStatus status =
        security.authenticate(
            request,
            response,
            AuthenticationParameters.withParams()
                .credential(new UsernamePasswordCredential(username, new Password(password)))
                .newAuthentication(true));
    if (status != AuthenticationStatus.SUCCESS) {
      return false;
    }
    request.getSession(true);
    request.changeSessionId();
    HttpSession session = request.getSession(false);
    SessionLifetimeFilter.startLifetime(session, settings);
    CsrfToken.rotate(session);
    return true;
  }

  /**
   * Ends the login and the session, and closes the user's chat sockets on this node with 1008. The
   * containers' own closing of a session's sockets is not to be relied on (Tyrus keeps one socket
   * per HTTP session); a page of another login of the same user reconnects at once, as its login
   * still holds.
   */
  void logOut(HttpServletRequest request) throws ServletException {
    Principal user = request.getUserPrincipal();
    request.logout();
    HttpSession session = request.getSession(false);
    if (session != null) {
      try {
        session.invalidate();
      } catch (IllegalStateException alreadyInvalidated) {
        // Another request of this browser ended it first.
      }
    }
    if (user != null) {
      chat.loggedOut(user.getName());
    }
  }

  /** A duration as the whole seconds of a session timeout. */
  static int seconds(Duration duration) {
    return (int) Math.min(Integer.MAX_VALUE, duration.toSeconds());
  }
}
