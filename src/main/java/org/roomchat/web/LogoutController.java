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
 * {@code /accounts/logout/}: a GET shows a page with a logout button and a "sign out everywhere"
 * button and changes nothing, so that a link or an image cannot log anyone out. The logout POST
 * (with its token, checked by {@link CsrfFilter}) ends this browser's login on every node and
 * closes its sockets; with {@code everywhere} it ends every login of the user, in every browser.
 * The browser then goes home.
 */
@WebServlet("/accounts/logout/")
public class LogoutController extends HttpServlet {

  @Inject SessionLogin sessions;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws ServletException, IOException {
    if (request.getUserPrincipal() == null) {
      response.sendRedirect(request.getContextPath() + LoginPaths.HOME);
      return;
    }
    Views.render("logout", request, response);
  }

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response)
      throws ServletException, IOException {
    if (request.getParameter("everywhere") != null) {
      sessions.logOutEverywhere(request, response);
    } else {
      sessions.logOut(request, response);
    }
    response.sendRedirect(request.getContextPath() + LoginPaths.HOME);
  }
}
