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
import org.roomchat.account.HashingSlots;
import org.roomchat.account.LoginPaths;
import org.roomchat.account.LoginThrottle;
import org.roomchat.account.UsernamePolicy;
import org.roomchat.metrics.ChatMetrics;

/**
 * {@code /accounts/login/}: the form (fields {@code username}, {@code password}, {@code next}), and
 * its post, which logs in and redirects to {@code next} (a path on this site) or the room list. Too
 * many failures for the name (from strangers, or from this browser when its device cookie shows it
 * logged into the account before) or from the client's address get 429 before any password is
 * checked; when every password check is busy, 503. A name longer than any account's is refused
 * before any work.
 */
@WebServlet(LoginPaths.LOGIN)
public class LoginController extends HttpServlet {

  @Inject SessionLogin sessions;
  @Inject LoginThrottle throttle;
  @Inject HashingSlots hashing;
  @Inject ChatMetrics metrics;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws ServletException, IOException {
    Views.render("login", request, response);
  }

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response)
      throws ServletException, IOException {
    String username = FormFields.endingWith(request, "username");
    String password = FormFields.endingWith(request, "password");
    String address = AddressKey.of(request.getRemoteAddr());
    Optional<String> device = DeviceCookies.of(request);
    Duration wait = throttle.wait(username, device, address);
    if (!wait.isZero()) {
      metrics.loginRefused("throttled");
      Refusals.tooMany(request, response, wait);
      showForm("loginThrottled", username, request, response);
      return;
    }
    if (password == null || UsernamePolicy.lookupKey(username).isEmpty()) {
      // No account has such a name: refused before any work, and counted like a wrong password.
      failed(username, device, address, request, response);
      return;
    }
    Optional<HashingSlots.Slot> slot = hashing.enter();
    if (slot.isEmpty()) {
      metrics.loginRefused("busy");
      Refusals.busy(response);
      showForm("loginBusy", username, request, response);
      return;
    }
    boolean loggedIn;
    try (HashingSlots.Slot held = slot.get()) {
      loggedIn =
          sessions.logIn(request, response, username, password, FormFields.keepSignedIn(request));
    }
    if (loggedIn) {
      response.sendRedirect(
          request.getContextPath() + LoginPaths.safeNext(request.getParameter("next")));
      return;
    }
    failed(username, device, address, request, response);
  }

  private void failed(
      String username,
      Optional<String> device,
      String address,
      HttpServletRequest request,
      HttpServletResponse response)
      throws ServletException, IOException {
    throttle.failed(username, device, address);
    metrics.loginRefused("failed");
    showForm("loginFailed", username, request, response);
  }

  private void showForm(
      String problem, String username, HttpServletRequest request, HttpServletResponse response)
      throws ServletException, IOException {
    request.setAttribute(problem, true);
    request.setAttribute("username", username);
    Views.render("login", request, response);
  }
}
