package org.roomchat.web;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.security.Principal;
import java.util.Optional;
import java.util.logging.Logger;
import org.roomchat.account.LoginToken;
import org.roomchat.account.Logins;

/**
 * Holds every logged-in request to its login's row, on every node: a login revoked elsewhere (a
 * logout, "sign out everywhere", a disabled account, a stolen token), or run out, ends here too at
 * the browser's next request, whichever node holds a session for it. A request that finds it so is
 * treated as logged out: a page is asked for again without the session (a protected one then goes
 * to the login page and back), and anything else goes on without a user, so a socket is refused
 * and a post changes nothing of the user's.
 *
 * <p>Now and then a page load also gives the login a new secret ({@code chat.login.rotate-minutes})
 * so that a copied cookie soon stops working, and shows itself when it is used after all. Mapped in
 * web.xml before {@link CsrfFilter}.
 */
public class LoginFilter extends HttpFilter {

  private static final Logger LOG = Logger.getLogger(LoginFilter.class.getName());

  @Inject Logins logins;
  @Inject LoginCookie cookies;

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    String user = request.getRemoteUser();
    if (user == null || RequestPaths.isStatic(request)) {
      chain.doFilter(request, response);
      return;
    }
    Optional<LoginToken> cookie = LoginCookie.of(request);
    Optional<String> login = SessionLogin.loginOf(request);
    Optional<Logins.InUse> inUse = login.flatMap(logins::inUse);
    if (inUse.isEmpty()) {
      SessionLogin.endSession(request);
      LOG.info("login_ended user=" + user + " reason=revoked-or-expired");
      if (isPageLoad(request)) {
        String query = request.getQueryString();
        response.setHeader("Cache-Control", "no-store");
        response.sendRedirect(request.getRequestURI() + (query == null ? "" : "?" + query));
        return;
      }
      chain.doFilter(new WithoutLogin(request), response);
      return;
    }
    HttpSession session = request.getSession(false);
    if (session != null && session.getAttribute(SessionLogin.LOGIN) == null) {
      // A session the container started for a login it took from the cookie.
      session.setAttribute(SessionLogin.LOGIN, login.get());
    }
    if (inUse.get().rotationDue()
        && isPageLoad(request)
        && cookie.map(LoginToken::id).equals(login)) {
      logins.rotate(cookie.get()).ifPresent(issued -> cookies.write(request, response, issued));
    }
    chain.doFilter(request, response);
  }

  /** A browser's GET of a page or its data: an answer whose cookies the browser takes. */
  private static boolean isPageLoad(HttpServletRequest request) {
    return ("GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod()))
        && !RequestPaths.isWebSocketUpgrade(request);
  }

  /** The request of a login that has just ended, as the servlets after this filter must see it. */
  private static final class WithoutLogin extends HttpServletRequestWrapper {

    WithoutLogin(HttpServletRequest request) {
      super(request);
    }

    @Override
    public Principal getUserPrincipal() {
      return null;
    }

    @Override
    public String getRemoteUser() {
      return null;
    }

    @Override
    public boolean isUserInRole(String role) {
      return false;
    }
  }
}
