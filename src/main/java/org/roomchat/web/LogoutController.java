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
 * {@code /accounts/logout/}: a GET shows a page with a logout button and changes nothing, so that a
 * link or an image cannot log anyone out; the button's POST (with its token, checked by {@link
 * CsrfFilter}) ends the session, the server then closes its sockets, and the browser goes home.
 */
@WebServlet("/accounts/logout/")
public class LogoutController extends HttpServlet {

  @Inject CsrfToken csrf;
  @Inject SessionLogin sessions;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws ServletException, IOException {
    if (request.getUserPrincipal() == null) {
      response.sendRedirect(request.getContextPath() + LoginPaths.HOME);
      return;
    }
    csrf.prepare();
    Views.render("logout", request, response);
  }

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response)
      throws ServletException, IOException {
    sessions.logOut(request);
    response.sendRedirect(request.getContextPath() + LoginPaths.HOME);
  }
}
