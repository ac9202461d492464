package org.roomchat.web;

import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonWriter;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.roomchat.account.AccountService;

/**
 * {@code /admin/}: the dashboard page, and {@code /admin/metrics.json}, the numbers its script
 * re-reads every few seconds; both take the room list's paging parameters. The page's account
 * forms post to {@link AdminAccountsController}. web.xml lets only the admin role in (others go to
 * the login page, or get 403 when logged in).
 */
@WebServlet("/admin/*")
public class AdminController extends HttpServlet {

  static final String METRICS_JSON = "/metrics.json";

  @Inject AdminDashboard dashboard;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws ServletException, IOException {
    String path = request.getPathInfo();
    if (path == null) {
      response.sendRedirect(request.getContextPath() + "/admin/");
      return;
    }
    // web.xml already guards /admin/*; checking again keeps this servlet safe if that changes.
    if (!request.isUserInRole(AccountService.ADMIN_ROLE)) {
      response.sendError(HttpServletResponse.SC_FORBIDDEN);
      return;
    }
    dashboard.show(RoomListParameters.of(request, "/admin/"));
    switch (path) {
      case "/":
        Views.render("admin", request, response);
        break;
      case METRICS_JSON:
        writeMetrics(response);
        break;
      default:
        response.sendError(HttpServletResponse.SC_NOT_FOUND);
    }
  }

  private void writeMetrics(HttpServletResponse response) throws IOException {
    response.setContentType("application/json");
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    try (JsonWriter writer = Json.createWriter(response.getWriter())) {
      writer.writeObject(dashboard.toJson());
    }
  }
}
