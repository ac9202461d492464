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
import org.roomchat.account.AccountService;
import org.roomchat.account.LoginPaths;

/**
 * {@code /accounts/signup/}: creates an account, logs it in and goes on to {@code next} or the room
 * list. A refused sign-up shows the form again with every problem (name taken, weak or mismatched
 * password).
 */
@WebServlet("/accounts/signup/")
public class SignupController extends HttpServlet {

  @Inject AccountService accounts;
  @Inject SessionLogin sessions;
  @Inject CsrfToken csrf;

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
    try {
      accounts.register(username, password, confirmation);
    } catch (AccountService.SignupRefused refused) {
      request.setAttribute("problems", refused.problems());
      request.setAttribute("username", username);
      response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
      csrf.prepare();
      Views.render("signup", request, response);
      return;
    }
    String next = LoginPaths.safeNext(request.getParameter("next"));
    if (!sessions.logIn(request, response, username, password)) {
      // The account exists but the login did not take: let the user log in by hand.
      response.sendRedirect(
          request.getContextPath()
              + LoginPaths.LOGIN
              + "?next="
              + URLEncoder.encode(next, StandardCharsets.UTF_8));
      return;
    }
    response.sendRedirect(request.getContextPath() + next);
  }
}
