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
import org.roomchat.metrics.ChatMetrics;

/**
 * {@code /accounts/signup/}: creates an account, logs it in and goes on to {@code next} or the room
 * list. A refused sign-up shows the form again with every problem (name taken, weak or mismatched
 * password). An address past its sign-ups, or its refused sign-ups, for the hour gets 429 before
 * any check, and nothing is created.
 */
@WebServlet("/accounts/signup/")
public class SignupController extends HttpServlet {

  @Inject AccountService accounts;
  @Inject SessionLogin sessions;
  @Inject SignupThrottle throttle;
  @Inject HashingSlots hashing;
  @Inject ChatMetrics metrics;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws ServletException, IOException {
    Views.render("signup", request, response);
  }

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response)
      throws ServletException, IOException {
    String username = FormFields.endingWith(request, "username");
    String password = FormFields.endingWith(request, "password");
    String confirmation = FormFields.endingWith(request, "password2");
    String address = AddressKey.of(request.getRemoteAddr());
    Duration wait = throttle.wait(address);
    if (!wait.isZero()) {
      metrics.signupRefused("throttled");
      Refusals.tooMany(request, response, wait);
      showForm("signupThrottled", username, request, response);
      return;
    }
    String next = LoginPaths.safeNext(request.getParameter("next"));
    // One slot for both hashes, the new account's and the login's: a busy server turns the
    // sign-up away whole, never halfway.
    Optional<HashingSlots.Slot> slot = hashing.enter();
    if (slot.isEmpty()) {
      metrics.signupRefused("busy");
      Refusals.busy(response);
      showForm("signupBusy", username, request, response);
      return;
    }
    boolean loggedIn;
    try (HashingSlots.Slot held = slot.get()) {
      accounts.register(username, password, confirmation);
      throttle.signedUp(address);
      loggedIn = sessions.logIn(request, response, username, password, FormFields.keepSignedIn(request));
    } catch (AccountService.SignupRefused refused) {
      throttle.refused(address);
      request.setAttribute("problems", refused.problems());
      request.setAttribute("username", username);
      response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
      Views.render("signup", request, response);
      return;
    }
    if (!loggedIn) {
      // The account exists but the login did not take: the user logs in by hand.
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
    Views.render("signup", request, response);
  }
}
