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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.roomchat.account.AccountService;
import org.roomchat.account.Logins;

/**
 * {@code /admin/}: the dashboard page, and {@code /admin/metrics.json}, the numbers its script
 * re-reads every few seconds; both take the room list's paging parameters. web.xml lets only the
 * admin role in (others go to the login page, or get 403 when logged in).
 */
@WebServlet("/admin/*")
public class AdminController extends HttpServlet {

  static final String METRICS_JSON = "/metrics.json";

  private static final Pattern USER_ACTION = Pattern.compile("^/users/([^/]+)/(enable|disable)$");

  @Inject AdminDashboard dashboard;
  @Inject AccountService accounts;
  @Inject Logins logins;

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
    response.setHeader("Cache-Control", "no-store");
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

  /**
   * {@code POST /admin/users/{name}/disable} (or {@code enable}): a disabled account can no longer
   * log in, its open sockets on every node and later handshakes are closed with 4003, and its
   * sessions end at their next request. An admin cannot change its own account.
   */
  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    if (!request.isUserInRole(AccountService.ADMIN_ROLE)) {
      response.sendError(HttpServletResponse.SC_FORBIDDEN);
      return;
    }
    Matcher action = USER_ACTION.matcher(RequestPaths.after(request, "/admin").orElse(""));
    if (!action.matches()) {
      response.sendError(HttpServletResponse.SC_NOT_FOUND);
      return;
    }
    String username = action.group(1);
    boolean enable = action.group(2).equals("enable");
    if (accounts.find(username).map(a -> a.getUsername().equals(request.getRemoteUser()))
        .orElse(false)) {
      // An admin who could disable itself could lock the last admin out.
      response.sendError(HttpServletResponse.SC_CONFLICT);
      return;
    }
    if (!accounts.setEnabled(username, enable)) {
      response.sendError(HttpServletResponse.SC_NOT_FOUND);
      return;
    }
    if (!enable) {
      // Ends its logins everywhere, which closes its sockets on every node.
      logins.revokeAll(username, true);
    }
    response.setStatus(HttpServletResponse.SC_SEE_OTHER);
    response.setHeader("Location", request.getContextPath() + "/admin/");
  }

  private void writeMetrics(HttpServletResponse response) throws IOException {
    response.setContentType("application/json");
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    try (JsonWriter writer = Json.createWriter(response.getWriter())) {
      writer.writeObject(dashboard.toJson());
    }
  }
}
