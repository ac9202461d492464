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
 * to the login page and back), and anything else goes on without a user, so a socket is refused and
 * a post changes nothing of the user's.
 *
 * <p>Every such request shows its login's secret (its cookie) or the generation of the secret its
 * session was built on, and both are checked against the row: an old secret past its grace period
 * reveals a copy of the cookie, with a session or without, and ends the login everywhere. Now and
 * then a page load also gives the login a new secret ({@code chat.login.rotate-minutes}) so that a
 * copied cookie soon stops working, and shows itself when it is used after all. Mapped in web.xml
 * before {@link CsrfFilter}.
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
    Optional<Logins.InUse> inUse =
        login.flatMap(id -> logins.inUse(id, cookie, SessionLogin.generationOf(request)));
    if (inUse.isEmpty()) {
      SessionLogin.endSession(request);
      LOG.info("login_ended user=" + user + " reason=revoked-or-expired");
      if (isPageLoad(request)) {
        String query = request.getQueryString();
        response.sendRedirect(request.getRequestURI() + (query == null ? "" : "?" + query));
        return;
      }
      chain.doFilter(new WithoutLogin(request), response);
      return;
    }
    // The session (one the container started for a login it took from the cookie, too) keeps
    // the generation this request proved, so that it cannot outlive its cookie's rotation.
    HttpSession session = request.getSession(false);
    long generation = inUse.get().generation();
    if (inUse.get().rotationDue()
        && isPageLoad(request)
        && cookie.map(LoginToken::id).equals(login)) {
      Optional<Logins.Issued> rotated = logins.rotate(cookie.get());
      if (rotated.isPresent()) {
        cookies.write(request, response, rotated.get());
        generation = rotated.get().generation();
      }
    }
    if (session != null) {
      SessionLogin.bind(session, login.get(), generation);
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
