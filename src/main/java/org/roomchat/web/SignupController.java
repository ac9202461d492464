package org.roomchat.web;

import jakarta.inject.Inject;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.roomchat.account.AccountService;
import org.roomchat.account.HashingSlots;
import org.roomchat.account.LoginPaths;
import org.roomchat.account.SignupThrottle;
import org.roomchat.account.UserAccount;
import org.roomchat.metrics.ChatMetrics;

/**
 * {@code /accounts/signup/}: creates an account, logs it in and goes on to {@code next} or the room
 * list. A refused sign-up shows the form again with every problem (name taken, weak or mismatched
 * password). An address past its sign-ups for the hour gets 429 and nothing is created.
 */
@WebServlet("/accounts/signup/")
public class SignupController extends HttpServlet {

  @Inject AccountService accounts;
  @Inject SessionLogin sessions;
  @Inject CsrfToken csrf;
  @Inject SignupThrottle throttle;
  @Inject HashingSlots hashing;
  @Inject ChatMetrics metrics;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws ServletException, IOException {
    csrf.prepare();
    Views.render("signup", request, response);
  }

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response)
      throws ServletException, IOException {
    String username = FormFields.endingWith(request, "username");
    String password = FormFields.endingWith(request, "password");
    String confirmation = FormFields.endingWith(request, "password2");
    String address = request.getRemoteAddr();
    Duration wait = throttle.wait(address);
    if (!wait.isZero()) {
      metrics.signupRefused("throttled");
      Refusals.tooMany(request, response, wait);
      showForm("signupThrottled", username, request, response);
      return;
    }
    try {
      Optional<UserAccount> created =
          hashing.run(() -> accounts.register(username, password, confirmation));
      if (created.isEmpty()) {
        metrics.signupRefused("busy");
        Refusals.busy(response);
        showForm("signupBusy", username, request, response);
        return;
      }
      throttle.signedUp(address);
    } catch (AccountService.SignupRefused refused) {
      request.setAttribute("problems", refused.problems());
      request.setAttribute("username", username);
      response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
      csrf.prepare();
      Views.render("signup", request, response);
      return;
    }
    String next = LoginPaths.safeNext(request.getParameter("next"));
    if (!hashing.run(() -> sessions.logIn(request, response, username, password)).orElse(false)) {
      // The account exists but the login did not take (or found no free slot): the user logs in
      // by hand.
      response.sendRedirect(
          request.getContextPath()
              + LoginPaths.LOGIN
              + "?next="
              + URLEncoder.encode(next, StandardCharsets.UTF_8));
      return;
    }
    response.sendRedirect(request.getContextPath() + next);
  }

  private void showForm(
      String problem, String username, HttpServletRequest request, HttpServletResponse response)
      throws ServletException, IOException {
    request.setAttribute(problem, true);
    request.setAttribute("username", username);
    csrf.prepare();
    Views.render("signup", request, response);
  }
}
