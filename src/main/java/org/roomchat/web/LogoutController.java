package org.roomchat.web;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.roomchat.account.LoginPaths;

/**
 * {@code /accounts/logout/}: ends the session (the server then closes its sockets) and goes home.
 */
@WebServlet("/accounts/logout/")
public class LogoutController extends HttpServlet {

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws ServletException, IOException {
    doPost(request, response);
  }

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response)
      throws ServletException, IOException {
    SessionLogin.logOut(request);
    response.sendRedirect(request.getContextPath() + LoginPaths.HOME);
  }
}
