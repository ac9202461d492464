package org.roomchat.web;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import java.util.logging.Logger;
import org.roomchat.account.AccountService;

/**
 * Ends a session that has lived longer than {@code chat.session.max-hours} since its login (or
 * since it began, without one), however busy it is: the idle timeout alone would let a stolen
 * session live for ever. Ends too, on any node, the session of an account that has been disabled
 * since its login. A request that finds it so is treated as logged out: a page is asked for
 * again, now without the session (a protected one then goes to the login page and back), and a form
 * post finds no token and is refused. Mapped in web.xml before {@link CsrfFilter}.
 */
public class SessionLifetimeFilter extends HttpFilter {

  private static final Logger LOG = Logger.getLogger(SessionLifetimeFilter.class.getName());
  private static final String STARTED_AT = SessionLifetimeFilter.class.getName() + ".startedAt";
  private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD");

  @Inject SessionSettings settings;
  @Inject SessionLogin sessions;
  @Inject AccountService accounts;

  /**
   * Starts the session's lifetime again, at a login, with the idle timeout of a login (or the whole
   * lifetime, if that is shorter).
   */
  static void startLifetime(HttpSession session, SessionSettings settings) {
    session.setAttribute(STARTED_AT, System.currentTimeMillis());
    Duration idle = settings.idle();
    Duration max = settings.maxLifetime();
    session.setMaxInactiveInterval(SessionLogin.seconds(idle.compareTo(max) < 0 ? idle : max));
  }

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    HttpSession session = request.getSession(false);
    Duration left =
        session == null
            ? null
            : remaining(session, System.currentTimeMillis(), settings.maxLifetime());
    String user = request.getRemoteUser();
    String ended =
        left != null && left.isNegative()
            ? "max-lifetime"
            : user != null && !isStatic(request) && !accounts.isEnabled(user)
                ? "account-disabled"
                : null;
    if (ended != null) {
      sessions.logOut(request);
      LOG.info("session_expired user=" + (user == null ? "-" : user) + " reason=" + ended);
      if (SAFE_METHODS.contains(request.getMethod())
          && !"websocket".equalsIgnoreCase(request.getHeader("Upgrade"))) {
        String query = request.getQueryString();
        response.setHeader("Cache-Control", "no-store");
        response.sendRedirect(request.getRequestURI() + (query == null ? "" : "?" + query));
        return;
      }
      // Without its session the request has no login: the handshake gate refuses a WebSocket and
      // CsrfFilter refuses a post.
    }
    chain.doFilter(request, response);
  }

  /** The pages' scripts and styles: they need no account, so they cost no lookup. */
  private static boolean isStatic(HttpServletRequest request) {
    return request.getServletPath().startsWith("/static/");
  }

  /**
   * How long the session may live on: {@code max} from its login, else from its creation. Negative
   * once it has outlived {@code max}; null when it has been ended meanwhile.
   */
  static Duration remaining(HttpSession session, long nowMillis, Duration max) {
    try {
      Object started = session.getAttribute(STARTED_AT);
      long startedAt = started instanceof Long millis ? millis : session.getCreationTime();
      return max.minusMillis(nowMillis - startedAt);
    } catch (IllegalStateException invalidated) {
      return null;
    }
  }
}
