package org.roomchat.web;

import jakarta.inject.Inject;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.roomchat.account.AccountLogins;
import org.roomchat.account.HashingSlots;
import org.roomchat.account.LoginPaths;
import org.roomchat.account.LoginThrottle;
import org.roomchat.account.PasswordChanges;
import org.roomchat.metrics.ChatMetrics;

/**
 * {@code /accounts/me/}: the logged-in user's own account. A GET shows the page ({@link
 * AccountPage}); its forms post (with their token, checked by {@link CsrfFilter}) to:
 *
 * <ul>
 *   <li>{@code /accounts/me/password}: a new password, given the current one. The account's other
 *       logins end on every node, this browser's goes on with a new form token. A wrong current
 *       password counts as a failed login (the same limits apply, this browser's device cookie
 *       included), so a borrowed session cannot guess it;
 *   <li>{@code /accounts/me/logins/{handle}/revoke}: ends one of the account's logins (its sockets
 *       close on every node).
 * </ul>
 *
 * "Sign out everywhere" is the logout form's. Logged-out visitors go to the login page and back.
 */
@WebServlet(AccountController.PATH + "*")
public class AccountController extends HttpServlet {

  static final String PATH = "/accounts/me/";

  private static final Pattern REVOKE = Pattern.compile("^/logins/([0-9a-f]{32})/revoke/?$");

  @Inject PasswordChanges passwords;
  @Inject AccountLogins logins;
  @Inject LoginThrottle throttle;
  @Inject HashingSlots hashing;
  @Inject ChatMetrics metrics;
  @Inject CsrfToken csrf;
  @Inject DeviceCookies devices;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws ServletException, IOException {
    String path = RequestPaths.after(request, "/accounts/me").orElse(null);
    if ("".equals(path)) {
      response.sendRedirect(request.getContextPath() + PATH);
      return;
    }
    if (path == null || !path.equals("/")) {
      response.sendError(HttpServletResponse.SC_NOT_FOUND);
      return;
    }
    if (request.getUserPrincipal() == null) {
      response.sendRedirect(LoginPaths.loginUrl(request));
      return;
    }
    render(request, response);
  }

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response)
      throws ServletException, IOException {
    if (request.getUserPrincipal() == null) {
      response.sendError(HttpServletResponse.SC_FORBIDDEN);
      return;
    }
    String path = RequestPaths.after(request, "/accounts/me").orElse("");
    if (path.equals("/password") || path.equals("/password/")) {
      changePassword(request, response);
      return;
    }
    Matcher revoke = REVOKE.matcher(path);
    if (!revoke.matches()) {
      response.sendError(HttpServletResponse.SC_NOT_FOUND);
      return;
    }
    if (!logins.revoke(request.getRemoteUser(), revoke.group(1))) {
      response.sendError(HttpServletResponse.SC_NOT_FOUND);
      return;
    }
    seeOther(request, response, PATH);
  }

  private void changePassword(HttpServletRequest request, HttpServletResponse response)
      throws ServletException, IOException {
    String user = request.getRemoteUser();
    Optional<String> login = SessionLogin.loginOf(request);
    if (login.isEmpty()) {
      response.sendError(HttpServletResponse.SC_FORBIDDEN);
      return;
    }
    String address = AddressKey.of(request.getRemoteAddr());
    Optional<String> device = DeviceCookies.of(request);
    Duration wait = throttle.wait(user, device, address);
    if (!wait.isZero()) {
      metrics.loginRefused("throttled");
      Refusals.tooMany(request, response, wait);
      request.setAttribute("passwordThrottled", true);
      render(request, response);
      return;
    }
    Optional<HashingSlots.Slot> slot = hashing.enter();
    if (slot.isEmpty()) {
      metrics.loginRefused("busy");
      Refusals.busy(response);
      request.setAttribute("passwordBusy", true);
      render(request, response);
      return;
    }
    try (HashingSlots.Slot held = slot.get()) {
      passwords.changeOwn(
          user,
          login.get(),
          request.getParameter("current_password"),
          request.getParameter("new_password"),
          request.getParameter("new_password2"));
    } catch (PasswordChanges.Refused refused) {
      if (refused.wrongPassword()) {
        throttle.failed(user, device, address);
        metrics.loginRefused("failed");
      }
      request.setAttribute("passwordProblems", refused.problems());
      response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
      render(request, response);
      return;
    }
    // No form shown before the change works after it.
    csrf.rotate(request, response);
    devices.remember(request, response, user);
    seeOther(request, response, PATH + "?changed");
  }

  private static void render(HttpServletRequest request, HttpServletResponse response)
      throws ServletException, IOException {
    Views.render("account", request, response);
  }

  static void seeOther(HttpServletRequest request, HttpServletResponse response, String path) {
    response.setStatus(HttpServletResponse.SC_SEE_OTHER);
    response.setHeader("Location", request.getContextPath() + path);
  }
}
