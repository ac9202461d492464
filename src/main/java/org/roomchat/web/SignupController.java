package org.roomchat.web;

import jakarta.inject.Inject;
import jakarta.security.enterprise.SecurityContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.roomchat.account.AccountService;
import org.roomchat.account.LoginPaths;

/** {@code /accounts/signup/}: creates an account, logs it in and goes on to the room list. */
@WebServlet("/accounts/signup/")
public class SignupController extends HttpServlet {

  @Inject AccountService accounts;
  @Inject SecurityContext security;

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
    try {
      accounts.register(username, password, confirmation);
    } catch (AccountService.SignupRefused refused) {
      request.setAttribute("problems", refused.problems());
      request.setAttribute("username", username);
      response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
      Views.render("signup", request, response);
      return;
    }
    LoginController.logIn(request, response, username, password, security);
    response.sendRedirect(
        request.getContextPath() + LoginPaths.safeNext(request.getParameter("next")));
  }
}
