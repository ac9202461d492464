package org.roomchat.web;

import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.SecurityContext;
import jakarta.security.enterprise.authentication.mechanism.http.AuthenticationParameters;
import jakarta.security.enterprise.credential.Password;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

/** Logs a browser in and out for its HTTP session. */
final class SessionLogin {

  private SessionLogin() {}

  /**
   * Authenticates the caller for this session. A browser already logged in is logged out first, as
   * Django's login() flushes the session: otherwise the remembered login would win and the new
   * credentials would be ignored.
   */
  static boolean logIn(
      HttpServletRequest request,
      HttpServletResponse response,
      String username,
      String password,
      SecurityContext security)
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
    return status == AuthenticationStatus.SUCCESS;
  }

  /** Ends the login and the session; the server then closes the session's chat sockets. */
  static void logOut(HttpServletRequest request) throws ServletException {
    request.logout();
    HttpSession session = request.getSession(false);
    if (session != null) {
      session.invalidate();
    }
  }
}
