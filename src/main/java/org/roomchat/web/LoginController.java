package org.roomchat.web;

import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.SecurityContext;
import jakarta.security.enterprise.authentication.mechanism.http.AuthenticationParameters;
import jakarta.security.enterprise.credential.Password;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.roomchat.account.LoginPaths;

/**
 * {@code /accounts/login/}: the form (fields {@code username}, {@code password}, {@code next}),
 * and its post, which logs in and redirects to {@code next} or the room list.
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
    if (username != null && password != null && logIn(request, response, username, password)) {
      response.sendRedirect(
          request.getContextPath() + LoginPaths.safeNext(request.getParameter("next")));
      return;
    }
    request.setAttribute("loginFailed", true);
    Views.render("login", request, response);
  }

  /** Authenticates the caller for this session; also used right after sign-up. */
  static boolean logIn(
      HttpServletRequest request,
      HttpServletResponse response,
      String username,
      String password,
      SecurityContext security) {
    AuthenticationStatus status =
        security.authenticate(
            request,
            response,
            AuthenticationParameters.withParams()
                .credential(new UsernamePasswordCredential(username, new Password(password)))
                .newAuthentication(true));
    return status == AuthenticationStatus.SUCCESS;
  }

  private boolean logIn(
      HttpServletRequest request, HttpServletResponse response, String username, String password) {
    return logIn(request, response, username, password, security);
  }
}
