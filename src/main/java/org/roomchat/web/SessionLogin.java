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
import java.util.Optional;
import org.roomchat.account.LoginToken;
import org.roomchat.account.Logins;
import org.roomchat.account.PendingLogin;

/** Logs a browser in and out: its login (a row every node reads), its cookie and its session. */
@ApplicationScoped
public class SessionLogin {

  /** The session attribute naming the login a session belongs to. */
  static final String LOGIN = SessionLogin.class.getName() + ".login";

  /**
   * The session attribute holding the generation of the login's secret the session was built on.
   */
  private static final String GENERATION = SessionLogin.class.getName() + ".generation";

  private static final int MAX_AGENT_LENGTH = 200;

  @Inject SecurityContext security;
  @Inject Logins logins;
  @Inject LoginCookie cookies;
  @Inject CsrfToken csrf;
  @Inject DeviceCookies devices;

  /**
   * Authenticates the caller and makes a login, kept for {@code chat.login.remember-days} or for
   * the browser's session. A browser already logged in is logged out first, as Django's login()
   * flushes the session: otherwise the remembered login would win and the new credentials would
   * be ignored.
   *
   * <p>A successful login gets a new session id, whatever the container does by itself, so that an
   * id planted or seen before the login (session fixation) is worth nothing after it; and a new
   * form token, so that no token shown to the anonymous visitor works for the logged-in user. The
   * browser gets a fresh device cookie for the account: its later logins for it count apart from
   * strangers' (see {@link org.roomchat.account.LoginThrottle}).
   */
  public boolean logIn(
      HttpServletRequest request,
      HttpServletResponse response,
      String username,
      String password,
      boolean keepSignedIn)
      throws ServletException {
    if (request.getUserPrincipal() != null) {
      logOut(request, response);
    }
    Optional<Logins.Issued> issued;
    try (PendingLogin pending = PendingLogin.begin(keepSignedIn, agent(request))) {
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
      issued = pending.issued();
    }
    Logins.Issued login =
        issued.orElseThrow(() -> new IllegalStateException("the login made no login token"));
    request.getSession(true);
    request.changeSessionId();
    bind(request.getSession(false), login.token().id(), login.generation());
    cookies.write(request, response, login);
    devices.remember(request, response, username);
    csrf.rotate(request, response);
    return true;
  }

  /**
   * Ends this browser's login everywhere: its row, its cookie, its session, and its sockets on
   * every node. Other logins of the same user (other browsers) go on.
   */
  void logOut(HttpServletRequest request, HttpServletResponse response) throws ServletException {
    Optional<String> login = loginOf(request);
    request.logout();
    login.ifPresent(logins::revoke);
    cookies.clear(request, response);
    endSession(request);
  }

  /** Ends every login of the user, on every node, this one included. */
  void logOutEverywhere(HttpServletRequest request, HttpServletResponse response)
      throws ServletException {
    Principal user = request.getUserPrincipal();
    if (user != null) {
      logins.revokeAll(user.getName(), false);
    }
    logOut(request, response);
  }

  /** The login of the request: the one its session belongs to, else the one its cookie names. */
  static Optional<String> loginOf(HttpServletRequest request) {
    HttpSession session = request.getSession(false);
    return (session == null ? Optional.<String>empty() : loginOf(session))
        .or(() -> LoginCookie.of(request).map(LoginToken::id));
  }

  /** The login a session belongs to, once a request of it has been seen by {@link LoginFilter}. */
  public static Optional<String> loginOf(HttpSession session) {
    try {
      if (session.getAttribute(LOGIN) instanceof String login) {
        return Optional.of(login);
      }
    } catch (IllegalStateException invalidated) {
      // ended meanwhile by another request of this browser
    }
    return Optional.empty();
  }

  /**
   * The generation of the login's secret the session was last shown (see {@link
   * org.roomchat.account.UserLogin#getGeneration}); empty without a session or before its first
   * request passed {@link LoginFilter}.
   */
  static Optional<Long> generationOf(HttpServletRequest request) {
    HttpSession session = request.getSession(false);
    try {
      if (session != null && session.getAttribute(GENERATION) instanceof Long generation) {
        return Optional.of(generation);
      }
    } catch (IllegalStateException invalidated) {
      // ended meanwhile by another request of this browser
    }
    return Optional.empty();
  }

  /** Ties the session to this login, built on this generation of its secret. */
  static void bind(HttpSession session, String login, long generation) {
    try {
      session.setAttribute(LOGIN, login);
      session.setAttribute(GENERATION, generation);
    } catch (IllegalStateException invalidated) {
      // ended meanwhile by another request of this browser: nothing to tie
    }
  }

  /** Ends the session of this node, without touching the login. */
  static void endSession(HttpServletRequest request) {
    HttpSession session = request.getSession(false);
    if (session != null) {
      try {
        session.invalidate();
      } catch (IllegalStateException alreadyInvalidated) {
        // Another request of this browser ended it first.
      }
    }
  }

  /** The browser's label for the login: its User-Agent, printable and short. */
  static String agent(HttpServletRequest request) {
    String agent = request.getHeader("User-Agent");
    if (agent == null) {
      return "";
    }
    String printable = agent.replaceAll("[^\\x20-\\x7E]", "?").strip();
    return printable.length() <= MAX_AGENT_LENGTH
        ? printable
        : printable.substring(0, MAX_AGENT_LENGTH);
  }
}
