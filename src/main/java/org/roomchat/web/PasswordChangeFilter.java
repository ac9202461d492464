package org.roomchat.web;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.Optional;
import org.roomchat.account.LoginPaths;
import org.roomchat.account.PasswordChanges;

/**
 * Keeps a user who logged in with a one-time password (an admin's reset) on the account page until
 * they choose their own: a page load goes there, and any other request, a WebSocket handshake
 * included, is refused with 403. The account page, logging out and logging in stay open. Mapped in
 * web.xml after {@link LoginFilter}, so it sees only logins that are still good.
 *
 * <p>A session remembers the login it found free of the demand and asks the database no more: the
 * demand comes only with a one-time password, which ends every login of the account, and with it
 * every session built on one.
 */
public class PasswordChangeFilter extends HttpFilter {

  private static final String LOGOUT = "/accounts/logout/";

  /** The session attribute naming the login already found free to go anywhere. */
  private static final String FREE_LOGIN = PasswordChangeFilter.class.getName() + ".free";

  @Inject PasswordChanges passwords;

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    String user = request.getRemoteUser();
    if (user == null || RequestPaths.isStatic(request) || isAlwaysOpen(request)) {
      chain.doFilter(request, response);
      return;
    }
    HttpSession session = request.getSession(false);
    Optional<String> login = SessionLogin.loginOf(request);
    if (session != null && login.isPresent() && login.get().equals(freeLogin(session))) {
      chain.doFilter(request, response);
      return;
    }
    if (!passwords.mustChange(user)) {
      if (session != null && login.isPresent()) {
        session.setAttribute(FREE_LOGIN, login.get());
      }
      chain.doFilter(request, response);
      return;
    }
    if ("GET".equals(request.getMethod()) && !RequestPaths.isWebSocketUpgrade(request)) {
      response.sendRedirect(request.getContextPath() + AccountController.PATH);
    } else {
      response.sendError(HttpServletResponse.SC_FORBIDDEN);
    }
  }

  private static boolean isAlwaysOpen(HttpServletRequest request) {
    String path = RequestPaths.after(request, "").orElse("");
    return path.startsWith(AccountController.PATH)
        || path.equals(LOGOUT)
        || path.equals(LoginPaths.LOGIN);
  }

  private static Object freeLogin(HttpSession session) {
    try {
      return session.getAttribute(FREE_LOGIN);
    } catch (IllegalStateException invalidated) {
      return null;
    }
  }
}
