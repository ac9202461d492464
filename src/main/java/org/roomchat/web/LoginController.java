package org.roomchat.web;

import jakarta.inject.Inject;
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

  @Inject SessionLogin sessions;
  @Inject CsrfToken csrf;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws ServletException, IOException {
    csrf.prepare();
    Views.render("login", request, response);
  }

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response)
      throws ServletException, IOException {
    String username = FormFields.endingWith(request, "username");
    String password = FormFields.endingWith(request, "password");
    if (username != null
        && password != null
        && sessions.logIn(request, response, username, password)) {
      response.sendRedirect(
          request.getContextPath() + LoginPaths.safeNext(request.getParameter("next")));
      return;
    }
    request.setAttribute("loginFailed", true);
    request.setAttribute("username", username);
    // A failed login by someone logged in has ended their session: the form needs a new one.
    csrf.prepare();
    Views.render("login", request, response);
  }
}
