package org.roomchat.web;

import jakarta.inject.Inject;
import jakarta.security.enterprise.SecurityContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.roomchat.account.LoginPaths;

/**
 * {@code /accounts/login/}: the form (fields {@code username}, {@code password}, {@code next}), and
 * its post, which logs in and redirects to {@code next} (a path on this site) or the room list.
 */
@WebServlet(LoginPaths.LOGIN)
public class LoginController extends HttpServlet {

  @Inject SecurityContext security;

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
    if (username != null
        && password != null
        && SessionLogin.logIn(request, response, username, password, security)) {
      response.sendRedirect(
          request.getContextPath() + LoginPaths.safeNext(request.getParameter("next")));
      return;
    }
    request.setAttribute("loginFailed", true);
    request.setAttribute("username", username);
    Views.render("login", request, response);
  }
}
